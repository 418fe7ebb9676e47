import Foundation
import Testing
import POCLintCore
import POCLintReport
import POCLintRules

/// The streamed reports (written file by file by `poclint lint`) give the bytes of the whole
/// report built at once: the JSON envelope and the SARIF log as one `JSONValue`, the text
/// report with its table across files.
struct StreamTests {
    static let documents: [(String, String)] = [
        ("apps/a.md", "# Acme\n\n## Use case\n\n\u{1F680} We use cutting-edge models.\n\n## Budget\n\nTotal $10 a month.\n"),
        ("apps/b.md", "# Plain\n\nNothing to see.\n"),
        ("apps/c.md", "# Beta\n\nWe use cutting-edge models, cutting-edge again.\n"),
    ]

    /// Files linted with every rule and the prediction, and with the flag rule only.
    static func files(real: Bool) -> [FileReport] {
        documents.map { path, md in
            let result = real ? RuleRegistry.linter().lint(md, path: path) : Linter(rules: [FlagWord()]).lint(md, path: path)
            return FileReport(path: path, result: result)
        }
    }

    static func sets(real: Bool) -> [[FileReport]] {
        let f = files(real: real)
        return [[], [f[0]], [f[1]], f, [f[1], f[1]]]
    }

    static func realOptions() -> ReportOptions {
        var o = ReportOptions()
        o.rules = RuleRegistry.linter().rules.map(\.description)
        o.baseDirectory = "/work/repo"
        return o
    }

    /// The stream written in pieces, with a spool that goes to its temporary file at once.
    static func streamed(_ reporter: any StreamingReporter, _ files: [FileReport], _ o: ReportOptions) -> String {
        var out: [UInt8] = []
        let stream = ReportStream(reporter, options: o, spoolLimit: 1) { out.append(contentsOf: $0) }
        for f in files { stream.add(ReportStream.part(reporter, f, options: o)) }
        stream.finish()
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: [false, true])
    func jsonStreamIsTheEnvelope(real: Bool) {
        let o = real ? Self.realOptions() : options()
        for set in Self.sets(real: real) {
            let whole = JSONReporter().envelope(set, options: o).serialized() + "\n"
            #expect(JSONReporter().render(set, options: o) == whole)
            #expect(Self.streamed(JSONReporter(), set, o) == whole)
        }
    }

    @Test(arguments: [false, true])
    func sarifStreamIsTheLog(real: Bool) {
        let o = real ? Self.realOptions() : options()
        for set in Self.sets(real: real) {
            let whole = SARIFReporter().log(set, options: o).serialized() + "\n"
            #expect(SARIFReporter().render(set, options: o) == whole)
            #expect(Self.streamed(SARIFReporter(), set, o) == whole)
        }
        var noBase = o
        noBase.baseDirectory = nil
        let set = Self.files(real: real)
        #expect(Self.streamed(SARIFReporter(), set, noBase) == SARIFReporter().log(set, options: noBase).serialized() + "\n")
    }

    @Test func textStreamEndsWithTheTableAndTheSummary() {
        let o = Self.realOptions()
        let set = Self.files(real: true)
        let out = Self.streamed(TextReporter(), set, o)
        #expect(out == TextReporter().render(set, options: o))
        let table = Scorecard.table(set.compactMap { f in f.result.prediction.map { (f.path, $0) } })
        #expect(!table.isEmpty)
        #expect(out.contains(table + "\n3 files linted: "))
        for (path, _) in Self.documents { #expect(out.contains("\n\(path): predicted ")) }
        // One file: no table.
        let one = Self.streamed(TextReporter(), [set[0]], o)
        #expect(!one.contains("top fix"))
        #expect(one.hasSuffix("1 file linted: " + (set[0].result.diagnostics.isEmpty ? "no problems" : SeverityCounts(set[0].result.diagnostics).phrase) + "\n"))
    }

    @Test func githubStreamIsOneLinePerFinding() {
        let set = Self.files(real: false)
        let out = Self.streamed(GitHubReporter(), set, options())
        #expect(out == GitHubReporter().render(set, options: options()))
        #expect(out.split(separator: "\n").count == set.map(\.result.diagnostics.count).reduce(0, +))
    }

    @Test func summariesKeepWhatTheEndNeeds() {
        let set = Self.files(real: true)
        let s = FileSummary(set[0])
        #expect(s.path == "apps/a.md")
        #expect(s.counts == SeverityCounts(set[0].result.diagnostics))
        #expect(s.tiers.map(\.tier) == set[0].result.predictions.map(\.tier))
        #expect(s.tiers.map(\.profile) == set[0].result.predictions.map(\.profile))
        #expect(s.parts == set[0].result.parts.count)
        #expect(s.rows.map(\.path) == set[0].result.predictions.map { _ in "apps/a.md" })
        #expect(SeverityCounts(summaries: set.map(FileSummary.init)) == SeverityCounts(set))
    }

    @Test func spoolGivesBackWhatItWasGivenInOrder() {
        for limit in [0, 1, 7, 1 << 20] {
            let spool = Spool(limit: limit)
            var expected: [UInt8] = []
            for i in 0..<200 {
                let chunk = [UInt8](repeating: UInt8(i % 251), count: i % 13 + 1)
                spool.append(chunk)
                expected += chunk
            }
            spool.append([])
            var got: [UInt8] = []
            spool.forEachChunk { got += $0 }
            #expect(got == expected)
            #expect(spool.count == expected.count)
        }
    }

    /// The escaping the JSON writer had before it copied plain runs at once, byte by byte.
    static func referenceEscape(_ s: String) -> String {
        var out: [UInt8] = [0x22]
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            let b = u[i]
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0..<0x20: out += Array(String(format: "\\u%04x", Int(b)).utf8)
            case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                out += Array("\\u202".utf8) + [u[i + 2] == 0xA8 ? 0x38 : 0x39]
                i += 3
                continue
            default: out.append(b)
            }
            i += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func jsonEscapingAndNumbers() {
        let pieces = ["a", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{2028}", "\u{2029}",
                      "\u{2026}", "\u{2014}", "é", "🚀", " ", "plain text", "\u{7F}"]
        var strings = pieces + ["", "\u{2028}", "x\u{2029}", "\u{2026}\u{2028}"]
        var r: UInt64 = 0x1234_5678_9ABC_DEF1
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<Int(r % 7) {
                r ^= r << 13; r ^= r >> 7; r ^= r << 17
                s += pieces[Int(r % UInt64(pieces.count))]
            }
            r ^= r << 13; r ^= r >> 7; r ^= r << 17
            strings.append(s)
        }
        for s in strings {
            #expect(JSONValue.string(s).serialized(pretty: false) == Self.referenceEscape(s), "\(Array(s.utf8))")
        }
        for i in [0, 7, 9, 10, 11, 99, 100, 12345, -1, -10, -987654321, Int.max, Int.min, Int.max - 1] {
            #expect(JSONValue.int(i).serialized(pretty: false) == String(i))
        }
        #expect(JSONValue.array([.object([("a", .int(1))])]).serialized() == "[\n  {\n    \"a\": 1\n  }\n]")
    }
}
