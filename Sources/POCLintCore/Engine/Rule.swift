/// An example for a rule: Markdown that must (or must not) trigger it.
///
/// `.section(component, text)` replaces that component's section of a complete, excellent
/// application with `text`, so that an example stays short and the rest of the document is clean.
public enum RuleExample: Sendable {
    case document(String)
    case section(Component, String)
}

/// A documented option of a rule, set in `.poclint.yml` under `rules: {id: {options: ...}}`.
public struct RuleOption: Sendable {
    public var name: String
    public var defaultValue: String
    public var summary: String
    public init(_ name: String, default defaultValue: String, _ summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// Everything known about a rule, in one place: tests and docs are generated from it.
public struct RuleDescription: Sendable {
    /// kebab-case identifier, e.g. `missing-component`.
    public var id: String
    public var title: String
    /// What it checks, precisely (the docs page's first section).
    public var detail: String
    /// Why a reviewer cares.
    public var rationale: String
    public var severity: Severity
    /// The component it checks; nil for whole-document rules.
    public var component: Component?
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]
    public var options: [RuleOption]
    /// Whether the rule reads prose (it must then be silent on text inside code blocks).
    public var readsProse: Bool
    /// The profiles the rule runs in (`any`: every profile).
    public var profiles: [String]

    /// Whether the rule runs on an application of this profile.
    public func runs(in profile: String) -> Bool { profiles.contains("any") || profiles.contains(profile) }

    public init(id: String, title: String, detail: String, rationale: String, severity: Severity, component: Component?,
                triggering: [RuleExample], nonTriggering: [RuleExample], options: [RuleOption] = [],
                readsProse: Bool = true, profiles: [String] = ["poc"]) {
        self.profiles = profiles
        self.id = id
        self.title = title
        self.detail = detail
        self.rationale = rationale
        self.severity = severity
        self.component = component
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.options = options
        self.readsProse = readsProse
    }

    /// PascalCase name (SARIF `name`).
    public var name: String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// A rule: a description and a check over a `LintContext`.
public protocol Rule: Sendable {
    var description: RuleDescription { get }
    /// Appends this rule's findings. Use `context.report(...)` so severity overrides apply.
    func check(_ context: LintContext)
}
