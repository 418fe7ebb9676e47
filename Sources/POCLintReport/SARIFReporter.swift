import POCLintCore

/// SARIF 2.1.0 as GitHub code scanning reads it (docs/formats/sarif.md): one run, every rule
/// in `tool.driver.rules`, results with `ruleIndex`, relative artifact URIs under
/// `%SRCROOT%`, full regions in UTF-16 code units (`columnKind: utf16CodeUnits`, end column
/// exclusive) and a `poclint/v1` partial fingerprint that does not move when lines are
/// added above the finding.
public struct SARIFReporter: StreamingReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://github.com/poclint/poclint"
    public static let baseID = "%SRCROOT%"

    public init() {}

    public func render(_ files: [FileReport], options: ReportOptions) -> String {
        ReportStream.render(self, files, options: options)
    }

    public func log(_ files: [FileReport], options: ReportOptions) -> JSONValue {
        var run = runHead(options)
        var results: [JSONValue] = []
        for file in files { results += fileResults(file, options) }
        run.append(("results", .array(results)))
        let counts = SeverityCounts(files)
        var properties = Self.counts(files: files.count, counts)
        let all = files.flatMap { predictions($0, options) }
        if !all.isEmpty { properties.append(("predictions", .array(all))) }
        run.append(("properties", .object(properties)))
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
    }

    /// The members of the run before its results.
    func runHead(_ options: ReportOptions) -> [(String, JSONValue)] {
        var run: [(String, JSONValue)] = [
            ("tool", .object([("driver", .object([
                ("name", .string(POCLint.name)),
                ("version", .string(options.toolVersion)),
                ("semanticVersion", .string(options.toolVersion)),
                ("informationUri", .string(Self.informationURI)),
                ("rules", .array(options.rules.map { rule($0, options) })),
            ]))])),
            ("invocations", .array([.object([("executionSuccessful", .bool(true))])])),
            ("columnKind", .string("utf16CodeUnits")),
        ]
        if let base = options.baseDirectory {
            run.append(("originalUriBaseIds", .object([
                (Self.baseID, .object([("uri", .string(Self.fileURI(directory: base)))])),
            ])))
        }
        return run
    }

    /// The results of one file (fingerprint counters are per file).
    func fileResults(_ file: FileReport, _ options: ReportOptions) -> [JSONValue] {
        guard !file.result.diagnostics.isEmpty else { return [] }
        let index = Self.ruleIndex(options.rules)
        let artifact = Self.artifactLocation(file.path, base: options.baseDirectory)
        var seen: [String: Int] = [:]
        return file.result.diagnostics.map { d in
            result(d, file, artifact: artifact, ruleIndex: index[d.ruleID], seen: &seen)
        }
    }

    static func ruleIndex(_ rules: [RuleDescription]) -> [String: Int] {
        Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func counts(files: Int, _ counts: SeverityCounts) -> [(String, JSONValue)] {
        [("files", .int(files)),
         ("errors", .int(counts.error)), ("warnings", .int(counts.warning)), ("info", .int(counts.info))]
    }

    /// The predictions of a file (one per part), keyed by the same relative URI as its results.
    func predictions(_ f: FileReport, _ options: ReportOptions) -> [JSONValue] {
        f.result.predictions.map { p in
            .object([("artifactLocation", Self.artifactLocation(f.path, base: options.baseDirectory))] + {
                if case .object(let m) = PredictionJSON.value(p, f.result.document.source) { return m }
                return []
            }())
        }
    }

    // Streamed: the log written piece by piece, byte for byte what `log(files).serialized() + "\n"`
    // gives. Results stand at nesting level 4; the predictions (level 5) follow every result in
    // the run's properties, so they are the deferred part.

    public func streamHeader(_ options: ReportOptions) -> [UInt8] {
        var out: [UInt8] = [0x7B]
        JSONValue.appendMember("$schema", .string(Self.schemaURI), to: &out, level: 1)
        out.append(0x2C)
        JSONValue.appendMember("version", .string("2.1.0"), to: &out, level: 1)
        out.append(0x2C)
        JSONValue.appendNewline(&out, 1)
        out.append(contentsOf: "\"runs\": [".utf8)
        JSONValue.appendNewline(&out, 2)
        out.append(0x7B)
        for (key, value) in runHead(options) {
            JSONValue.appendMember(key, value, to: &out, level: 3)
            out.append(0x2C)
        }
        JSONValue.appendNewline(&out, 3)
        out.append(contentsOf: "\"results\": [".utf8)
        return out
    }

    public func streamPart(_ file: FileReport, _ options: ReportOptions) -> (bytes: [UInt8], deferred: [UInt8]) {
        var out: [UInt8] = []
        for (i, r) in fileResults(file, options).enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONValue.appendNewline(&out, 4)
            r.appendPretty(to: &out, level: 4)
        }
        var deferred: [UInt8] = []
        for (i, p) in file.result.predictions.enumerated() {
            // `predictions(file)` written straight into the stream.
            if i > 0 { deferred.append(0x2C) }
            JSONValue.appendNewline(&deferred, 5)
            var w = JSONStream(level: 5, into: deferred)
            w.openObject()
            w.key("artifactLocation")
            w.value(Self.artifactLocation(file.path, base: options.baseDirectory))
            PredictionJSON.writeMembers(p, file.result.document.source, &w)
            w.closeObject()
            deferred = w.out
        }
        return (out, deferred)
    }

    public var streamSeparator: [UInt8] { [0x2C] }

    public func streamFooter(_ run: StreamedRun, _ options: ReportOptions, _ write: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        if run.wroteParts { JSONValue.appendNewline(&out, 3) }
        out.append(0x5D)
        out.append(0x2C)
        JSONValue.appendNewline(&out, 3)
        out.append(contentsOf: "\"properties\": {".utf8)
        for (i, (key, value)) in Self.counts(files: run.files.count, run.counts).enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONValue.appendMember(key, value, to: &out, level: 4)
        }
        if !run.deferred.isEmpty {
            out.append(0x2C)
            JSONValue.appendNewline(&out, 4)
            out.append(contentsOf: "\"predictions\": [".utf8)
            write(out)
            out = []
            run.deferred.forEachChunk(write)
            JSONValue.appendNewline(&out, 4)
            out.append(0x5D)
        }
        JSONValue.appendNewline(&out, 3)
        out.append(0x7D)
        JSONValue.appendNewline(&out, 2)
        out.append(0x7D)
        JSONValue.appendNewline(&out, 1)
        out.append(0x5D)
        JSONValue.appendNewline(&out, 0)
        out.append(0x7D)
        out.append(0x0A)
        write(out)
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    func rule(_ r: RuleDescription, _ options: ReportOptions) -> JSONValue {
        let url = options.helpURL(r.id)
        let problem: String
        switch r.severity {
        case .error: problem = "error"
        case .warning: problem = "warning"
        case .info: problem = "recommendation"
        }
        return .object([
            ("id", .string(r.id)),
            ("name", .string(r.name)),
            ("shortDescription", .object([("text", .string(Self.limit(r.title)))])),
            ("fullDescription", .object([("text", .string(Self.limit(r.rationale)))])),
            ("helpUri", .string(url)),
            ("help", .object([("text", .string("\(r.title). \(r.rationale) See \(url)"))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(r.severity)))])),
            ("properties", .object([
                ("tags", .array([.string(r.component?.rawValue ?? "document")] + r.profiles.map { .string("profile:" + $0) })),
                ("precision", .string("high")),
                ("problem.severity", .string(problem)),
            ])),
        ])
    }

    func result(_ d: Diagnostic, _ file: FileReport, artifact: JSONValue, ruleIndex: Int?,
                seen: inout [String: Int]) -> JSONValue {
        let text = file.result.document.source
        var members: [(String, JSONValue)] = [("ruleId", .string(d.ruleID))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        var message = d.message
        if let s = d.suggestion { message += " " + s }
        members += [
            ("level", .string(Self.level(d.severity))),
            ("message", .object([("text", .string(message))])),
            ("locations", .array([Self.location(artifact, Self.region(d.range, text))])),
        ]
        if !d.related.isEmpty {
            members.append(("relatedLocations", .array(d.related.enumerated().map { i, r in
                var loc = Self.location(artifact, Self.region(r.range, text))
                if case .object(let m) = loc {
                    loc = .object([("id", .int(i + 1))] + m + [("message", .object([("text", .string(r.message))]))])
                }
                return loc
            })))
        }
        let key = Self.fingerprintKey(d, text)
        let n = (seen[key] ?? 0) + 1
        seen[key] = n
        members.append(("partialFingerprints", .object([("poclint/v1", .string("\(d.ruleID):\(key):\(n)"))])))
        if let fix = d.fix {
            members.append(("fixes", .array([.object([
                ("description", .object([("text", .string(fix.title))])),
                ("artifactChanges", .array([.object([
                    ("artifactLocation", artifact),
                    ("replacements", .array(fix.edits.map { e in
                        .object([
                            ("deletedRegion", Self.region(e.range, text)),
                            ("insertedContent", .object([("text", .string(e.replacement))])),
                        ])
                    })),
                ])])),
                ("properties", .object([("safe", .bool(fix.isSafe))])),
            ])])))
        }
        return .object(members)
    }

    static func location(_ artifact: JSONValue, _ region: JSONValue) -> JSONValue {
        .object([("physicalLocation", .object([("artifactLocation", artifact), ("region", region)]))])
    }

    /// A full region: 1-based lines, 1-based UTF-16 columns, end column just past the last character.
    static func region(_ r: SourceRange, _ text: SourceText) -> JSONValue {
        let span = Span(r, in: text)
        return .object([
            ("startLine", .int(span.start.line)),
            ("startColumn", .int(span.start.utf16Column + 1)),
            ("endLine", .int(span.end.line)),
            ("endColumn", .int(span.end.utf16Column + 1)),
        ])
    }

    /// A hash of what does not move when lines are added above: the rule, the message and
    /// the flagged text (whitespace runs collapsed). FNV-1a, 64 bits, hex.
    static func fingerprintKey(_ d: Diagnostic, _ text: SourceText) -> String {
        let flagged = text.string(d.range).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(d.ruleID.utf8) + [0] + Array(d.message.utf8) + [0] + Array(flagged.utf8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// `{uri, uriBaseId}` for a path under the base directory; an absolute file URI otherwise.
    static func artifactLocation(_ path: String, base: String?) -> JSONValue {
        if path == "<stdin>" { return .object([("uri", .string("stdin"))]) }
        var relative = path
        if path.hasPrefix("/") {
            guard let base else { return .object([("uri", .string(fileURI(path: path)))]) }
            let prefix = base.hasSuffix("/") ? base : base + "/"
            guard path.hasPrefix(prefix) else { return .object([("uri", .string(fileURI(path: path)))]) }
            relative = String(path.dropFirst(prefix.count))
        }
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        var members: [(String, JSONValue)] = [("uri", .string(percentEncode(relative)))]
        if base != nil && !relative.hasPrefix("../") { members.append(("uriBaseId", .string(baseID))) }
        return .object(members)
    }

    static func fileURI(path: String) -> String { "file://" + percentEncode(path) }

    static func fileURI(directory: String) -> String {
        fileURI(path: directory.hasSuffix("/") ? directory : directory + "/")
    }

    /// Percent-encodes everything but unreserved characters and `/`.
    static func percentEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// GitHub keeps 1,024 characters of a rule description.
    static func limit(_ s: String) -> String {
        s.count <= 1024 ? s : String(s.prefix(1021)) + "..."
    }
}
