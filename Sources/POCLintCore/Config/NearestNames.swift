/// "Did you mean": the known names closest to a mistyped one (Levenshtein distance).
public enum NearestNames {
    /// Up to `limit` names within a distance of a third of the longer name (at least 2),
    /// nearest first; names that contain the input, or that it contains, count as near too.
    public static func suggest(_ input: String, among names: [String], limit: Int = 3) -> [String] {
        let needle = input.lowercased()
        var scored: [(String, Int)] = []
        for name in names {
            let d = distance(needle, name.lowercased())
            let allowed = max(2, max(needle.count, name.count) / 3)
            if d <= allowed || (needle.count >= 3 && (name.contains(needle) || needle.contains(name))) {
                scored.append((name, d))
            }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// ` (did you mean 'a' or 'b'?)`, or an empty string.
    public static func hint(_ input: String, among names: [String]) -> String {
        let near = suggest(input, among: names)
        guard !near.isEmpty else { return "" }
        let quoted = near.map { "'\($0)'" }
        let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
        return " (did you mean \(list)?)"
    }

    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
