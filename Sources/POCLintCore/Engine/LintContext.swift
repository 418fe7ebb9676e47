/// What a rule sees of one file: the document, its components, the shared text analysis,
/// the data packs and the configuration. Rules report through `report`.
public final class LintContext {
    public let document: Document
    public let configuration: Configuration
    public let analysis: TextAnalysis
    public let components: ComponentMap
    /// The profile this part of the document is linted with.
    public let profile: Profile
    /// The part of the document being linted (nil: all of it). A document that holds a POC
    /// application and an accelerator application is linted as two parts.
    public let scope: SourceRange?
    public var pack: RulePack { configuration.pack }
    public var source: SourceText { document.source }

    public private(set) var diagnostics: [Diagnostic] = []
    /// What `report` needs of the rule being run.
    private var current: (id: String, severity: Severity, component: Component?)?
    private var currentSetting = RuleSetting()
    private var cache: [String: Any] = [:]

    public init(document: Document, configuration: Configuration, profile: Profile? = nil, scope: SourceRange? = nil,
                analysis: TextAnalysis? = nil) {
        self.document = document
        self.configuration = configuration
        let profile = profile ?? configuration.pack.profile(configuration.profile ?? configuration.pack.defaultProfile) ?? configuration.pack.poc
        self.profile = profile
        self.scope = scope
        let analysis = analysis ?? TextAnalysis(document: document, pack: configuration.pack)
        self.analysis = analysis
        self.components = ComponentClassifier.classify(document, analysis, configuration.pack, profile: profile, scope: scope)
        self.allRuns = scope.map { ComponentClassifier.runIndices(in: $0, document) } ?? 0..<document.texts.count
        self.runsCache = Array(repeating: nil, count: profile.componentIDs.count)
        self.quantitiesCache = Array(repeating: nil, count: document.texts.count)
    }

    /// Runs one rule (severity overrides and options of its configuration apply).
    public func run(_ rule: any Rule) {
        let description = rule.description
        run(rule, id: description.id, severity: description.severity, component: description.component,
            setting: configuration.setting(description.id))
    }

    /// Runs one rule whose description and setting the caller has already read (the linter
    /// reads them once per run, not once per file).
    public func run(_ rule: any Rule, id: String, severity: Severity, component: Component?, setting: RuleSetting) {
        guard setting.enabled else { return }
        current = (id, severity, component)
        currentSetting = setting
        rule.check(self)
        current = nil
    }

    /// Reports a finding of the rule being run.
    public func report(_ range: SourceRange, _ message: String, severity: Severity? = nil,
                       component: Component? = nil, suggestion: String? = nil, fix: Fix? = nil,
                       related: [RelatedLocation] = []) {
        guard let rule = current else { return }
        let sev = currentSetting.severity ?? severity ?? rule.severity
        diagnostics.append(Diagnostic(ruleID: rule.id, severity: sev, message: message, range: range,
                                      component: component ?? rule.component, suggestion: suggestion,
                                      fix: fix, related: related))
    }

    /// A rule option from the configuration, or the default.
    public func option(_ name: String, default value: Double) -> Double {
        if case .number(let n)? = currentSetting.options[name] { return n }
        return value
    }

    public func option(_ name: String, default value: Bool) -> Bool {
        if case .bool(let b)? = currentSetting.options[name] { return b }
        return value
    }

    public func option(_ name: String, default value: [String]) -> [String] {
        if case .list(let l)? = currentSetting.options[name] { return l }
        return value
    }

    /// A value computed once per file and shared by the rules that need it.
    public func memo<T>(_ key: String, _ make: () -> T) -> T {
        // Look the key up first: `cache[key] as? T` would succeed with nil when T is an Optional.
        if let stored = cache[key], let v = stored as? T { return v }
        let v = make()
        cache[key] = v
        return v
    }

    // MARK: - Reading the document

    /// The section taken for a component.
    public func section(_ c: Component) -> Section? {
        components[c].map { document.sections[$0.section] }
    }

    /// Indices of the text runs that belong to a component (its section minus nested sections of other components).
    public func runs(_ c: Component) -> [Int] {
        guard let i = profile.index(of: c) else { return [] }
        if let cached = runsCache[i] { return cached }
        let found = components.runComponent.indices.filter { components.runComponent[$0] == c }
        runsCache[i] = found
        return found
    }

    private var runsCache: [[Int]?]
    /// By run. Not a `lazy var`: writing an element through a lazy property copies the whole
    /// array each time (quadratic on a 10,000-row table).
    private var quantitiesCache: [Quantities?]

    /// Numbers, money, token volumes and days of a text run (read once per run, on demand).
    public func quantities(_ run: Int) -> Quantities {
        if let q = quantitiesCache[run] { return q }
        let q = Quantities(document.texts[run].bytes)
        quantitiesCache[run] = q
        return q
    }

    /// Text runs outside code, in any component or none, of the part being linted.
    public let allRuns: Range<Int>

    /// Every match of a run, term-list words included (scanned for on first use).
    public func matches(inRun ri: Int) -> ArraySlice<PhraseMatch> {
        ArraySlice(analysis.all(ri))
    }

    /// The matches of a run that every text is scanned for (names, phrases, services, heading
    /// synonyms, content cues), without scanning for term-list words.
    public func eagerMatches(inRun ri: Int) -> ArraySlice<PhraseMatch> {
        analysis.matches[analysis.byRun[ri]]
    }

    /// Matches of one kind in the given runs, each with its entry index; a match contained in
    /// a longer match of the same kind is dropped (leftmost-longest).
    public func matches(_ kind: PatternKind, in runs: [Int]) -> [(match: PhraseMatch, index: Int)] {
        var out: [(match: PhraseMatch, index: Int)] = []
        // Asked of every run by some rules: a run without a match of the kind allocates nothing.
        var local: [(match: PhraseMatch, index: Int)] = []
        let entries = pack.entries
        for ri in runs {
            local.removeAll(keepingCapacity: true)
            for m in (kind == .term ? matches(inRun: ri) : eagerMatches(inRun: ri)) {
                for e in entries[m.pattern] where e.kind == kind {
                    local.append((m, e.index))
                }
            }
            if local.count == 1 { out.append(local[0]) } else if !local.isEmpty { out.append(contentsOf: LintContext.outermost(local)) }
        }
        return out
    }

    /// Drops every match that lies inside another (leftmost-longest), in one sweep: matches come
    /// sorted by start, longest first, so a match is inside another exactly when an earlier one
    /// reaches as far. Linear, even for a paragraph with tens of thousands of matches.
    static func outermost(_ local: [(match: PhraseMatch, index: Int)]) -> [(match: PhraseMatch, index: Int)] {
        var kept: [(match: PhraseMatch, index: Int)] = []
        var reach = -1
        var lastRange: Range<Int>? = nil
        for m in local {
            let r = m.match.textRange
            if r == lastRange { kept.append(m); continue }       // same words, another entry
            if r.upperBound <= reach { continue }
            kept.append(m)
            reach = max(reach, r.upperBound)
            lastRange = r
        }
        return kept
    }

    /// Whether any word of a lexicon list occurs in the runs; returns the distinct words found.
    public func terms(_ list: String, in runs: [Int]) -> [String] {
        let ti = pack.term(list)
        var seen: [String] = []
        for ri in runs {
            for m in matches(inRun: ri) where pack.entries[m.pattern].contains(PatternEntry(kind: .term, index: ti)) {
                let key = pack.keys[m.pattern]
                if !seen.contains(key) { seen.append(key) }
            }
        }
        return seen
    }

    /// Source range of a match.
    public func range(of m: PhraseMatch) -> SourceRange {
        document.texts[m.run].sourceRange(m.textRange)
    }

    /// The title range of a component's section (where section-level findings point).
    public func anchor(_ c: Component) -> SourceRange? {
        section(c)?.titleRange
    }
}
