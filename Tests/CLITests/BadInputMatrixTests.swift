import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bad-input matrix: every input a partner may feed poclint gives either a correct lint
/// (exit 0 or 1, nothing on stderr) or one clear line on stderr naming the file, with exit 2.
/// Never a crash, never a hang (each run is killed after `hangTimeout` and the test fails).
/// `docs/reliability.md` lists the same cases with their behaviour.
@Suite struct BadInputMatrixTests {
    // MARK: expectations

    /// A lint that went through: exit 0 or 1, no error output.
    func expectLint(_ r: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.exitedNormally, "\(r)", sourceLocation: sourceLocation)
        #expect(r.status == 0 || r.status == 1, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.isEmpty, "\(r)", sourceLocation: sourceLocation)
    }

    /// A refused input: exit 2, exactly one line on stderr that names the file and says why.
    func expectInputError(_ r: RunResult, naming path: String, saying message: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.exitedNormally, "\(r)", sourceLocation: sourceLocation)
        #expect(r.status == 2, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderrLines.count == 1, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(path), "stderr does not name \(path): \(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(message), "stderr does not say '\(message)': \(r)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(r)", sourceLocation: sourceLocation)
    }

    /// Lints bytes written to `name` in a fresh directory.
    func lint(_ bytes: [UInt8], name: String = "draft.md", _ extra: [String] = []) throws -> (RunResult, String) {
        let dir = try TemporaryDirectory()
        let path = try dir.write(name, bytes)
        return (try poclint(["lint"] + extra + [path]), path)
    }

    func lint(_ text: String, name: String = "draft.md") throws -> (RunResult, String) {
        try lint(Array(text.utf8), name: name)
    }

    /// The diagnostics (`F:line:col: ...` headers) of a document, as the binary reports them.
    func headers(_ bytes: [UInt8]) throws -> [String] {
        let (r, path) = try lint(bytes)
        expectLint(r)
        return diagnosticHeaders(r.stdout, path: path)
    }

    /// The sample application's diagnostics with LF line endings: the reference the encoded
    /// copies must reproduce exactly. It must hold a diagnostic past column 1 on a line with
    /// multibyte text, or the comparisons would prove little.
    func baseline() throws -> [String] {
        let base = try headers(Array(sampleApplication.utf8))
        #expect(base.contains { h in
            let parts = h.split(separator: ":")
            return parts.count > 2 && Int(parts[1]) == 5 && (Int(parts[2]) ?? 0) > 1
        }, "the sample should have a diagnostic inside line 5: \(base)")
        return base
    }

    // MARK: empty and blank

    @Test func emptyFileIsLintedAsMissingEverything() throws {
        let (r, path) = try lint([])
        expectLint(r)
        #expect(r.status == 1)
        #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix(path + ":1:1: error: Missing component") }.count == 5, "\(r)")
    }

    @Test func whitespaceOnlyFileIsLinted() throws {
        let (r, _) = try lint(" \n\t\n   \r\n\u{00A0}\n\n")
        expectLint(r)
        #expect(r.stdout.contains("[missing-component]"))
    }

    @Test func emptyStandardInputIsLinted() throws {
        let dir = try TemporaryDirectory()
        let empty = try dir.write("empty", [])
        let r = try poclint(["lint", "-"], stdin: empty)
        expectLint(r)
        #expect(r.stdout.contains("<stdin>"))
    }

    // MARK: not text

    @Test(arguments: [
        ("pdf renamed .md", Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n".utf8) + [0, 0, 0x0A]),
        ("png renamed .md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]),
        ("one NUL at the end of text", Array("# Title\n\nText.\n".utf8) + [0]),
        ("UTF-16 without a byte order mark", Array("# T\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
        ("UTF-32 with a byte order mark", [0xFF, 0xFE, 0, 0, 0x23, 0, 0, 0]),
    ] as [(String, [UInt8])])
    func binaryDataIsNotATextFile(_ name: String, _ bytes: [UInt8]) throws {
        let (r, path) = try lint(bytes)
        expectInputError(r, naming: path, saying: "not a text file")
    }

    @Test func binaryStandardInputIsNotATextFile() throws {
        let dir = try TemporaryDirectory()
        let bin = try dir.write("bin", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0])
        let r = try poclint(["lint", "-"], stdin: bin)
        expectInputError(r, naming: "<stdin>", saying: "not a text file")
    }

    /// Invalid UTF-8 is refused, always with the line and the column (in characters, as
    /// diagnostics count them) of the first bad byte; line endings of every kind count.
    @Test(arguments: [
        ("a stray byte on line 2", Array("# T\n".utf8) + [0xFF, 0x0A], 2, 1),
        ("Latin-1 é", Array("caf".utf8) + [0xE9] + Array(" au lait\n".utf8), 1, 4),
        ("a truncated sequence after multibyte text", Array("# Résumé ".utf8) + [0xC3, 0x0A], 1, 10),
        ("an overlong NUL after CRLF lines", Array("a\r\nb\r\n".utf8) + [0xC0, 0x80], 3, 1),
        ("a UTF-16 surrogate after a lone CR", Array("a\rb".utf8) + [0xED, 0xA0, 0x80], 2, 2),
        ("a code point above U+10FFFF after an emoji", Array("🚀".utf8) + [0xF4, 0x90, 0x80, 0x80], 1, 2),
        ("a sequence cut by the end of the file", Array("ok ".utf8) + [0xE2, 0x82], 1, 4),
        ("after a UTF-8 byte order mark", [0xEF, 0xBB, 0xBF] + Array("# T\n".utf8) + [0xFF], 2, 1),
    ] as [(String, [UInt8], Int, Int)])
    func invalidUTF8IsRefusedWithLineAndColumn(_ name: String, _ bytes: [UInt8], _ line: Int, _ column: Int) throws {
        let (r, path) = try lint(bytes)
        expectInputError(r, naming: path, saying: "invalid UTF-8 at line \(line), column \(column)")
    }

    @Test func utf16WithAnOddByteCountIsRefused() throws {
        let (r, path) = try lint([0xFF, 0xFE, 0x23, 0x00, 0x20])
        expectInputError(r, naming: path, saying: "UTF-16")
    }

    @Test func utf16WithAnUnpairedSurrogateIsRefused() throws {
        let (r, path) = try lint([0xFE, 0xFF, 0x00, 0x23, 0xD8, 0x00, 0x00, 0x0A])
        expectInputError(r, naming: path, saying: "invalid UTF-16")
    }

    // MARK: encodings and line endings: positions stay exact

    @Test func utf8ByteOrderMarkKeepsEveryPosition() throws {
        let base = try baseline()
        #expect(try headers([0xEF, 0xBB, 0xBF] + Array(sampleApplication.utf8)) == base)
    }

    @Test func utf16LittleEndianWithBOMKeepsEveryPosition() throws {
        let base = try baseline()
        let le: [UInt8] = [0xFF, 0xFE] + sampleApplication.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try headers(le) == base)
    }

    @Test func utf16BigEndianWithBOMKeepsEveryPosition() throws {
        let base = try baseline()
        let be: [UInt8] = [0xFE, 0xFF] + sampleApplication.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try headers(be) == base)
    }

    @Test func crlfLineEndingsKeepEveryPosition() throws {
        let base = try baseline()
        #expect(try headers(Array(sampleApplication.replacingOccurrences(of: "\n", with: "\r\n").utf8)) == base)
    }

    @Test func loneCRLineEndingsKeepEveryPosition() throws {
        let base = try baseline()
        #expect(try headers(Array(sampleApplication.replacingOccurrences(of: "\n", with: "\r").utf8)) == base)
    }

    @Test func mixedLineEndingsKeepEveryPosition() throws {
        let base = try baseline()
        var mixed = ""
        var previous = ""
        for (i, line) in sampleApplication.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 {
                var ending = ["\n", "\r\n", "\r"][i % 3]
                // A CR, an empty line and an LF would read as one CRLF: keep the line.
                if ending == "\n" && previous == "\r" && mixed.hasSuffix("\r") { ending = "\r\n" }
                mixed += ending
                previous = ending
            }
            mixed += line
        }
        #expect(try headers(Array(mixed.utf8)) == base)
    }

    // MARK: front matter and HTML

    @Test func yamlFrontMatterIsSkippedAndLinesStayExact() throws {
        let base = try baseline()
        let frontMatter = "---\ntitle: We will explore LLM opportunities\ntags: [TBD, \"bring generative AI into our platform\"]\n---\n"
        let shifted = base.map { shiftLine($0, by: 4) }
        #expect(try headers(Array((frontMatter + sampleApplication).utf8)) == shifted)
    }

    @Test func unclosedFrontMatterIsLinted() throws {
        let (r, _) = try lint("---\ntitle: x\n\n# Title\n\nText.\n")
        expectLint(r)
    }

    @Test func htmlBlocksAndCommentsAreNotProseAndLinesStayExact() throws {
        let base = try baseline()
        let html = """
        <div align="center">
        <img src="arch.png" alt="We will explore LLM opportunities">
        </div>

        <!-- note to self: TBD, bring generative AI into our platform
        and iterate until it works -->


        """
        let insertAt = sampleApplication.range(of: "## Model selection")!.lowerBound
        let doc = String(sampleApplication[..<insertAt]) + html + String(sampleApplication[insertAt...])
        let insertedAfterLine = sampleApplication[..<insertAt].filter { $0 == "\n" }.count
        let insertedLines = html.filter { $0 == "\n" }.count
        let expected = base.map { h in lineOf(h) > insertedAfterLine ? shiftLine(h, by: insertedLines) : h }
        #expect(try headers(Array(doc.utf8)) == expected)
    }

    @Test func unclosedHTMLCommentSwallowingTheRestIsLinted() throws {
        let (r, _) = try lint("# Title\n\n## Use case\n\n<!-- draft\n\n## Budget\n\nTBD\n")
        expectLint(r)
    }

    // MARK: size and depth (each must finish well within the hang timeout)

    @Test func oneMegabyteSingleLineIsLinted() throws {
        let sentence = "Adjusters get a first-response draft from the claim form and the policy PDF. "
        let line = String(repeating: sentence, count: (1 << 20) / sentence.utf8.count + 1)
        let (r, _) = try lint("# Title\n\n" + line + "\n")
        expectLint(r)
    }

    /// 100,000 headings: the outline and the component classifier stay linear in the number
    /// of sections (they were quadratic once).
    @Test func oneHundredThousandHeadingsAreLinted() throws {
        var doc = ""
        for i in 0..<100_000 { doc += "## Section \(i)\n" }
        let (r, _) = try lint(doc)
        expectLint(r)
    }

    /// With one heading that names a component, the classifier looks for content cues in
    /// every other section; finding a section's own text must not scan all sections (it once
    /// did: 100,000 headings never finished).
    @Test func oneHundredThousandHeadingsAfterAComponentHeadingAreLinted() throws {
        var doc = "# App\n\n## Use case\n\nAdjusters draft replies.\n\n"
        for i in 0..<100_000 { doc += "## Section \(i)\n" }
        let (r, _) = try lint(doc)
        expectLint(r)
    }

    /// The text report shows a window of the line around each finding, not the whole line, so
    /// a long pasted paragraph with many findings gives a report that grows with the findings,
    /// not with the line's length times the findings: 300 repetitions (23 KB) must not give more
    /// than 50 bytes of report per input byte.
    @Test func longLineFullOfFindingsGivesAReportOfBoundedSize() throws {
        let sentence = "We will explore LLM opportunities and bring generative AI into our platform. "
        let doc = "# Title\n\n## Use case\n\n" + String(repeating: sentence, count: 300) + "\n"
        let (r, _) = try lint(doc)
        expectLint(r)
        #expect(r.stdoutData.count < 50 * doc.utf8.count, "report of \(r.stdoutData.count) bytes for \(doc.utf8.count) bytes of input")
    }

    /// A 1 MB paragraph of vague phrases (27,000 findings on one line) is linted in bounded
    /// time: contained matches are dropped in one sweep, and the report clips the line.
    @Test func oneMegabyteLineOfVaguePhrasesIsLinted() throws {
        let sentence = "We will explore LLM opportunities and bring generative AI into our platform. "
        let doc = "# Title\n\n## Use case\n\n" + String(repeating: sentence, count: (1 << 20) / sentence.utf8.count) + "\n"
        let (r, _) = try lint(doc)
        expectLint(r)
    }

    @Test func tenThousandRowTableIsLinted() throws {
        var doc = "# Budget\n\n| item | volume | monthly |\n|---|---:|---:|\n"
        for i in 0..<10_000 { doc += "| Lambda \(i) | \(i) M requests | $\(i) |\n" }
        doc += "| Total | | $49,995,000 |\n"
        let (r, _) = try lint(doc)
        expectLint(r)
    }

    @Test(arguments: [
        ("block quotes", "> "),
        ("bullet lists", "- "),
        ("ordered lists", "1. "),
        ("quotes in lists", "* > "),
    ])
    func tenThousandDeepNestingIsLinted(_ name: String, _ marker: String) throws {
        let (r, _) = try lint("# Title\n\n" + String(repeating: marker, count: 10_000) + "Use case: TBD.\n")
        expectLint(r)
    }

    @Test func tenThousandDeepQuotesOverManyLinesAreLinted() throws {
        var doc = ""
        for depth in 1...2_000 { doc += String(repeating: ">", count: depth) + " line\n" }
        let (r, _) = try lint(doc)
        expectLint(r)
    }

    // MARK: odd shapes

    @Test func onlyHeadingsAreLinted() throws {
        let (r, _) = try lint("# Title\n## Use case\n## Model selection\n## Evaluation plan\n## Budget\n## Timeline\n### \n#\n")
        expectLint(r)
    }

    @Test func duplicateComponentSectionsAreLinted() throws {
        let doc = sampleApplication + "## Budget\n\nAgain: $2,500 a month.\n\n## Use case\n\nA second use case.\n"
        let (r, _) = try lint(doc)
        expectLint(r)
        #expect(r.status == 1 || !r.stdout.isEmpty)
    }

    // MARK: paths

    @Test func nonExistentPathIsAnError() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("no-such-draft.md").path
        let r = try poclint(["lint", path])
        expectInputError(r, naming: path, saying: "no such file")
    }

    @Test func directoryWithoutMarkdownIsAnError() throws {
        let dir = try TemporaryDirectory()
        try dir.write("notes.txt", "# Not Markdown by name\n")
        try dir.write("sub/readme.rst", "Title\n=====\n")
        try dir.write(".hidden/draft.md", "# Hidden folders are not searched\n")
        let r = try poclint(["lint", dir.path])
        expectInputError(r, naming: dir.path, saying: "no Markdown files")
    }

    @Test(.enabled(if: permissionDenialIsTestable, permissionSkipReason))
    func unreadableFileIsAnError() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("locked.md", "# Title\n")
        chmod(path, 0)
        let r = try poclintWithoutReadOverride(["lint", path])
        expectInputError(r, naming: path, saying: "permission denied")
    }

    @Test(.enabled(if: permissionDenialIsTestable, permissionSkipReason))
    func unreadableSubdirectoryIsAnErrorNotASilentSkip() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.md", "# Title\n")
        try dir.write("locked/b.md", "# Title\n")
        chmod(dir.url.appendingPathComponent("locked").path, 0)
        let r = try poclintWithoutReadOverride(["lint", dir.path])
        expectInputError(r, naming: "locked", saying: "permission denied")
    }

    @Test func symlinkLoopsUnderADirectoryAreVisitedOnce() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a/draft.md", "# Title\n")
        let b = try dir.write("b/other.md", "# Title\n")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.path + "/a/self", withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: dir.path + "/a/up", withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: dir.path + "/a/to-b", withDestinationPath: "../b")
        try fm.createSymbolicLink(atPath: dir.path + "/b/to-a", withDestinationPath: "../a")
        try fm.createSymbolicLink(atPath: dir.path + "/a/link.md", withDestinationPath: "../b/other.md")
        try fm.createSymbolicLink(atPath: dir.path + "/dangling.md", withDestinationPath: "nowhere.md")
        let r = try poclint(["lint", dir.path])
        expectLint(r)
        // Each real file once, under its own path (not through a link): five missing
        // components each.
        let missing = r.stdout.split(separator: "\n").filter { $0.contains(": error: Missing component") }
        #expect(missing.filter { $0.hasPrefix(a + ":") }.count == 5, "\(r)")
        #expect(missing.filter { $0.hasPrefix(b + ":") }.count == 5, "\(r)")
        #expect(missing.count == 10, "\(r)")
    }

    /// A named pipe (or a device) called `x.md` under a directory: reading it would block
    /// forever. Only regular files are taken from a directory.
    @Test func namedPipeUnderADirectoryIsSkipped() throws {
        let dir = try TemporaryDirectory()
        try dir.write("draft.md", "# Title\n")
        #expect(mkfifo(dir.path + "/pipe.md", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/zero.md", withDestinationPath: "/dev/zero")
        let r = try poclint(["lint", dir.path])
        expectLint(r)
        #expect(!r.stdout.contains("pipe.md") && !r.stdout.contains("zero.md"), "\(r)")
    }

    @Test func directoryNamedLikeMarkdownIsSearched() throws {
        let dir = try TemporaryDirectory()
        let inner = try dir.write("drafts.md/app.md", "# Title\n")
        let r = try poclint(["lint", dir.path + "/drafts.md"])
        expectLint(r)
        #expect(r.stdout.contains(inner + ":"))
    }

    @Test func oneBadFileAmongGoodOnesIsNamed() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.md", "# Title\n")
        let bad = try dir.write("b.md", [0x23, 0x20, 0xFF, 0x0A])
        try dir.write("c.md", "# Title\n")
        let r = try poclint(["lint", dir.path])
        // Exit 2 and one line for the bad file; the good files are still reported.
        #expect(r.exitedNormally, "\(r)")
        #expect(r.status == 2, "\(r)")
        #expect(r.stderrLines.count == 1, "\(r)")
        #expect(r.stderr.contains(bad) && r.stderr.contains("invalid UTF-8 at line 1, column 3"), "\(r)")
        #expect(r.stdout.contains(dir.path + "/a.md:") && r.stdout.contains(dir.path + "/c.md:"), "\(r)")
    }

    // MARK: helpers

    func lineOf(_ header: String) -> Int {
        Int(header.split(separator: ":")[1]) ?? 0
    }

    func shiftLine(_ header: String, by n: Int) -> String {
        var parts = header.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let line = Int(parts[1]) else { return header }
        parts[1] = String(line + n)
        return parts.joined(separator: ":")
    }
}

/// Tests may run as root, for whom `chmod 000` does not deny reading. Then the binary is run
/// through `setpriv` with CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped, which restores
/// the permission check. Only when that is impossible too are the tests skipped.
let setprivPath: String? = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
let dropReadOverride = ["--bounding-set=-dac_override,-dac_read_search"]

let permissionDenialIsTestable: Bool = {
    if geteuid() != 0 { return true }
    guard let setpriv = setprivPath else { return false }
    return (try? runProcess(setpriv, dropReadOverride + ["/bin/true"]).status) == 0
}()

let permissionSkipReason: Comment =
    "running as root without a working setpriv: chmod 000 does not deny root reading, so the permission-denied path cannot be reached here"

func poclintWithoutReadOverride(_ arguments: [String]) throws -> RunResult {
    guard geteuid() == 0, let setpriv = setprivPath else { return try poclint(arguments) }
    return try runProcess(setpriv, dropReadOverride + [poclintBinary] + arguments)
}
