import Foundation
import POCLintTables
import Yams

/// What a pattern of the automaton stands for.
/// (Cases in the order of `ruletables.KINDS` in scripts/ruletables.py: the tables store positions.)
public enum PatternKind: Sendable, Hashable, CaseIterable {
    /// A vague phrase (`index` into `phrases.phrases`).
    case phrase
    /// A Bedrock model alias (`index` into `models.models`).
    case model
    /// A version-less family name (`index` into `models.families`).
    case family
    /// A model not on Bedrock (`index` into `providers.non_bedrock_models`).
    case foreignModel
    /// An inference path outside Bedrock (`index` into `providers.non_bedrock_providers`).
    case foreignProvider
    /// A non-AWS supporting service (`index` into `providers.services`).
    case service
    /// A heading synonym of a component (`index` into `RulePack.allComponents`).
    case heading
    /// A content cue of a component (`index` into `RulePack.allComponents`).
    case cue
    /// A word of a lexicon term list (`index` into `termNames`).
    case term
}

public struct PatternEntry: Sendable, Hashable {
    public let kind: PatternKind
    public let index: Int
    public init(kind: PatternKind, index: Int) {
        self.kind = kind
        self.index = index
    }
}

/// An error in a rule pack (built-in or the user's): file, line and column where known.
public struct RulePackError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}

/// One kind of application poclint lints: its components and its scoring rubric.
public struct Profile: Sendable {
    public let id: String
    public let title: String
    /// Normalised level-1 heading texts that name this application.
    public let titles: [String]
    /// `titles` as UTF-8 with a space either side, for the word-bounded search in `profile(namedBy:)`.
    let paddedTitles: [[UInt8]]
    public let components: ComponentsFile
    public let scoring: ScoringFile
    /// The components, in the order of `components.yml` (the order sections are expected in).
    public let componentIDs: [Component]

    public init(id: String, title: String, titles: [String], components: ComponentsFile, scoring: ScoringFile) {
        self.id = id
        self.title = title
        self.titles = titles.map(Normalizer.key)
        self.paddedTitles = self.titles.map { Array((" " + $0 + " ").utf8) }
        self.components = components
        self.scoring = scoring
        self.componentIDs = components.components.map(\.id)
    }

    /// Position of a component in this profile (nil: another profile's).
    public func index(of c: Component) -> Int? { componentIDs.firstIndex(of: c) }

    /// The tier spec of a tier id.
    public func tier(_ t: Tier) -> ScoringFile.TierSpec? { scoring.tiers.first { $0.id == t } }

    /// Rank of a tier in this profile's ladder: higher is better; -1 for a tier it does not have.
    public func rank(_ t: Tier) -> Int {
        guard let i = scoring.tiers.firstIndex(where: { $0.id == t }) else { return -1 }
        return scoring.tiers.count - 1 - i
    }

    /// The tier above, if any.
    public func next(_ t: Tier) -> Tier? {
        guard let i = scoring.tiers.firstIndex(where: { $0.id == t }), i > 0 else { return nil }
        return scoring.tiers[i - 1].id
    }

    public var tiers: [Tier] { scoring.tiers.map(\.id) }
}

/// All the data the rules read, decoded and compiled into one phrase automaton.
/// Immutable and shared by every file of a run.
public final class RulePack: Sendable {
    /// Every profile, in the order of `rules/profiles.yml`; the first is not necessarily the default.
    public let profiles: [Profile]
    public let defaultProfile: String
    public let phrases: PhrasesFile
    public let models: ModelsFile
    public let providers: ProvidersFile
    public let lexicon: LexiconFile
    /// Every profile's components, profile after profile (the `index` of `.heading` and `.cue` entries).
    public let allComponents: [Component]
    /// Term list names, sorted (the `index` of `.term` entries).
    public let termNames: [String]
    /// The patterns every text is scanned for: phrases, model and provider names, services,
    /// heading synonyms, content cues (the classifier reads them in every unnamed section).
    /// `eagerIDs[i]` is the pattern id of the automaton's pattern i.
    public let automaton: PhraseAutomaton
    public let eagerIDs: [Int]
    /// The shared term lists: common words ("data", "if", "weekly") that only some rules read
    /// in some sections, scanned for on demand. `lazyIDs` as above.
    public let lazyAutomaton: PhraseAutomaton
    public let lazyIDs: [Int]
    /// For each pattern id, what it stands for.
    public let entries: [[PatternEntry]]
    /// The normalised key of each automaton pattern.
    public let keys: [String]
    private let termIndex: [String: Int]
    private let modelIndex: [String: Int]

    /// The patterns and automata of a pack: computed from the packs (`compile`), or, for the
    /// built-in pack, read from the tables scripts/embed-rules.py computed at build time.
    struct Patterns {
        var keys: [String]
        var entries: [[PatternEntry]]
        var eagerIDs: [Int]
        var lazyIDs: [Int]
        var automaton: PhraseAutomaton
        var lazyAutomaton: PhraseAutomaton
    }

    public convenience init(profiles: [Profile], defaultProfile: String, phrases: PhrasesFile, models: ModelsFile,
                            providers: ProvidersFile, lexicon: LexiconFile) {
        self.init(profiles: profiles, defaultProfile: defaultProfile, phrases: phrases, models: models,
                  providers: providers, lexicon: lexicon, patterns: nil)
    }

    /// With `patterns` nil, compiles them from the packs.
    init(profiles: [Profile], defaultProfile: String, phrases: PhrasesFile, models: ModelsFile,
         providers: ProvidersFile, lexicon: LexiconFile, patterns: Patterns?) {
        self.profiles = profiles
        self.defaultProfile = defaultProfile
        self.phrases = phrases
        self.models = models
        self.providers = providers
        self.lexicon = lexicon
        let allComponents = profiles.flatMap(\.componentIDs)
        self.allComponents = allComponents
        let names = lexicon.terms.keys.sorted()
        self.termNames = names
        self.termIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self.modelIndex = Dictionary(models.models.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let p = patterns ?? Self.compile(profiles: profiles, phrases: phrases, models: models, providers: providers,
                                         lexicon: lexicon, allComponents: allComponents, termNames: names)
        self.keys = p.keys
        self.entries = p.entries
        self.eagerIDs = p.eagerIDs
        self.lazyIDs = p.lazyIDs
        self.automaton = p.automaton
        self.lazyAutomaton = p.lazyAutomaton
    }

    /// Every name, phrase, synonym and term of the packs, normalised, and the two automata.
    /// scripts/ruletables.py computes the same for the built-in packs at build time: change
    /// both together (a test compares them).
    static func compile(profiles: [Profile], phrases: PhrasesFile, models: ModelsFile, providers: ProvidersFile,
                        lexicon: LexiconFile, allComponents: [Component], termNames names: [String]) -> Patterns {
        var keyIDs: [String: Int] = [:]
        var keys: [String] = []
        var entries: [[PatternEntry]] = []
        func add(_ text: String, _ entry: PatternEntry) {
            let key = Normalizer.key(text)
            guard !key.isEmpty else { return }
            if let id = keyIDs[key] {
                if !entries[id].contains(entry) { entries[id].append(entry) }
            } else {
                keyIDs[key] = keys.count
                keys.append(key)
                entries.append([entry])
            }
        }
        for (i, p) in phrases.phrases.enumerated() {
            add(p.phrase, PatternEntry(kind: .phrase, index: i))
            for v in p.variants ?? [] { add(v, PatternEntry(kind: .phrase, index: i)) }
        }
        for (i, m) in models.models.enumerated() {
            add(m.display_name, PatternEntry(kind: .model, index: i))
            for a in m.aliases { add(a, PatternEntry(kind: .model, index: i)) }
            if let id = m.bedrock_model_id { add(id, PatternEntry(kind: .model, index: i)) }
        }
        for (i, f) in models.families.enumerated() {
            add(f.name, PatternEntry(kind: .family, index: i))
            for a in f.aliases { add(a, PatternEntry(kind: .family, index: i)) }
        }
        for (i, m) in providers.non_bedrock_models.enumerated() {
            add(m.name, PatternEntry(kind: .foreignModel, index: i))
            for a in m.aliases { add(a, PatternEntry(kind: .foreignModel, index: i)) }
        }
        for (i, p) in providers.non_bedrock_providers.enumerated() {
            add(p.name, PatternEntry(kind: .foreignProvider, index: i))
            for a in p.aliases { add(a, PatternEntry(kind: .foreignProvider, index: i)) }
        }
        for (i, s) in providers.services.enumerated() {
            add(s.name, PatternEntry(kind: .service, index: i))
            for a in s.aliases { add(a, PatternEntry(kind: .service, index: i)) }
        }
        for c in profiles.flatMap(\.components.components) {
            let ci = allComponents.firstIndex(of: c.id)!
            for h in c.headings { add(h, PatternEntry(kind: .heading, index: ci)) }
            for q in c.cues { add(q, PatternEntry(kind: .cue, index: ci)) }
        }
        for (ti, name) in names.enumerated() {
            for w in lexicon.terms[name] ?? [] { add(w, PatternEntry(kind: .term, index: ti)) }
        }
        let lazy = entries.indices.filter { entries[$0].allSatisfy { $0.kind == .term } }
        let lazySet = Set(lazy)
        let eager = entries.indices.filter { !lazySet.contains($0) }
        return Patterns(keys: keys, entries: entries, eagerIDs: eager, lazyIDs: lazy,
                        automaton: PhraseAutomaton(patterns: eager.map { keys[$0] }),
                        lazyAutomaton: PhraseAutomaton(patterns: lazy.map { keys[$0] }))
    }

    /// Index of a lexicon list; a rule asking for a list that does not exist is a bug caught by tests.
    public func term(_ name: String) -> Int {
        guard let i = termIndex[name] else { preconditionFailure("unknown term list '\(name)'") }
        return i
    }

    /// Index of a lexicon list, or nil when no such list exists (a profile's own lists).
    public func termListIndex(_ name: String) -> Int? { termIndex[name] }

    public func model(id: String) -> ModelsFile.Model? {
        modelIndex[id].map { models.models[$0] }
    }

    /// A profile by id.
    public func profile(_ id: String) -> Profile? { profiles.first { $0.id == id } }

    /// The default profile (`rules/profiles.yml` `default`).
    public var poc: Profile { profile(defaultProfile) ?? profiles[0] }

    /// The profile a component belongs to.
    public func profile(of c: Component) -> Profile? { profiles.first { $0.index(of: c) != nil } }

    public func componentEntry(_ c: Component) -> ComponentsFile.Entry? {
        profile(of: c)?.components.components.first { $0.id == c }
    }

    /// The profile whose application a heading names (normalised text equal to one of its titles, or containing one).
    public func profile(namedBy heading: String) -> Profile? {
        // Bytes, not String.contains: this runs for every level-1 and level-2 heading of every file.
        // The normalised heading with its padding spaces (` words `), as the titles are kept.
        var key: [UInt8] = []
        var map: [Int32] = []
        var text = heading
        text.withUTF8 { Normalizer.normalize($0, into: &key, map: &map) }
        // By index: a Profile is a large value, not copied for every heading.
        var best: (profile: Int, length: Int)? = nil
        for pi in profiles.indices {
            for ti in profiles[pi].titles.indices where Self.bytes(key, contain: profiles[pi].paddedTitles[ti]) {
                let length = profiles[pi].titles[ti].count
                if best == nil || length > best!.length { best = (pi, length) }
            }
        }
        return best.map { profiles[$0.profile] }
    }

    private static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The built-in packs embedded in the binary.
    public static let builtIn: RulePack = {
        do {
            return try RulePack.load(overrides: [:])
        } catch {
            fatalError("built-in rule packs do not load: \(error)")
        }
    }()

    /// Loads the embedded packs, with whole files replaced by `overrides` (file name -> YAML).
    /// The embedded packs are Swift values (scripts/embed-rules.py); overrides are decoded from YAML.
    public static func load(overrides: [String: String]) throws -> RulePack {
        func file<T: BuiltInPack>(_ type: T.Type, _ name: String) throws -> T {
            if let yaml = overrides[name] { return try decode(type, yaml, name) }
            return try embedded(type, name)
        }
        let index = try file(ProfilesFile.self, "profiles.yml")
        var lexicon = try file(LexiconFile.self, "lexicon.yml")
        var profiles: [Profile] = []
        for e in index.profiles {
            profiles.append(Profile(id: e.id, title: e.title, titles: e.titles,
                                    components: try file(ComponentsFile.self, e.components),
                                    scoring: try file(ScoringFile.self, e.scoring)))
            if let extra = e.lexicon {
                for (name, words) in try file(LexiconFile.self, extra).terms {
                    guard lexicon.terms[name] == nil else {
                        throw RulePackError(file: extra, message: "term list '\(name)' is already defined in lexicon.yml")
                    }
                    lexicon.terms[name] = words
                }
            }
        }
        let ids = profiles.flatMap(\.componentIDs)
        if let dup = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw RulePackError(file: "profiles.yml", message: "component '\(dup)' is defined by two profiles")
        }
        guard profiles.contains(where: { $0.id == index.default }) else {
            throw RulePackError(file: "profiles.yml", message: "default profile '\(index.default)' is not defined")
        }
        // The built-in packs unchanged: their patterns and automata were computed at build time.
        let patterns = overrides.isEmpty ? Patterns(tables: poclint_builtin_tables().pointee) : nil
        return RulePack(profiles: profiles, defaultProfile: index.default, phrases: try file(PhrasesFile.self, "phrases.yml"),
                        models: try file(ModelsFile.self, "models.yml"),
                        providers: try file(ProvidersFile.self, "providers.yml"), lexicon: lexicon, patterns: patterns)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ yaml: String, _ file: String) throws -> T {
        do {
            return try YAMLDecoder().decode(type, from: yaml)
        } catch {
            throw RulePackError(file: file, message: "\(error)")
        }
    }

    /// A built-in pack (rules/`file`), as scripts/embed-rules.py embedded it.
    static func embedded<T: BuiltInPack>(_ type: T.Type, _ file: String) throws -> T {
        guard let pack = T.builtIn(file) else {
            throw RulePackError(file: file, message: "no such built-in \(T.self)")
        }
        return pack
    }
}

extension RulePack.Patterns {
    /// The built-in pack's patterns, from the static tables of POCLintTables.
    init(tables t: POCLintPackTables) {
        let n = Int(t.keyCount)
        let kinds = PatternKind.allCases
        keys = []
        keys.reserveCapacity(n)
        entries = []
        entries.reserveCapacity(n)
        for i in 0..<n {
            let start = Int(t.keyStart[i])
            keys.append(String(decoding: UnsafeBufferPointer(start: t.keyBytes + start, count: Int(t.keyStart[i + 1]) - start),
                               as: UTF8.self))
            let first = Int(t.entryStart[i]), end = Int(t.entryStart[i + 1])
            var e: [PatternEntry] = []
            e.reserveCapacity(end - first)
            for j in first..<end {
                let v = t.entries[j]
                e.append(PatternEntry(kind: kinds[Int(v >> 24)], index: Int(v & 0xFF_FFFF)))
            }
            entries.append(e)
        }
        eagerIDs = (0..<Int(t.eagerCount)).map { Int(t.eagerIDs[$0]) }
        lazyIDs = (0..<Int(t.lazyCount)).map { Int(t.lazyIDs[$0]) }
        automaton = PhraseAutomaton(tables: t.eager)
        lazyAutomaton = PhraseAutomaton(tables: t.lazy)
    }
}

/// A kind of rule file with built-in packs: `builtIn(file)` is rules/`file` (a path under
/// rules/), or nil when there is no such built-in file of this kind. The conformances are
/// generated by scripts/embed-rules.py (Data/EmbeddedRules.swift).
protocol BuiltInPack: Decodable {
    static func builtIn(_ file: String) -> Self?
}
