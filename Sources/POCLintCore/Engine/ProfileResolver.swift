/// One part of a document and the profile it is linted with.
public struct DocumentPart: Sendable, Hashable {
    public var profile: String
    /// The part's bytes (nil: the whole document).
    public var scope: SourceRange?
    /// How the profile was chosen, for `--print-config` and the LSP hover.
    public var reason: String
}

/// Decides which profile (or profiles) a document is linted with. In order:
/// 1. a document whose level-1 or level-2 headings of one level (the highest that names an
///    application) name two different applications (`rules/profiles.yml` `titles`) is linted
///    as parts, each from its heading to the next;
/// 2. `--profile` (`Configuration.profileOverride`);
/// 3. `profile:` in the document's front matter;
/// 4. `profile:` in `.poclint.yml` (`Configuration.profile`);
/// 5. a level-1 heading that names one application;
/// 6. the default profile.
public enum ProfileResolver {
    public static func parts(_ doc: Document, _ configuration: Configuration) -> [DocumentPart] {
        let pack = configuration.pack
        // Headings of level 1 or 2 that name an application.
        var named: [(section: Int, profile: String)] = []
        for (si, s) in doc.sections.enumerated() where s.kind == .heading && s.level <= 2 {
            if let p = pack.profile(namedBy: s.title) { named.append((si, p.id)) }
        }
        // Parts are split at headings of one level, the highest that names an application: a
        // POC application titled at level 1 that mentions "our accelerator application" in a
        // level-2 heading is one application.
        let top = named.map { doc.sections[$0.section].level }.min()
        let peers = named.filter { doc.sections[$0.section].level == top }
        if Set(peers.map(\.profile)).count > 1 {
            // A new part starts at each heading that names a different application than the last.
            var starts: [(offset: Int, profile: String, title: String)] = []
            for n in peers where starts.last?.profile != n.profile {
                let s = doc.sections[n.section]
                starts.append((doc.blocks[s.block].range.start, n.profile, s.title))
            }
            var parts: [DocumentPart] = []
            for (i, st) in starts.enumerated() {
                let begin = i == 0 ? 0 : st.offset
                let end = i + 1 < starts.count ? starts[i + 1].offset : doc.source.bytes.count
                parts.append(DocumentPart(profile: st.profile, scope: SourceRange(begin, end),
                                          reason: "heading '\(st.title)' names the \(st.profile) application"))
            }
            return parts
        }
        if let p = configuration.profileOverride {
            return [DocumentPart(profile: p, scope: nil, reason: "--profile \(p)")]
        }
        if let p = frontMatterProfile(doc), pack.profile(p.value) != nil {
            return [DocumentPart(profile: p.value, scope: nil, reason: "front matter 'profile: \(p.value)'")]
        }
        if let p = configuration.profile {
            return [DocumentPart(profile: p, scope: nil, reason: "'profile: \(p)' in \(configuration.source ?? "the configuration")")]
        }
        let titled = named.filter { doc.sections[$0.section].level == 1 }
        if let first = titled.first {
            return [DocumentPart(profile: first.profile, scope: nil,
                                 reason: "heading '\(doc.sections[first.section].title)' names the \(first.profile) application")]
        }
        return [DocumentPart(profile: pack.defaultProfile, scope: nil, reason: "the default profile")]
    }

    /// The `profile:` value of the front matter and its range, if present.
    public static func frontMatterProfile(_ doc: Document) -> (value: String, range: SourceRange)? {
        guard let fm = doc.frontMatter else { return nil }
        let bytes = doc.source.bytes
        var i = fm.start
        while i < fm.end {
            var e = i
            while e < fm.end && bytes[e] != 0x0A && bytes[e] != 0x0D { e += 1 }
            let key = Array("profile:".utf8)
            if e - i > key.count && Array(bytes[i..<(i + key.count)]) == key {
                var s = i + key.count
                while s < e && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
                var t = e
                while t > s && (bytes[t - 1] == 0x20 || bytes[t - 1] == 0x09) { t -= 1 }
                // Quotes around the value are YAML, not part of it.
                if t - s >= 2 && (bytes[s] == 0x22 || bytes[s] == 0x27) && bytes[t - 1] == bytes[s] { s += 1; t -= 1 }
                if t > s { return (String(decoding: bytes[s..<t], as: UTF8.self), SourceRange(s, t)) }
            }
            i = e + 1
        }
        return nil
    }
}
