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

/// A required section of an application (a component of the POC application, a section of the
/// accelerator application). Components are data: each profile lists its own in
/// `rules/<profile>/components.yml`; ids are unique across profiles.
public struct Component: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ id: String) { self.rawValue = id }

    // The POC profile's components.
    public static let useCase = Component("use-case")
    public static let model = Component("model")
    public static let evaluation = Component("evaluation")
    public static let budget = Component("budget")
    public static let timeline = Component("timeline")

    // The accelerator profile's sections.
    public static let company = Component("company")
    public static let product = Component("product")
    public static let architecture = Component("architecture")
    public static let migration = Component("migration")
    public static let consumption = Component("consumption")
    public static let references = Component("references")

    /// The name a founder reads, in a sentence ("budget projection").
    public var title: String { ComponentNames.builtIn.names[rawValue]?.name ?? rawValue }

    /// A heading for a new section of this component ("Budget projection").
    public var heading: String { ComponentNames.builtIn.names[rawValue]?.heading ?? rawValue }

    /// A short name for tables ("model rationale").
    public var shortTitle: String { ComponentNames.builtIn.names[rawValue]?.short ?? title }

    public var description: String { rawValue }
}

/// The names of every built-in profile's components, read from the embedded rule packs.
public struct ComponentNames: Sendable {
    public var names: [String: (name: String, heading: String, short: String)]
    public static let builtIn: ComponentNames = {
        var names: [String: (name: String, heading: String, short: String)] = [:]
        for p in RulePack.builtIn.profiles {
            for e in p.components.components { names[e.id.rawValue] = (e.name, e.title, e.short ?? e.name) }
        }
        return ComponentNames(names: names)
    }()
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
