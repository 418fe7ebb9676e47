import Foundation

/// Small path helpers (absolute, standardised paths; no symlink resolution).
public enum PathUtil {
    /// `path` made absolute against `directory`, with `.`, `..` and repeated or trailing
    /// slashes removed (lexically, symbolic links kept: what `URL.standardizedFileURL.path`
    /// gives, on strings, since a run computes it for every file it is given).
    public static func absolute(_ path: String, relativeTo directory: String) -> String {
        standardized(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    /// An absolute path without `.`, `..`, empty components or a trailing slash ("/" for the root).
    static func standardized(_ path: String) -> String {
        // Most paths are already standard ("/a/b/c.md"): checked on the bytes, returned as they are.
        var path = path
        let isStandard = path.withUTF8 { u -> Bool in
            guard u.first == 0x2F else { return false }
            if u.count == 1 { return true }
            var component = 0   // bytes of the current component
            var dots = 0        // of which dots
            for b in UnsafeBufferPointer(rebasing: u[1...]) {
                if b == 0x2F {
                    // "//", "/./" or "/../"
                    if component == 0 || (dots == component && dots <= 2) { return false }
                    component = 0
                    dots = 0
                } else {
                    component += 1
                    if b == 0x2E { dots += 1 }
                }
            }
            // No trailing slash, no final "." or "..".
            return component > 0 && !(dots == component && dots <= 2)
        }
        if isStandard { return path }
        var parts: [Substring] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }

    public static func isFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    }

    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The folder that holds `path` (an absolute path; "/" for the root itself).
    public static func parent(_ path: String) -> String {
        let std = standardized(path)
        guard let slash = std.utf8.lastIndex(of: 0x2F), slash != std.utf8.startIndex else { return "/" }
        return String(std[..<slash])
    }

    /// `path` relative to `base` when it lies under it, else `path`.
    public static func display(_ path: String, base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// A configuration file with everything it extends merged in.
public struct ResolvedConfig: Sendable {
    /// The merged values.
    public var values: ConfigFile
    /// The files read, the nearest first (the file itself, then what it extends).
    public var files: [String]
}

/// Finds, reads, merges and caches `.poclint.yml` files and turns them into `Configuration`s.
///
/// - The file for a Markdown file is the first `.poclint.yml` found from the file's folder
///   upwards, stopping at the repository root (a folder that holds `.git`) or at `/`.
/// - `extends:` names other files (relative to the file that names them); they are merged
///   first, then the file itself on top, key by key: a rule's severity and each option,
///   each component's synonyms (added), each model's fields, phrases (added; the same
///   phrase replaces the earlier one) and each scalar.
/// - Each configuration file is read once per run and its rule pack built once, so that
///   the many files that share a configuration share one pack.
public final class ConfigLoader {
    public static let fileName = ".poclint.yml"

    public let rules: [RuleDescription]
    /// Directory paths in messages are shown relative to.
    public let workingDirectory: String
    private var resolved: [String: ResolvedConfig] = [:]
    private var configurations: [String: Configuration] = [:]
    private var discovered: [String: String?] = [:]

    public init(rules: [RuleDescription], workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.rules = rules
        self.workingDirectory = workingDirectory
    }

    /// The configuration file that applies to a Markdown file (or, for a directory, to files in it).
    public func discover(forFileIn directory: String) -> String? {
        let start = PathUtil.absolute(directory, relativeTo: workingDirectory)
        var visited: [String] = []
        var dir = start
        var found: String?
        while true {
            if let cached = discovered[dir] { found = cached; break }
            visited.append(dir)
            let candidate = dir == "/" ? "/" + Self.fileName : dir + "/" + Self.fileName
            if PathUtil.isFile(candidate) { found = candidate; break }
            if dir == "/" || PathUtil.exists(dir + "/.git") { break }
            let up = PathUtil.parent(dir)
            if up == dir { break }
            dir = up
        }
        for v in visited { discovered[v] = found }
        return found
    }

    /// Reads a configuration file and what it extends.
    public func resolve(_ path: String) throws(ConfigError) -> ResolvedConfig {
        try resolve(PathUtil.absolute(path, relativeTo: workingDirectory), chain: [])
    }

    private func resolve(_ absolute: String, chain: [String]) throws(ConfigError) -> ResolvedConfig {
        if let r = resolved[absolute] { return r }
        let shown = PathUtil.display(absolute, base: workingDirectory)
        if chain.contains(absolute) {
            throw ConfigError(file: shown, message: "extends itself through \((chain + [absolute]).map { PathUtil.display($0, base: workingDirectory) }.joined(separator: " -> "))")
        }
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: absolute))
            guard let s = String(data: data, encoding: .utf8) else {
                throw ConfigError(file: shown, message: "not UTF-8 text")
            }
            text = s
        } catch let e as ConfigError {
            throw e
        } catch {
            throw ConfigError(file: shown, message: "cannot read: \((error as NSError).localizedDescription)")
        }
        let file = try ConfigFile.parse(text, path: shown, directory: PathUtil.parent(absolute), rules: rules)
        var merged = ConfigFile()
        var files: [String] = []
        for parent in file.extends {
            let p = try resolve(parent, chain: chain + [absolute])
            merged = ConfigMerge.merge(merged, over: p.values)
            files += p.files.filter { !files.contains($0) }
        }
        merged = ConfigMerge.merge(merged, over: file)
        merged.extends = file.extends
        let r = ResolvedConfig(values: merged, files: [absolute] + files)
        resolved[absolute] = r
        return r
    }

    /// The configuration for a configuration file (nil: the built-in defaults), cached.
    public func configuration(_ path: String?) throws(ConfigError) -> Configuration {
        let key = path.map { PathUtil.absolute($0, relativeTo: workingDirectory) } ?? ""
        if let c = configurations[key] { return c }
        var config: Configuration
        if let path {
            let r = try resolve(path)
            config = try ConfigBuilder.configuration(r.values, rules: rules)
            config.source = PathUtil.display(r.files[0], base: workingDirectory)
        } else {
            config = Configuration()
        }
        config.knownRuleIDs = Set(rules.map(\.id))
        configurations[key] = config
        return config
    }
}

/// The key-by-key merge of two configuration files.
public enum ConfigMerge {
    /// `child` on top of `base`.
    public static func merge(_ base: ConfigFile, over child: ConfigFile) -> ConfigFile {
        var out = base
        for (id, entry) in child.rules {
            var merged = out.rules[id] ?? ConfigFile.RuleEntry()
            if let s = entry.severity { merged.severity = s }
            merged.options.merge(entry.options) { _, new in new }
            out.rules[id] = merged
        }
        for p in child.phrases {
            let key = Normalizer.key(p.phrase)
            out.phrases.removeAll { Normalizer.key($0.phrase) == key }
            out.phrases.append(p)
        }
        for (c, entry) in child.components {
            var merged = out.components[c] ?? ConfigFile.ComponentEntry()
            merged.headings += entry.headings.filter { !merged.headings.contains($0) }
            merged.cues += entry.cues.filter { !merged.cues.contains($0) }
            out.components[c] = merged
        }
        for m in child.models {
            if let i = out.models.firstIndex(where: { $0.id == m.id }) {
                var e = out.models[i]
                e.provider = m.provider ?? e.provider
                e.family = m.family ?? e.family
                e.display_name = m.display_name ?? e.display_name
                e.aliases = m.aliases ?? e.aliases
                e.bedrock_model_id = m.bedrock_model_id ?? e.bedrock_model_id
                e.kind = m.kind ?? e.kind
                e.input_per_mtok = m.input_per_mtok ?? e.input_per_mtok
                e.output_per_mtok = m.output_per_mtok ?? e.output_per_mtok
                e.source = m.source ?? e.source
                e.as_of = m.as_of ?? e.as_of
                e.origin = m.origin
                out.models[i] = e
            } else {
                out.models.append(m)
            }
        }
        out.catalogAsOf = child.catalogAsOf ?? out.catalogAsOf
        out.budgetTolerance = child.budgetTolerance ?? out.budgetTolerance
        out.window = child.window ?? out.window
        out.requestedCredit = child.requestedCredit ?? out.requestedCredit
        out.profile = child.profile ?? out.profile
        return out
    }
}

/// Turns merged configuration values into a `Configuration`, building a rule pack when the
/// data packs are extended.
public enum ConfigBuilder {
    public static func configuration(_ values: ConfigFile, rules: [RuleDescription],
                                     base: RulePack = .builtIn) throws(ConfigError) -> Configuration {
        var config = Configuration()
        for (id, entry) in values.rules {
            var setting = RuleSetting()
            if let s = entry.severity {
                if s == "off" { setting.enabled = false } else { setting.severity = Severity(rawValue: s) }
            }
            setting.options = entry.options
            config.rules[id] = setting
        }
        if let t = values.budgetTolerance { config.budgetTolerance = t }
        config.requiredWindow = values.window
        config.requestedCredit = values.requestedCredit
        config.profile = values.profile
        if !values.phrases.isEmpty || !values.components.isEmpty || !values.models.isEmpty || values.catalogAsOf != nil {
            config.pack = try pack(values, base: base)
        }
        return config
    }

    /// The base pack with the user's phrases, synonyms and models.
    public static func pack(_ values: ConfigFile, base: RulePack) throws(ConfigError) -> RulePack {
        var phrases = base.phrases
        for p in values.phrases {
            let key = Normalizer.key(p.phrase)
            phrases.phrases.removeAll { Normalizer.key($0.phrase) == key }
            phrases.phrases.append(p)
        }
        let profiles = base.profiles.map { p -> Profile in
            var components = p.components
            for (c, entry) in values.components {
                guard let i = components.components.firstIndex(where: { $0.id == c }) else { continue }
                components.components[i].headings += entry.headings
                components.components[i].cues += entry.cues
            }
            return Profile(id: p.id, title: p.title, titles: p.titles, components: components, scoring: p.scoring)
        }
        var models = base.models
        if let asOf = values.catalogAsOf { models.as_of = asOf }
        for m in values.models {
            if let i = models.models.firstIndex(where: { $0.id == m.id }) {
                var e = models.models[i]
                e.provider = m.provider ?? e.provider
                e.family = m.family ?? e.family
                e.display_name = m.display_name ?? e.display_name
                e.aliases = m.aliases ?? e.aliases
                e.bedrock_model_id = m.bedrock_model_id ?? e.bedrock_model_id
                e.kind = m.kind ?? e.kind
                e.input_per_mtok = m.input_per_mtok ?? e.input_per_mtok
                e.output_per_mtok = m.output_per_mtok ?? e.output_per_mtok
                e.source = m.source ?? e.source
                e.as_of = m.as_of ?? e.as_of
                models.models[i] = e
            } else {
                guard let input = m.input_per_mtok, let output = m.output_per_mtok else {
                    let known = NearestNames.hint(m.id, among: base.models.models.map(\.id))
                    throw ConfigError(file: m.origin, message: "model '\(m.id)' is not in the catalog\(known); a new model needs input_per_mtok and output_per_mtok")
                }
                models.models.append(ModelsFile.Model(
                    id: m.id, provider: m.provider ?? "custom", family: m.family, display_name: m.display_name ?? m.id,
                    aliases: m.aliases ?? [], bedrock_model_id: m.bedrock_model_id, kind: m.kind ?? "text",
                    input_per_mtok: input, output_per_mtok: output, alt_prices: nil,
                    source: m.source ?? "user configuration", as_of: m.as_of ?? values.catalogAsOf))
            }
        }
        return RulePack(profiles: profiles, defaultProfile: base.defaultProfile, phrases: phrases, models: models,
                        providers: base.providers, lexicon: base.lexicon)
    }
}
