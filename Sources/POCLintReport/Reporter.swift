import POCLintCore

/// One linted file as the reporters see it.
public struct FileReport: Sendable {
    /// The path as the user should read it (relative to the working directory where possible).
    public let path: String
    public let result: LintResult
    public init(path: String, result: LintResult) {
        self.path = path
        self.result = result
    }
}

/// Options every reporter may read.
public struct ReportOptions: Sendable {
    public var color: Bool = false
    /// Base URL of the rule pages; a rule's page is `docsBase + id`.
    public var docsBase: String = "https://github.com/poclint/poclint/blob/main/docs/rules/"
    public var toolVersion: String = POCLint.version
    public init() {}

    public func helpURL(_ ruleID: String) -> String { docsBase + ruleID + ".md" }
}

/// A reporter turns the results of a run into the bytes of one output format.
public protocol Reporter {
    func render(_ files: [FileReport], options: ReportOptions) -> String
}
