/// One `poclint-*` directive in an HTML comment.
public struct SuppressionDirective: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case disableNextLine = "poclint-disable-next-line"
        case disable = "poclint-disable"
        case enable = "poclint-enable"
        case disableFile = "poclint-disable-file"
    }
    public var kind: Kind
    /// Rule ids with their source ranges.
    public var ids: [(id: String, range: SourceRange)]
    /// The text after ` -- `, if any.
    public var reason: String?
    /// The whole comment.
    public var range: SourceRange
    /// 1-based lines of the comment's first and last character.
    public var startLine: Int
    public var endLine: Int

    public static func == (a: SuppressionDirective, b: SuppressionDirective) -> Bool {
        a.kind == b.kind && a.range == b.range && a.ids.map(\.id) == b.ids.map(\.id) && a.reason == b.reason
    }

    public func hash(into h: inout Hasher) {
        h.combine(kind)
        h.combine(range)
    }
}

/// Inline suppressions, read from the HTML comments of a document (never from code blocks:
/// their content is not HTML) and applied to the findings of the rules:
///
/// - `<!-- poclint-disable-next-line rule-id -- reason -->`: the line after the comment;
/// - `<!-- poclint-disable rule-id -->` ... `<!-- poclint-enable rule-id -->`: the lines from
///   the disable comment up to the enable comment (or the end of the file);
/// - `<!-- poclint-disable-file rule-id -->`: the whole file.
///
/// Several ids may be given, separated by spaces or commas. Directives with an unknown rule
/// id or an unknown `poclint-disable…` word, and suppressions that silence nothing, are
/// reported (`unknown-suppression`, `unused-suppression`).
public enum Suppressions {
    public struct Problem: Sendable {
        public var range: SourceRange
        public var message: String
    }

    /// The directives of a document and the malformed ones.
    public static func parse(_ document: Document) -> (directives: [SuppressionDirective], problems: [Problem]) {
        var directives: [SuppressionDirective] = []
        var problems: [Problem] = []
        let bytes = document.source.bytes
        for fragment in document.html {
            var i = max(0, fragment.range.start)
            let end = min(scanEnd(fragment, document.source), bytes.count)
            while let open = find([0x3C, 0x21, 0x2D, 0x2D], in: bytes, from: i, to: end) {   // <!--
                let bodyStart = open + 4
                guard let close = find([0x2D, 0x2D, 0x3E], in: bytes, from: bodyStart, to: end) else { break }  // -->
                let comment = SourceRange(open, close + 3)
                parseComment(bytes, body: bodyStart..<close, comment: comment, source: document.source,
                             into: &directives, problems: &problems)
                i = close + 3
            }
        }
        return (directives, problems)
    }

    /// Where to stop looking for comments in a fragment. An HTML block's recorded range may
    /// stop short of its last line, so a block is read to the end of its last line, counted
    /// from its literal (same number of lines in the source, container prefixes aside).
    static func scanEnd(_ fragment: HTMLFragment, _ source: SourceText) -> Int {
        guard fragment.isBlock else { return fragment.range.end }
        let newlines = fragment.literal.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let lines = max(1, fragment.literal.hasSuffix("\n") ? newlines : newlines + 1)
        let first = source.location(of: fragment.range.start).line
        return max(fragment.range.end, source.lineContentRange(first + lines - 1).end)
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard to - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= to {
            if bytes[i] == needle[0] && Array(bytes[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func parseComment(_ bytes: [UInt8], body: Range<Int>, comment: SourceRange, source: SourceText,
                             into directives: inout [SuppressionDirective], problems: inout [Problem]) {
        var i = body.lowerBound
        while i < body.upperBound && isSpace(bytes[i]) { i += 1 }
        let wordStart = i
        while i < body.upperBound && !isSpace(bytes[i]) { i += 1 }
        let word = String(decoding: bytes[wordStart..<i], as: UTF8.self)
        guard word.hasPrefix("poclint-disable") || word.hasPrefix("poclint-enable") else { return }
        let wordRange = SourceRange(wordStart, i)
        guard let kind = SuppressionDirective.Kind(rawValue: word) else {
            let known = SuppressionDirective.Kind.allCases.map(\.rawValue)
            problems.append(Problem(range: wordRange, message:
                "Unknown suppression directive '\(word)'\(NearestNames.hint(word, among: known)); poclint reads \(known.map { "'\($0)'" }.joined(separator: ", "))."))
            return
        }
        // Ids up to ` -- `, then the reason.
        var ids: [(id: String, range: SourceRange)] = []
        var reason: String?
        while i < body.upperBound {
            while i < body.upperBound && (isSpace(bytes[i]) || bytes[i] == 0x2C) { i += 1 }
            guard i < body.upperBound else { break }
            let s = i
            while i < body.upperBound && !isSpace(bytes[i]) && bytes[i] != 0x2C { i += 1 }
            let token = String(decoding: bytes[s..<i], as: UTF8.self)
            if token == "--" {
                var a = i, b = body.upperBound
                while a < b && isSpace(bytes[a]) { a += 1 }
                while b > a && isSpace(bytes[b - 1]) { b -= 1 }
                let r = String(decoding: bytes[a..<b], as: UTF8.self)
                reason = r.isEmpty ? nil : r
                break
            }
            ids.append((token, SourceRange(s, i)))
        }
        let start = source.location(of: comment.start).line
        let endLine = source.location(of: comment.end - 1).line
        if ids.isEmpty {
            problems.append(Problem(range: wordRange, message:
                "Suppression '\(word)' names no rule: give the rule id to silence (blanket suppressions are not supported)."))
            return
        }
        directives.append(SuppressionDirective(kind: kind, ids: ids, reason: reason, range: comment,
                                               startLine: start, endLine: endLine))
    }

    /// Removes the findings the document's suppressions silence and adds the findings about
    /// the suppressions themselves.
    ///
    /// - Parameters:
    ///   - known: every rule id that exists (an id outside it is unknown).
    ///   - ran: the ids of the rules that ran (a suppression of a rule that did not run is not
    ///     reported as unused: it may silence something under another configuration).
    public static func apply(_ diagnostics: [Diagnostic], document: Document, configuration: Configuration,
                             known: Set<String>, ran: Set<String>) -> [Diagnostic] {
        let (directives, problems) = parse(document)
        let source = document.source
        var unknownFindings: [(SourceRange, String)] = problems.map { ($0.range, $0.message) }

        struct Scope {
            var directive: Int
            var idIndex: Int
            var id: String
            var lines: ClosedRange<Int>
            var used = false
            var closed = false
        }
        var scopes: [Scope] = []
        var unusedEnables: [(SourceRange, String)] = []
        var open: [String: [Int]] = [:]   // id -> indices into scopes of open disables
        let lastLine = max(source.lineCount, 1)
        // Sorted only for a hint about an unknown id (rare; most files have no directive).
        var knownListCache: [String]?
        func knownList() -> [String] {
            if let k = knownListCache { return k }
            let k = known.subtracting(SuppressionRules.ids).sorted()
            knownListCache = k
            return k
        }
        for (di, d) in directives.enumerated() {
            for (k, entry) in d.ids.enumerated() {
                if SuppressionRules.ids.contains(entry.id) {
                    unknownFindings.append((entry.range,
                        "'\(entry.id)' cannot be silenced by a comment; turn it off in .poclint.yml (rules: {\(entry.id): off})."))
                    continue
                }
                guard known.contains(entry.id) else {
                    unknownFindings.append((entry.range,
                        "Unknown rule id '\(entry.id)' in a suppression comment\(NearestNames.hint(entry.id, among: knownList())); `poclint rules` lists them."))
                    continue
                }
                switch d.kind {
                case .disableNextLine:
                    scopes.append(Scope(directive: di, idIndex: k, id: entry.id, lines: (d.endLine + 1)...(d.endLine + 1)))
                case .disableFile:
                    scopes.append(Scope(directive: di, idIndex: k, id: entry.id, lines: 1...lastLine))
                case .disable:
                    open[entry.id, default: []].append(scopes.count)
                    scopes.append(Scope(directive: di, idIndex: k, id: entry.id, lines: d.startLine...lastLine))
                case .enable:
                    if let opened = open[entry.id], !opened.isEmpty {
                        for s in opened {
                            scopes[s].lines = scopes[s].lines.lowerBound...max(scopes[s].lines.lowerBound, d.startLine - 1)
                            scopes[s].closed = true
                        }
                        open[entry.id] = []
                    } else {
                        unusedEnables.append((entry.range,
                            "'poclint-enable \(entry.id)' enables nothing: no 'poclint-disable \(entry.id)' is open above it."))
                    }
                }
            }
        }

        var kept: [Diagnostic] = []
        for diag in diagnostics {
            let line = source.location(of: diag.range.start).line
            var silenced = false
            for s in scopes.indices where scopes[s].id == diag.ruleID && scopes[s].lines.contains(line) {
                scopes[s].used = true
                silenced = true
            }
            if !silenced { kept.append(diag) }
        }

        func report(_ rule: RuleDescription, _ range: SourceRange, _ message: String, suggestion: String?) {
            let setting = configuration.setting(rule.id)
            guard setting.enabled else { return }
            kept.append(Diagnostic(ruleID: rule.id, severity: setting.severity ?? rule.severity, message: message,
                                   range: range, component: nil, suggestion: suggestion))
        }
        for (range, message) in unknownFindings {
            report(SuppressionRules.unknown, range, message,
                   suggestion: "Use the exact rule id from `poclint rules`, e.g. <!-- poclint-disable-next-line vague-phrase -- reason -->.")
        }
        for s in scopes where !s.used && ran.contains(s.id) {
            let d = directives[s.directive]
            let range = d.ids[s.idIndex].range
            let what: String
            switch d.kind {
            case .disableNextLine: what = "no '\(s.id)' finding starts on line \(s.lines.lowerBound)"
            case .disable:
                what = s.closed ? "no '\(s.id)' finding lies between it and its 'poclint-enable'" : "no '\(s.id)' finding follows it"
            case .disableFile: what = "the file has no '\(s.id)' finding"
            case .enable: what = ""
            }
            report(SuppressionRules.unused, range, "Suppression of '\(s.id)' silences nothing: \(what).",
                   suggestion: "Remove '\(s.id)' from the comment (or the whole comment).")
        }
        for (range, message) in unusedEnables {
            report(SuppressionRules.unused, range, message, suggestion: "Remove the comment.")
        }
        return kept
    }
}
