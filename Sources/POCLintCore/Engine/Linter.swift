/// The result of linting one file.
public struct LintResult: Sendable {
    public let path: String
    public let document: Document
    public let components: ComponentMap
    public let diagnostics: [Diagnostic]
    /// Bytes that preceded the text (a UTF-8 BOM), for writing fixes back.
    public let prefix: [UInt8]
    /// The parts of the document, each with its profile, prediction and facts (one part unless
    /// the document holds two applications).
    public var parts: [PartResult]

    /// The predicted outcome of the first part, when the linter has a predictor.
    public var prediction: Prediction? {
        get { parts.first?.prediction }
        set { if !parts.isEmpty { parts[0].prediction = newValue } }
    }

    /// Every part's prediction, in document order.
    public var predictions: [Prediction] { parts.compactMap(\.prediction) }

    /// The part that holds a byte offset.
    public func part(containing offset: Int) -> PartResult? {
        parts.first { $0.part.scope.map { offset >= $0.start && offset < $0.end } ?? true } ?? parts.last
    }

    /// The profile of the first part.
    public var profile: String { parts.first?.part.profile ?? "poc" }

    public init(path: String, document: Document, components: ComponentMap, diagnostics: [Diagnostic], prefix: [UInt8],
                parts: [PartResult]) {
        self.path = path
        self.document = document
        self.components = components
        self.diagnostics = diagnostics
        self.prefix = prefix
        self.parts = parts
    }

    /// The same result with only the diagnostics that pass `keep` (the predictions are kept:
    /// they were made from every finding).
    public func filtered(_ keep: (Diagnostic) -> Bool) -> LintResult {
        LintResult(path: path, document: document, components: components, diagnostics: diagnostics.filter(keep), prefix: prefix,
                   parts: parts)
    }

    /// The same result with more diagnostics (findings that compare this file with another).
    public func adding(_ more: [Diagnostic]) -> LintResult {
        LintResult(path: path, document: document, components: components, diagnostics: Linter.order(diagnostics + more),
                   prefix: prefix, parts: parts)
    }
}

/// One linted part of a document.
public struct PartResult: Sendable {
    public var part: DocumentPart
    public var prediction: Prediction?
    /// What other parts and files are compared with (nil without a cross-checker).
    public var facts: PartFacts?
    public init(part: DocumentPart, prediction: Prediction?, facts: PartFacts?) {
        self.part = part
        self.prediction = prediction
        self.facts = facts
    }
}

/// The facts of one part that another application of the same founder is compared with.
public struct PartFacts: Sendable, Hashable {
    public struct Fact<T: Sendable & Hashable>: Sendable, Hashable {
        public var value: T
        public var range: SourceRange
        public init(_ value: T, _ range: SourceRange) {
            self.value = value
            self.range = range
        }
    }
    public var profile: String
    /// The primary Bedrock model: the first named in the model section (POC) or the migration plan (accelerator); the value is the catalog id.
    public var primaryModel: Fact<String>?
    /// Projected monthly Bedrock spend: the POC budget's, or the accelerator projection's first month.
    public var monthlySpend: Fact<Double>?
    /// Where a finding about the whole application points (the consumption or budget heading).
    public var anchor: SourceRange?
    public init(profile: String, primaryModel: Fact<String>? = nil, monthlySpend: Fact<Double>? = nil, anchor: SourceRange? = nil) {
        self.profile = profile
        self.primaryModel = primaryModel
        self.monthlySpend = monthlySpend
        self.anchor = anchor
    }
}

/// Reads the facts of a linted part that other applications are compared with.
public protocol FactsReading: Sendable {
    func facts(_ context: LintContext) -> PartFacts
}

/// A rule that compares two applications of one founder (two parts of a document, or two files
/// of a run) instead of checking one: the engine calls `compare` once every part is linted,
/// for each pair of parts (or files) of different profiles; `check` does nothing, since one
/// part alone cannot see the other.
public protocol CrossRule: Rule {
    /// Findings about `later` (reported in it) from comparing it with `other`; `otherPlace`
    /// names where the other application is ("line 12", "poc.md:12").
    func compare(_ later: PartFacts, in laterText: SourceText, with other: PartFacts, otherPlace: String,
                 options: [String: OptionValue], report: (_ range: SourceRange, _ message: String, _ suggestion: String?) -> Void)
}

extension CrossRule {
    public func check(_ context: LintContext) {}
}

/// The engine: a pure function from (source, configuration) to diagnostics.
public struct Linter: Sendable {
    public let rules: [any Rule]
    public let configuration: Configuration
    public let predictor: (any Predicting)?
    public let factsReader: (any FactsReading)?

    /// One enabled rule of a profile, with what running it needs read once per linter.
    struct PlannedRule: Sendable {
        let rule: any Rule
        let id: String
        let severity: Severity
        let component: Component?
        let setting: RuleSetting
    }
    /// The enabled rules of each profile, in `rules` order.
    private let plans: [String: [PlannedRule]]
    /// The ids of `plans[profile]`.
    private let planIDs: [String: Set<String>]
    /// The rule ids a suppression comment may name.
    private let known: Set<String>

    public init(rules: [any Rule], configuration: Configuration = Configuration(), predictor: (any Predicting)? = nil,
                factsReader: (any FactsReading)? = nil) {
        self.rules = rules
        self.configuration = configuration
        self.predictor = predictor
        self.factsReader = factsReader
        var plans: [String: [PlannedRule]] = [:]
        for profile in configuration.pack.profiles {
            plans[profile.id] = rules.compactMap { rule in
                let d = rule.description
                let setting = configuration.setting(d.id)
                guard d.runs(in: profile.id), setting.enabled else { return nil }
                return PlannedRule(rule: rule, id: d.id, severity: d.severity, component: d.component, setting: setting)
            }
        }
        self.plans = plans
        self.planIDs = plans.mapValues { Set($0.map(\.id)) }
        self.known = (configuration.knownRuleIDs ?? Set(rules.map(\.description.id))).union(SuppressionRules.ids)
    }

    /// Runs the cross rules on a pair of parts: findings about `later`.
    func crossFindings(_ later: PartFacts, in laterText: SourceText, with other: PartFacts, otherPlace: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for case let rule as any CrossRule in rules where rule.description.runs(in: later.profile) {
            let d = rule.description
            let setting = configuration.setting(d.id)
            guard setting.enabled else { continue }
            rule.compare(later, in: laterText, with: other, otherPlace: otherPlace, options: setting.options) { range, message, suggestion in
                out.append(Diagnostic(ruleID: d.id, severity: setting.severity ?? d.severity, message: message, range: range,
                                      component: d.component, suggestion: suggestion))
            }
        }
        return out
    }

    /// Lints raw file bytes; input that is not text throws a clear error.
    public func lint(bytes: [UInt8], path: String) throws(InputError) -> LintResult {
        let decoded = try SourceDecoder.decode(bytes, path: path)
        return lint(decoded.text, path: path, prefix: decoded.prefix)
    }

    /// Lints a Markdown string.
    public func lint(_ markdown: String, path: String = "<string>") -> LintResult {
        lint(SourceText(markdown), path: path, prefix: [])
    }

    public func lint(_ text: SourceText, path: String, prefix: [UInt8] = []) -> LintResult {
        let document = MarkdownParser.parse(text)
        let parts = ProfileResolver.parts(document, configuration)
        let analysis = TextAnalysis(document: document, pack: configuration.pack)
        var contexts: [LintContext] = []
        var raw: [Diagnostic] = []
        var ranIDs = Set<String>()
        for part in parts {
            let profile = configuration.pack.profile(part.profile) ?? configuration.pack.poc
            let context = LintContext(document: document, configuration: configuration, profile: profile,
                                      scope: part.scope, analysis: analysis)
            for p in plans[profile.id] ?? [] {
                context.run(p.rule, id: p.id, severity: p.severity, component: p.component, setting: p.setting)
            }
            if parts.count == 1 { ranIDs = planIDs[profile.id] ?? [] } else { ranIDs.formUnion(planIDs[profile.id] ?? []) }
            raw += context.diagnostics
            contexts.append(context)
        }
        let facts = contexts.map { c in factsReader?.facts(c) }
        if contexts.count > 1 {
            // Each part is compared with every part of another profile.
            for i in contexts.indices {
                for j in contexts.indices where j != i && contexts[j].profile.id != contexts[i].profile.id {
                    guard let later = facts[i], let other = facts[j] else { continue }
                    let line = other.anchor.map { text.location(of: $0.start).line }
                    raw += crossFindings(later, in: text, with: other, otherPlace: line.map { "line \($0)" } ?? "this document")
                }
            }
        }
        let kept = Suppressions.apply(raw, document: document, configuration: configuration,
                                      known: known, ran: ranIDs)
        let sorted = Linter.order(kept)
        var results: [PartResult] = []
        for (i, context) in contexts.enumerated() {
            // A part's prediction reads the findings inside it.
            let mine = parts.count == 1 ? sorted : sorted.filter { d in context.scope.map { d.range.start >= $0.start && d.range.start < $0.end } ?? true }
            let prediction = predictor?.predict(context, diagnostics: mine)
            results.append(PartResult(part: parts[i], prediction: prediction, facts: facts[i]))
        }
        var components = contexts[0].components
        for c in contexts.dropFirst() { components.merge(c.components) }
        return LintResult(path: path, document: document, components: components,
                          diagnostics: sorted, prefix: prefix, parts: results)
    }

    /// Findings from comparing the applications of different files of one run (a POC
    /// application and an accelerator application in the same folder), reported in the later one.
    /// Suppression comments of `later` apply to them.
    public func compare(_ later: LintResult, with other: LintResult, otherPath: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for l in later.parts {
            for o in other.parts where o.part.profile != l.part.profile {
                guard let lf = l.facts, let of = o.facts else { continue }
                let line = of.anchor.map { other.document.source.location(of: $0.start).line }
                out += crossFindings(lf, in: later.document.source, with: of, otherPlace: otherPath + (line.map { ":\($0)" } ?? ""))
            }
        }
        guard !out.isEmpty else { return [] }
        let ids = Set(out.map(\.ruleID))
        // The result may hold a compacted document (no HTML comments): parse it again.
        let document = MarkdownParser.parse(later.document.source)
        return Suppressions.apply(out, document: document, configuration: configuration, known: known, ran: [])
            .filter { ids.contains($0.ruleID) }
    }

    /// Stable order: position, then rule id, then message; exact duplicates removed.
    public static func order(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let sorted = diagnostics.sorted { a, b in
            if a.range.start != b.range.start { return a.range.start < b.range.start }
            if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
            if a.range.end != b.range.end { return a.range.end < b.range.end }
            return a.message < b.message
        }
        // Equal diagnostics have equal sort keys, so they sit in one group of equal keys:
        // compare within the group (a few at most) instead of hashing every diagnostic.
        var kept: [Diagnostic] = []
        kept.reserveCapacity(sorted.count)
        var group = 0
        for d in sorted {
            if let last = kept.last, !(last.range.start == d.range.start && last.ruleID == d.ruleID
                                       && last.range.end == d.range.end && last.message == d.message) {
                group = kept.count
            }
            if kept[group...].contains(d) { continue }
            kept.append(d)
        }
        return kept
    }
}
