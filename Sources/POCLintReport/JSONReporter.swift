import POCLintCore

/// poclint's own JSON envelope, version 1 (documented in docs/formats/json.md, schema in
/// docs/poclint-output.schema.json). Keys are written in a fixed order.
public struct JSONReporter: StreamingReporter {
    /// Bumped on any incompatible change of the envelope.
    public static let schemaVersion = 1

    public init() {}

    public func render(_ files: [FileReport], options: ReportOptions) -> String {
        ReportStream.render(self, files, options: options)
    }

    public func envelope(_ files: [FileReport], options: ReportOptions) -> JSONValue {
        let counts = SeverityCounts(files)
        return .object([
            ("schema_version", .int(Self.schemaVersion)),
            ("tool", .object([("name", .string(POCLint.name)), ("version", .string(options.toolVersion))])),
            ("files", .array(files.map { file($0, options) })),
            ("summary", summary(counts, files: files.count)),
        ])
    }

    // Streamed: the envelope written piece by piece, byte for byte what
    // `envelope(files).serialized() + "\n"` gives (files at nesting level 2).

    public func streamHeader(_ options: ReportOptions) -> [UInt8] {
        var out: [UInt8] = [0x7B]
        JSONValue.appendMember("schema_version", .int(Self.schemaVersion), to: &out, level: 1)
        out.append(0x2C)
        JSONValue.appendMember("tool", .object([("name", .string(POCLint.name)), ("version", .string(options.toolVersion))]),
                               to: &out, level: 1)
        out.append(0x2C)
        JSONValue.appendNewline(&out, 1)
        out.append(contentsOf: "\"files\": [".utf8)
        return out
    }

    public func streamPart(_ f: FileReport, _ options: ReportOptions) -> (bytes: [UInt8], deferred: [UInt8]) {
        var out: [UInt8] = []
        JSONValue.appendNewline(&out, 2)
        // A report runs to about twice its file on a long application (a finding per repeated
        // section): reserved once (pages are touched only as written), not doubled into.
        var w = JSONStream(level: 2, into: out, capacity: 16384 + 2 * f.result.document.source.bytes.count)
        writeFile(f, options, &w)
        return (w.out, [])
    }

    /// `file(f)` written straight into the stream (the same bytes, no tree).
    func writeFile(_ f: FileReport, _ options: ReportOptions, _ w: inout JSONStream) {
        let text = f.result.document.source
        w.openObject()
        w.key("path")
        w.string(f.path)
        w.key("profile")
        w.string(f.result.profile)
        w.key("diagnostics")
        w.openArray()
        for d in f.result.diagnostics {
            w.item()
            writeDiagnostic(d, text, options, &w)
        }
        w.closeArray()
        w.key("components")
        writeComponents(f.result, text, &w)
        w.key("summary")
        let counts = SeverityCounts(f.result.diagnostics)
        w.openObject()
        w.key("errors")
        w.int(counts.error)
        w.key("warnings")
        w.int(counts.warning)
        w.key("info")
        w.int(counts.info)
        w.closeObject()
        if let p = f.result.prediction {
            w.key("prediction")
            w.openObject()
            PredictionJSON.writeMembers(p, text, &w)
            w.closeObject()
        }
        if f.result.parts.count > 1 {
            w.key("parts")
            w.value(PredictionJSON.parts(f.result))
        }
        w.closeObject()
    }

    /// `diagnostic(d)` written straight into the stream.
    func writeDiagnostic(_ d: Diagnostic, _ text: SourceText, _ options: ReportOptions, _ w: inout JSONStream) {
        w.openObject()
        w.key("rule")
        w.string(d.ruleID)
        w.key("severity")
        w.string(d.severity.rawValue)
        w.key("message")
        w.string(d.message)
        w.key("component")
        w.string(d.component?.rawValue)
        Self.writeLocation(d.range, text, &w)
        w.key("help_url")
        w.string(options.helpURL(d.ruleID))
        w.key("suggestion")
        w.string(d.suggestion)
        w.key("fix")
        if let f = d.fix { writeFix(f, text, &w) } else { w.null() }
        w.key("related")
        w.openArray()
        for r in d.related {
            w.item()
            w.value(.object([("message", .string(r.message))] + Self.location(r.range, text)))
        }
        w.closeArray()
        w.closeObject()
    }

    /// The members of `location(r)` written into an open object.
    static func writeLocation(_ r: SourceRange, _ text: SourceText, _ w: inout JSONStream) {
        let span = Span(r, in: text)
        let values = [span.start.line, span.start.column, span.end.line, span.end.column,
                      span.start.line - 1, span.start.utf16Column, span.end.line - 1, span.end.utf16Column,
                      span.start.offset, span.end.offset]
        // Every diagnostic, fix edit and section has one: the fixed bytes between its ten
        // numbers are copied from a template of the stream's nesting level (made by this
        // function's own slow path, so the bytes are the same by construction).
        w.key("start")
        guard w.depth >= 1 && w.depth < LocationTemplate.levels.count else {
            writeLocationMembers(values, &w)
            return
        }
        let pieces = LocationTemplate.levels[w.depth]
        for k in 0..<10 {
            w.raw(pieces[k])
            w.int(values[k])
        }
        w.raw(pieces[10])
    }

    /// The location members after `"start": ` (already written), key by key.
    static func writeLocationMembers(_ v: [Int], _ w: inout JSONStream) {
        func pair(_ name: StaticString?, _ second: StaticString, _ a: Int, _ b: Int) {
            if let name { w.key(name) }
            w.openObject()
            w.key("line")
            w.int(a)
            w.key(second)
            w.int(b)
            w.closeObject()
        }
        pair(nil, "column", v[0], v[1])
        pair("end", "column", v[2], v[3])
        w.key("range")
        w.openObject()
        pair("start", "character", v[4], v[5])
        pair("end", "character", v[6], v[7])
        w.closeObject()
        w.key("bytes")
        w.openObject()
        w.key("start")
        w.int(v[8])
        w.key("end")
        w.int(v[9])
        w.closeObject()
    }

    /// For each nesting level from 1 to 15, the eleven pieces of fixed bytes of a location after
    /// `"start": ` (index 0 is empty: members are never at level 0).
    enum LocationTemplate {
        static let levels: [[[UInt8]]] = [[]] + (1..<16).map(pieces)

        static func pieces(_ level: Int) -> [[UInt8]] {
            // Markers that cannot occur in the fixed bytes, written by the slow path.
            let markers = (0..<10).map { 987_654_300 + $0 }
            var w = JSONStream(level: level - 1)
            w.openObject()
            w.key("start")
            let begin = w.out.count
            writeLocationMembers(markers, &w)
            let bytes = Array(w.out[begin...])
            var pieces: [[UInt8]] = []
            var from = 0
            for m in markers {
                let needle = Array(String(m).utf8)
                var at = from
                while Array(bytes[at..<(at + needle.count)]) != needle { at += 1 }
                pieces.append(Array(bytes[from..<at]))
                from = at + needle.count
            }
            pieces.append(Array(bytes[from...]))
            return pieces
        }
    }

    public var streamSeparator: [UInt8] { [0x2C] }

    public func streamFooter(_ run: StreamedRun, _ options: ReportOptions, _ write: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        if run.wroteParts { JSONValue.appendNewline(&out, 1) }
        out.append(0x5D)
        out.append(0x2C)
        JSONValue.appendMember("summary", summary(run.counts, files: run.files.count), to: &out, level: 1)
        JSONValue.appendNewline(&out, 0)
        out.append(0x7D)
        out.append(0x0A)
        write(out)
    }

    func summary(_ c: SeverityCounts, files: Int?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let files { members.append(("files", .int(files))) }
        members += [("errors", .int(c.error)), ("warnings", .int(c.warning)), ("info", .int(c.info))]
        return .object(members)
    }

    func file(_ f: FileReport, _ options: ReportOptions) -> JSONValue {
        let text = f.result.document.source
        var members: [(String, JSONValue)] = [
            ("path", .string(f.path)),
            ("profile", .string(f.result.profile)),
            ("diagnostics", .array(f.result.diagnostics.map { diagnostic($0, text, options) })),
            ("components", components(f.result, text)),
            ("summary", summary(SeverityCounts(f.result.diagnostics), files: nil)),
        ]
        if let p = f.result.prediction { members.append(("prediction", PredictionJSON.value(p, text))) }
        if f.result.parts.count > 1 { members.append(("parts", PredictionJSON.parts(f.result))) }
        return .object(members)
    }

    func diagnostic(_ d: Diagnostic, _ text: SourceText, _ options: ReportOptions) -> JSONValue {
        var members = Self.location(d.range, text)
        members.insert(contentsOf: [
            ("rule", .string(d.ruleID)),
            ("severity", .string(d.severity.rawValue)),
            ("message", .string(d.message)),
            ("component", .string(d.component?.rawValue)),
        ], at: 0)
        members += [
            ("help_url", .string(options.helpURL(d.ruleID))),
            ("suggestion", .string(d.suggestion)),
            ("fix", d.fix.map { fix($0, text) } ?? .null),
            ("related", .array(d.related.map { r in
                .object([("message", .string(r.message))] + Self.location(r.range, text))
            })),
        ]
        return .object(members)
    }

    /// `fix(f)` written straight into the stream.
    func writeFix(_ f: Fix, _ text: SourceText, _ w: inout JSONStream) {
        w.openObject()
        w.key("title")
        w.string(f.title)
        w.key("safe")
        w.bool(f.isSafe)
        w.key("edits")
        w.openArray()
        for e in f.edits {
            w.item()
            w.openObject()
            Self.writeLocation(e.range, text, &w)
            w.key("new_text")
            w.string(e.replacement)
            w.closeObject()
        }
        w.closeArray()
        w.closeObject()
    }

    func fix(_ f: Fix, _ text: SourceText) -> JSONValue {
        .object([
            ("title", .string(f.title)),
            ("safe", .bool(f.isSafe)),
            ("edits", .array(f.edits.map { e in
                .object(Self.location(e.range, text) + [("new_text", .string(e.replacement))])
            })),
        ])
    }

    /// `start`/`end` (1-based line, 1-based column in Unicode scalars, end exclusive),
    /// `range` (LSP: 0-based line and UTF-16 character) and `bytes` (UTF-8 offsets in the
    /// decoded text, without a BOM).
    static func location(_ r: SourceRange, _ text: SourceText) -> [(String, JSONValue)] {
        let span = Span(r, in: text)
        func human(_ p: SourcePosition) -> JSONValue { .object([("line", .int(p.line)), ("column", .int(p.column))]) }
        func lsp(_ p: SourcePosition) -> JSONValue { .object([("line", .int(p.line - 1)), ("character", .int(p.utf16Column))]) }
        return [
            ("start", human(span.start)),
            ("end", human(span.end)),
            ("range", .object([("start", lsp(span.start)), ("end", lsp(span.end))])),
            ("bytes", .object([("start", .int(span.start.offset)), ("end", .int(span.end.offset))])),
        ]
    }

    /// `components(result)` written straight into the stream.
    func writeComponents(_ result: LintResult, _ text: SourceText, _ w: inout JSONStream) {
        let sections = result.document.sections
        func section(_ i: Int) {
            let s = sections[i]
            w.openObject()
            w.key("title")
            w.string(s.title)
            w.key("kind")
            w.string(s.kind.rawValue)
            w.key("level")
            w.int(s.level)
            Self.writeLocation(s.titleRange, text, &w)
            w.closeObject()
        }
        w.openObject()
        let pack = RulePack.builtIn
        for c in result.parts.flatMap({ pack.profile($0.part.profile)?.componentIDs ?? [] }) {
            w.key(escaping: c.rawValue)
            w.openObject()
            w.key("found")
            if let a = result.components[c] {
                w.bool(true)
                w.key("section")
                section(a.section)
                w.key("reason")
                w.string(a.reason)
            } else {
                w.bool(false)
                w.key("section")
                w.null()
                w.key("reason")
                w.null()
            }
            w.closeObject()
        }
        w.key("duplicates")
        w.openArray()
        for dup in result.components.duplicates {
            w.item()
            w.openObject()
            w.key("component")
            w.string(dup.component.rawValue)
            w.key("section")
            section(dup.section)
            w.closeObject()
        }
        w.closeArray()
        w.closeObject()
    }

    /// For each of the five components: the section taken for it and why, or null; then the
    /// sections that named a component already taken.
    func components(_ result: LintResult, _ text: SourceText) -> JSONValue {
        let sections = result.document.sections
        func section(_ i: Int) -> JSONValue {
            let s = sections[i]
            return .object([
                ("title", .string(s.title)),
                ("kind", .string(s.kind.rawValue)),
                ("level", .int(s.level)),
            ] + Self.location(s.titleRange, text))
        }
        var members: [(String, JSONValue)] = []
        let pack = RulePack.builtIn
        for c in result.parts.flatMap({ pack.profile($0.part.profile)?.componentIDs ?? [] }) {
            if let a = result.components[c] {
                members.append((c.rawValue, .object([
                    ("found", .bool(true)),
                    ("section", section(a.section)),
                    ("reason", .string(a.reason)),
                ])))
            } else {
                members.append((c.rawValue, .object([("found", .bool(false)), ("section", .null), ("reason", .null)])))
            }
        }
        members.append(("duplicates", .array(result.components.duplicates.map { dup in
            .object([("component", .string(dup.component.rawValue)), ("section", section(dup.section))])
        })))
        return .object(members)
    }
}
