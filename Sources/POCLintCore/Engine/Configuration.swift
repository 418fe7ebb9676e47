/// A value of a rule option.
public enum OptionValue: Sendable, Hashable {
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([String])
}

/// How one rule is configured: its severity (nil = the rule's default), whether it is off, its options.
public struct RuleSetting: Sendable, Hashable {
    public var enabled: Bool = true
    public var severity: Severity?
    public var options: [String: OptionValue] = [:]
    public init(enabled: Bool = true, severity: Severity? = nil, options: [String: OptionValue] = [:]) {
        self.enabled = enabled
        self.severity = severity
        self.options = options
    }
}

/// Everything a lint run is configured by. The default is the built-in behaviour.
public struct Configuration: Sendable {
    public var rules: [String: RuleSetting] = [:]
    public var pack: RulePack = .builtIn
    /// The profile of `.poclint.yml` (`profile:`), for documents that do not choose one.
    public var profile: String? = nil
    /// `--profile`: the profile of every single-application document of the run.
    public var profileOverride: String? = nil
    /// Relative tolerance for budget arithmetic (0.10 = 10%).
    public var budgetTolerance: Double = 0.10
    /// The POC window the application must use (60 or 90), or nil for either.
    public var requiredWindow: Int? = nil
    /// The credit requested, in dollars, when the document does not say.
    public var requestedCredit: Double? = nil
    /// Days in a month for per-day to per-month arithmetic.
    public var daysPerMonth: Double = 30
    /// The file the configuration came from, if any.
    public var source: String? = nil
    /// Every rule id that exists, for suppression comments (nil: the ids of the linter's rules).
    public var knownRuleIDs: Set<String>? = nil

    public init() {}

    public func setting(_ id: String) -> RuleSetting { rules[id] ?? RuleSetting() }
}
