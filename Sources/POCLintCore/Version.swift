/// The tool's name and version.
public enum POCLint {
    public static let name = "poclint"
    public static let version = "0.1.0"
}
