import Foundation
import POCLintCore
import POCLintReport

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A rule for reporter tests: flags every occurrence of a word, found in the source bytes,
/// so the tests do not depend on what the real rules report.
struct FlagWord: Rule {
    let word: String
    let severity: Severity
    let withFix: Bool

    init(_ word: String = "cutting-edge", severity: Severity = .warning, withFix: Bool = false) {
        self.word = word
        self.severity = severity
        self.withFix = withFix
    }

    var description: RuleDescription {
        RuleDescription(id: "test-flag", title: "A flagged word", detail: "A word.", rationale: "Tests need a finding at a known place.",
                        severity: severity, component: .useCase,
                        triggering: [.document("cutting-edge")], nonTriggering: [.document("plain")])
    }

    func check(_ context: LintContext) {
        let bytes = context.source.bytes
        let needle = Array(word.utf8)
        var i = 0
        while i + needle.count <= bytes.count {
            if Array(bytes[i..<i + needle.count]) == needle {
                let r = SourceRange(i, i + needle.count)
                let fix = withFix ? Fix(title: "Say what it does", edits: [TextEdit(range: r, replacement: "measured")], isSafe: true) : nil
                context.report(r, "Vague phrase '\(word)': say what the model does.", suggestion: "Replace it with a measurable claim.", fix: fix)
                i += needle.count
            } else {
                i += 1
            }
        }
    }
}

/// The line of integration.md §0: 🚀 is 1 scalar, 2 UTF-16 units, 4 UTF-8 bytes.
let rocketDocument = "# Acme\n\n\u{1F680} We use cutting-edge models.\n"

func report(_ markdown: String, path: String = "apps/acme.md", rules: [any Rule] = [FlagWord()]) -> FileReport {
    let result = Linter(rules: rules).lint(markdown, path: path)
    return FileReport(path: path, result: result)
}

func options(_ rules: [any Rule] = [FlagWord()]) -> ReportOptions {
    var o = ReportOptions()
    o.rules = rules.map(\.description)
    o.baseDirectory = "/work/repo"
    return o
}

/// Parses JSON text with Foundation (the reporters write JSON by hand).
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

extension Dictionary where Key == String, Value == Any {
    func obj(_ k: String) -> [String: Any] { self[k] as? [String: Any] ?? [:] }
    func arr(_ k: String) -> [Any] { self[k] as? [Any] ?? [] }
    func int(_ k: String) -> Int? { self[k] as? Int }
    func str(_ k: String) -> String? { self[k] as? String }
}
