/// How serious a finding is. Ordered: `info < warning < error`.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The five components a Bedrock POC application must have.
public enum Component: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case useCase = "use-case"
    case model
    case evaluation
    case budget
    case timeline

    /// The name a founder reads.
    public var title: String {
        switch self {
        case .useCase: "use case"
        case .model: "model selection rationale"
        case .evaluation: "evaluation methodology"
        case .budget: "budget projection"
        case .timeline: "POC timeline"
        }
    }

    /// A heading for a new section of this component.
    public var heading: String {
        switch self {
        case .useCase: "Use case"
        case .model: "Model selection rationale"
        case .evaluation: "Evaluation methodology"
        case .budget: "Budget projection"
        case .timeline: "POC timeline"
        }
    }

    public static func < (lhs: Component, rhs: Component) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A replacement of a source range by new text.
public struct TextEdit: Sendable, Hashable, Codable {
    public var range: SourceRange
    public var replacement: String
    public init(range: SourceRange, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A change that resolves a finding. `isSafe` fixes cannot change meaning and are applied by `--fix`.
public struct Fix: Sendable, Hashable, Codable {
    public var title: String
    public var edits: [TextEdit]
    public var isSafe: Bool
    public init(title: String, edits: [TextEdit], isSafe: Bool) {
        self.title = title
        self.edits = edits
        self.isSafe = isSafe
    }
}

/// Another place that explains a finding (the line items behind a wrong total).
public struct RelatedLocation: Sendable, Hashable, Codable {
    public var range: SourceRange
    public var message: String
    public init(range: SourceRange, message: String) {
        self.range = range
        self.message = message
    }
}

/// One finding of one rule.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var component: Component?
    /// What to write instead, in words.
    public var suggestion: String?
    public var fix: Fix?
    public var related: [RelatedLocation]

    public init(ruleID: String, severity: Severity, message: String, range: SourceRange,
                component: Component? = nil, suggestion: String? = nil, fix: Fix? = nil,
                related: [RelatedLocation] = []) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.range = range
        self.component = component
        self.suggestion = suggestion
        self.fix = fix
        self.related = related
    }
}
