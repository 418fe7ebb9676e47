import Yams

/// A problem in a configuration file: the file, the line and column of the problem, and what
/// is wrong. Printed as `file:line:col: message`.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ file: String, _ node: Node?, _ message: String) {
        self.init(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }

    public var description: String {
        if let line, let column { return "\(file):\(line):\(column): \(message)" }
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// The values of one `.poclint.yml`, checked, before `extends` is merged in. Every field is
/// optional: an absent key leaves the value of the file it extends (or the default).
public struct ConfigFile: Sendable {
    /// How one rule is set: `off | info | warning | error`, options merged key by key.
    public struct RuleEntry: Sendable, Hashable {
        /// `off`, `info`, `warning` or `error`; nil: unchanged.
        public var severity: String?
        public var options: [String: OptionValue] = [:]
    }

    /// Extra heading synonyms and content cues of a component.
    public struct ComponentEntry: Sendable, Hashable {
        public var headings: [String] = []
        public var cues: [String] = []
    }

    /// A model of the price catalog to add (new id) or to change (existing id), field by field.
    public struct ModelEntry: Sendable {
        public var id: String
        public var provider: String?
        public var family: String?
        public var display_name: String?
        public var aliases: [String]?
        public var bedrock_model_id: String?
        public var kind: String?
        public var input_per_mtok: Double?
        public var output_per_mtok: Double?
        public var source: String?
        public var as_of: String?
        /// `file:line:col` of the entry, for errors found when the catalog is built.
        public var origin: String
    }

    /// Absolute paths of the files this one extends, in order.
    public var extends: [String] = []
    public var rules: [String: RuleEntry] = [:]
    public var phrases: [PhrasesFile.Entry] = []
    public var components: [Component: ComponentEntry] = [:]
    public var models: [ModelEntry] = []
    public var catalogAsOf: String?
    public var budgetTolerance: Double?
    public var window: Int?
    public var requestedCredit: Double?
    /// The profile of documents that do not choose one (`poc`, `accelerator`).
    public var profile: String?

    public init() {}

    public static let topLevelKeys = ["extends", "rules", "phrases", "components", "models", "catalog_as_of",
                                      "budget_tolerance", "window", "requested_credit", "profile"]
    static let phraseKeys = ["phrase", "variants", "category", "components", "severity", "say_instead"]
    static let modelKeys = ["id", "provider", "family", "display_name", "aliases", "bedrock_model_id", "kind",
                            "input_per_mtok", "output_per_mtok", "source", "as_of"]
    static let severities = ["off", "info", "warning", "error"]

    /// Parses and checks one configuration file.
    ///
    /// - Parameters:
    ///   - path: the file as it is shown in messages.
    ///   - directory: absolute directory of the file (`extends` paths are relative to it).
    ///   - rules: every rule that exists (ids and declared options are checked against them).
    public static func parse(_ yaml: String, path: String, directory: String,
                             rules: [RuleDescription]) throws(ConfigError) -> ConfigFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, path)
        } catch {
            throw ConfigError(file: path, message: "cannot read YAML: \(error)")
        }
        var config = ConfigFile()
        guard let root else { return config }   // an empty file configures nothing
        if case .scalar = root, root.kindName == .null { return config }
        guard case .mapping(let top) = root else {
            throw ConfigError(path, root, "a configuration is a mapping of keys (rules:, phrases:, ...), not \(describe(root))")
        }
        let p = Parser(path: path, directory: directory, rules: rules)
        for (keyNode, value) in top {
            let key = try p.key(keyNode)
            switch key {
            case "extends": config.extends = try p.extends(value)
            case "rules": config.rules = try p.rules(value)
            case "phrases": config.phrases = try p.phrases(value)
            case "components": config.components = try p.components(value)
            case "models": config.models = try p.models(value)
            case "catalog_as_of": config.catalogAsOf = try p.date(value, key)
            case "budget_tolerance": config.budgetTolerance = try p.tolerance(value)
            case "window": config.window = try p.window(value)
            case "requested_credit": config.requestedCredit = try p.credit(value)
            case "profile":
                if case .scalar = value, value.kindName == .null { config.profile = nil; continue }
                let name = try p.string(value, "profile")
                let known = RulePack.builtIn.profiles.map(\.id)
                guard known.contains(name) else {
                    throw ConfigError(path, value, "unknown profile '\(name)'\(NearestNames.hint(name, among: known)); profiles: \(known.joined(separator: ", "))")
                }
                config.profile = name
            default:
                throw ConfigError(path, keyNode, "unknown key '\(key)'\(NearestNames.hint(key, among: topLevelKeys)); known keys: \(topLevelKeys.joined(separator: ", "))")
            }
        }
        return config
    }

    static func yamlError(_ error: YamlError, _ path: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigError(file: path, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(file: path, line: context.mark.line, column: context.mark.column,
                               message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return ConfigError(file: path, message: "invalid YAML: \(error)")
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            switch node.kindName {
            case .null: return "an empty value"
            case .bool: return "a boolean (\(s.string))"
            case .int, .float: return "a number (\(s.string))"
            default: return "the text '\(s.string)'"
            }
        }
    }

    /// The checks, with the file's name for messages.
    struct Parser {
        let path: String
        let directory: String
        let rules: [RuleDescription]

        func error(_ node: Node?, _ message: String) -> ConfigError { ConfigError(path, node, message) }

        func key(_ node: Node) throws(ConfigError) -> String {
            guard case .scalar(let s) = node else { throw error(node, "a key must be plain text, not \(describe(node))") }
            return s.string
        }

        func isNull(_ node: Node) -> Bool {
            if case .scalar = node, node.kindName == .null { return true }
            return false
        }

        func string(_ node: Node, _ what: String) throws(ConfigError) -> String {
            guard case .scalar(let s) = node, node.kindName != .null else {
                throw error(node, "\(what) must be text, not \(describe(node))")
            }
            return s.string
        }

        func strings(_ node: Node, _ what: String) throws(ConfigError) -> [String] {
            if case .scalar = node, !isNull(node) { return [try string(node, what)] }
            guard case .sequence(let seq) = node else { throw error(node, "\(what) must be a list of text, not \(describe(node))") }
            var out: [String] = []
            for item in seq {
                let s = try string(item, "each entry of \(what)")
                if s.isEmpty { throw error(item, "an entry of \(what) is empty") }
                out.append(s)
            }
            return out
        }

        func number(_ node: Node, _ what: String) throws(ConfigError) -> Double {
            guard case .scalar(let s) = node, node.kindName == .int || node.kindName == .float,
                  let v = Double(s.string.replacingUnderscores()) ?? node.float, v.isFinite else {
                throw error(node, "\(what) must be a number, not \(describe(node))")
            }
            return v
        }

        func mapping(_ node: Node, _ what: String) throws(ConfigError) -> Node.Mapping {
            guard case .mapping(let m) = node else { throw error(node, "\(what) must be a mapping, not \(describe(node))") }
            return m
        }

        func extends(_ node: Node) throws(ConfigError) -> [String] {
            if isNull(node) { return [] }
            var nodes: [Node] = []
            if case .sequence(let seq) = node { nodes = Array(seq) } else { nodes = [node] }
            var out: [String] = []
            for n in nodes {
                let raw = try string(n, "extends")
                let full = PathUtil.absolute(raw, relativeTo: directory)
                guard PathUtil.isFile(full) else { throw error(n, "extends '\(raw)': no such file") }
                out.append(full)
            }
            return out
        }

        func rules(_ node: Node) throws(ConfigError) -> [String: RuleEntry] {
            if isNull(node) { return [:] }
            let m = try mapping(node, "rules")
            let ids = rules.map(\.id)
            var out: [String: RuleEntry] = [:]
            for (k, v) in m {
                let id = try key(k)
                guard let rule = rules.first(where: { $0.id == id }) else {
                    throw error(k, "unknown rule id '\(id)'\(NearestNames.hint(id, among: ids)); `poclint rules` lists them")
                }
                var entry = RuleEntry()
                if case .scalar = v {
                    entry.severity = try severity(v, id)
                } else if case .mapping(let rm) = v {
                    for (rk, rv) in rm {
                        let name = try key(rk)
                        switch name {
                        case "severity": entry.severity = try severity(rv, id)
                        case "options": entry.options = try options(rv, rule)
                        default:
                            throw error(rk, "unknown key '\(name)' for rule '\(id)'; use severity: and options:")
                        }
                    }
                } else {
                    throw error(v, "rule '\(id)' takes off, info, warning, error or {severity: ..., options: ...}, not \(describe(v))")
                }
                out[id] = entry
            }
            return out
        }

        func severity(_ node: Node, _ id: String) throws(ConfigError) -> String {
            // YAML 1.1 reads a bare `off` as the boolean false.
            if case .scalar(let s) = node, node.kindName == .bool, s.string.lowercased() == "off" || s.string.lowercased() == "false" {
                return "off"
            }
            guard case .scalar(let s) = node, node.kindName != .null, severities.contains(s.string.lowercased()) else {
                throw error(node, "rule '\(id)': severity must be off, info, warning or error, not \(describe(node))")
            }
            return s.string.lowercased()
        }

        func options(_ node: Node, _ rule: RuleDescription) throws(ConfigError) -> [String: OptionValue] {
            if isNull(node) { return [:] }
            let m = try mapping(node, "options of '\(rule.id)'")
            let declared = rule.options.map(\.name)
            var out: [String: OptionValue] = [:]
            for (k, v) in m {
                let name = try key(k)
                guard declared.contains(name) else {
                    let known = declared.isEmpty ? "it has no options" : "its options: \(declared.joined(separator: ", "))"
                    throw error(k, "rule '\(rule.id)' has no option '\(name)'\(NearestNames.hint(name, among: declared)); \(known)")
                }
                let value = try optionValue(v, "option '\(name)' of '\(rule.id)'")
                if let def = rule.options.first(where: { $0.name == name })?.defaultValue {
                    try checkType(value, default: def, v, "option '\(name)' of '\(rule.id)'")
                }
                out[name] = value
            }
            return out
        }

        func optionValue(_ node: Node, _ what: String) throws(ConfigError) -> OptionValue {
            switch node {
            case .sequence: return .list(try strings(node, what))
            case .scalar(let s):
                switch node.kindName {
                case .bool: return .bool(node.bool ?? false)
                case .int, .float: return .number(try number(node, what))
                case .null: throw error(node, "\(what) has no value")
                default: return .string(s.string)
                }
            default: throw error(node, "\(what) must be a number, true/false, text or a list, not \(describe(node))")
            }
        }

        /// Checks a value against the kind of the option's documented default.
        func checkType(_ value: OptionValue, default def: String, _ node: Node, _ what: String) throws(ConfigError) {
            let d = def.trimmingSpaces()
            if Double(d) != nil {
                if case .number = value { return }
                throw error(node, "\(what) must be a number (default \(d)), not \(describe(node))")
            }
            if d == "true" || d == "false" {
                if case .bool = value { return }
                throw error(node, "\(what) must be true or false (default \(d)), not \(describe(node))")
            }
            if d.hasPrefix("[") {
                if case .list = value { return }
                throw error(node, "\(what) must be a list (default \(d)), not \(describe(node))")
            }
        }

        func phrases(_ node: Node) throws(ConfigError) -> [PhrasesFile.Entry] {
            if isNull(node) { return [] }
            guard case .sequence(let seq) = node else {
                throw error(node, "phrases must be a list of entries (- phrase: ..., say_instead: ...), not \(describe(node))")
            }
            let componentNames = ["any"] + RulePack.builtIn.allComponents.map(\.rawValue)
            var out: [PhrasesFile.Entry] = []
            for item in seq {
                let m = try mapping(item, "each entry of phrases")
                var phrase: String?, say: String?
                var entry = PhrasesFile.Entry(phrase: "", variants: nil, category: "custom", components: ["any"],
                                              severity: .warning, say_instead: "")
                for (k, v) in m {
                    let name = try key(k)
                    switch name {
                    case "phrase": phrase = try string(v, "phrase")
                    case "variants": entry.variants = try strings(v, "variants")
                    case "category": entry.category = try string(v, "category")
                    case "components":
                        let list = try strings(v, "components")
                        for c in list where !componentNames.contains(c) {
                            throw error(v, "unknown component '\(c)'\(NearestNames.hint(c, among: componentNames)); use any, \(RulePack.builtIn.allComponents.map(\.rawValue).joined(separator: ", "))")
                        }
                        if list.isEmpty { throw error(v, "components must name at least one component (or any)") }
                        entry.components = list
                    case "severity":
                        let s = try string(v, "severity")
                        guard let sev = Severity(rawValue: s.lowercased()) else {
                            throw error(v, "severity must be info, warning or error, not '\(s)'")
                        }
                        entry.severity = sev
                    case "say_instead": say = try string(v, "say_instead")
                    default:
                        throw error(k, "unknown key '\(name)' in a phrase\(NearestNames.hint(name, among: phraseKeys)); known keys: \(phraseKeys.joined(separator: ", "))")
                    }
                }
                guard let phrase, !phrase.trimmingSpaces().isEmpty else { throw error(item, "a phrase entry needs phrase: (the words to flag)") }
                guard let say, !say.trimmingSpaces().isEmpty else {
                    throw error(item, "phrase '\(phrase)' needs say_instead: (what to write instead)")
                }
                guard Normalizer.key(phrase).isEmpty == false else {
                    throw error(item, "phrase '\(phrase)' has no letters or digits to match")
                }
                entry.phrase = phrase
                entry.say_instead = say
                out.append(entry)
            }
            return out
        }

        func components(_ node: Node) throws(ConfigError) -> [Component: ComponentEntry] {
            if isNull(node) { return [:] }
            let m = try mapping(node, "components")
            let names = RulePack.builtIn.allComponents.map(\.rawValue)
            var out: [Component: ComponentEntry] = [:]
            for (k, v) in m {
                let name = try key(k)
                let c = Component(name)
                guard names.contains(name) else {
                    throw error(k, "unknown component '\(name)'\(NearestNames.hint(name, among: names)); components: \(names.joined(separator: ", "))")
                }
                var entry = ComponentEntry()
                for (ck, cv) in try mapping(v, "components.\(name)") {
                    let field = try key(ck)
                    switch field {
                    case "headings": entry.headings = try strings(cv, "components.\(name).headings")
                    case "cues": entry.cues = try strings(cv, "components.\(name).cues")
                    default: throw error(ck, "unknown key '\(field)' under components.\(name); use headings: and cues:")
                    }
                }
                out[c] = entry
            }
            return out
        }

        func models(_ node: Node) throws(ConfigError) -> [ModelEntry] {
            if isNull(node) { return [] }
            guard case .sequence(let seq) = node else {
                throw error(node, "models must be a list of entries (- id: ..., input_per_mtok: ..., output_per_mtok: ...), not \(describe(node))")
            }
            var out: [ModelEntry] = []
            for item in seq {
                let m = try mapping(item, "each entry of models")
                let mark = item.mark.map { "\(path):\($0.line):\($0.column)" } ?? path
                var e = ModelEntry(id: "", origin: mark)
                var hasID = false
                for (k, v) in m {
                    let name = try key(k)
                    switch name {
                    case "id": e.id = try string(v, "id"); hasID = !e.id.isEmpty
                    case "provider": e.provider = try string(v, "provider")
                    case "family": e.family = try string(v, "family")
                    case "display_name": e.display_name = try string(v, "display_name")
                    case "aliases": e.aliases = try strings(v, "aliases")
                    case "bedrock_model_id": e.bedrock_model_id = try string(v, "bedrock_model_id")
                    case "kind": e.kind = try string(v, "kind")
                    case "input_per_mtok": e.input_per_mtok = try price(v, name)
                    case "output_per_mtok": e.output_per_mtok = try price(v, name)
                    case "source": e.source = try string(v, "source")
                    case "as_of": e.as_of = try date(v, "as_of")
                    default:
                        throw error(k, "unknown key '\(name)' in a model\(NearestNames.hint(name, among: modelKeys)); known keys: \(modelKeys.joined(separator: ", "))")
                    }
                }
                guard hasID else { throw error(item, "a model entry needs id: (an existing id to change a price, a new one to add a model)") }
                out.append(e)
            }
            return out
        }

        func price(_ node: Node, _ what: String) throws(ConfigError) -> Double {
            let v = try number(node, what)
            guard v >= 0 else { throw error(node, "\(what) must be zero or more (USD per million tokens)") }
            return v
        }

        func date(_ node: Node, _ what: String) throws(ConfigError) -> String? {
            if isNull(node) { return nil }
            guard case .scalar(let s) = node else { throw error(node, "\(what) must be a date such as \"2026-08\", not \(describe(node))") }
            let text = s.string
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let ok = (2...3).contains(parts.count) && parts[0].count == 4
                && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            guard ok else { throw error(node, "\(what) must be a date such as \"2026-08\" or \"2026-08-01\", not '\(text)'") }
            return text
        }

        func tolerance(_ node: Node) throws(ConfigError) -> Double? {
            if isNull(node) { return nil }
            var value: Double
            if case .scalar(let s) = node, node.kindName == .str, s.string.hasSuffix("%"),
               let v = Double(String(s.string.dropLast()).trimmingSpaces()) {
                value = v / 100
            } else {
                value = try number(node, "budget_tolerance")
            }
            guard value >= 0 && value < 1 else {
                throw error(node, "budget_tolerance is a fraction from 0 to below 1 (0.10 or \"10%\"), not \(describe(node))")
            }
            return value
        }

        func window(_ node: Node) throws(ConfigError) -> Int? {
            if isNull(node) { return nil }
            guard case .scalar(let s) = node, node.kindName == .int, let v = Int(s.string), v == 60 || v == 90 else {
                throw error(node, "window must be 60 or 90 (days), not \(describe(node))")
            }
            return v
        }

        func credit(_ node: Node) throws(ConfigError) -> Double? {
            if isNull(node) { return nil }
            guard case .scalar(let s) = node, let v = ConfigFile.parseDollars(s.string), v > 0 else {
                throw error(node, "requested_credit must be an amount in dollars such as 25000, \"$25K\" or \"50,000\", not \(describe(node))")
            }
            return v
        }
    }

    /// `25000`, `25,000`, `$25K`, `25k`, `$0.05M` → dollars.
    public static func parseDollars(_ text: String) -> Double? {
        var t = text.trimmingSpaces().lowercased()
        if t.hasPrefix("$") { t.removeFirst() }
        if t.hasSuffix("usd") { t = String(t.dropLast(3)).trimmingSpaces() }
        var factor = 1.0
        if t.hasSuffix("k") { factor = 1_000; t.removeLast() } else if t.hasSuffix("m") { factor = 1_000_000; t.removeLast() }
        t = t.replacingUnderscores().filter { $0 != "," }
        guard !t.isEmpty, let v = Double(t), v.isFinite else { return nil }
        return v * factor
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    func replacingUnderscores() -> String { filter { $0 != "_" } }
}

extension Node {
    /// The resolved YAML tag's name (`Tag.name` is not public in Yams).
    var kindName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
