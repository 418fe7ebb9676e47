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
    /// Every rule the run knows (SARIF `tool.driver.rules`, in this order).
    public var rules: [RuleDescription] = []
    /// Absolute path of the directory relative paths are read from (SARIF `%SRCROOT%`),
    /// with or without a trailing slash; nil: paths are written as given.
    public var baseDirectory: String? = nil
    /// Whether the text output ends each file with its predicted tier and scorecard.
    public var scorecard: Bool = true
    public init() {}

    public func helpURL(_ ruleID: String) -> String { docsBase + ruleID + ".md" }
}

/// A reporter turns the results of a run into the bytes of one output format.
public protocol Reporter {
    func render(_ files: [FileReport], options: ReportOptions) -> String
}

/// Start and end of a range in the coordinates the outputs need. `end` is exclusive: the
/// position just after the last character.
public struct Span: Sendable, Hashable {
    public let start: SourcePosition
    public let end: SourcePosition

    public init(_ range: SourceRange, in text: SourceText) {
        start = text.location(of: range.start)
        end = text.location(of: max(range.start, range.end))
    }
}

/// Counts of diagnostics by severity over a set of files.
public struct SeverityCounts: Sendable, Hashable {
    public var error = 0, warning = 0, info = 0
    public init() {}
    public init(_ files: [FileReport]) {
        for f in files { add(f.result.diagnostics) }
    }
    public init(_ diagnostics: [Diagnostic]) { add(diagnostics) }
    public init(summaries: [FileSummary]) {
        for f in summaries {
            error += f.counts.error
            warning += f.counts.warning
            info += f.counts.info
        }
    }

    public mutating func add(_ diagnostics: [Diagnostic]) {
        for d in diagnostics {
            switch d.severity {
            case .error: error += 1
            case .warning: warning += 1
            case .info: info += 1
            }
        }
    }

    public var total: Int { error + warning + info }

    /// `3 errors, 1 warning, 0 info`
    public var phrase: String {
        func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        return "\(n(error, "error")), \(n(warning, "warning")), \(info) info"
    }
}

/// The reporter for a format name, or nil.
public enum Reporters {
    public static let names = ["text", "json", "sarif", "github"]

    public static func named(_ name: String) -> (any Reporter)? {
        switch name {
        case "text": TextReporter()
        case "json": JSONReporter()
        case "sarif": SARIFReporter()
        case "github": GitHubReporter()
        default: nil
        }
    }
}
