import Foundation
import Testing

/// Bad `.poclint.yml` files, run against the binary: the file is found next to the draft.
/// An empty file configures nothing; a malformed one or an unknown rule id is exit 2 with one
/// line `.poclint.yml:LINE:COL: ...` on stderr.
@Suite struct ConfigInputTests {
    /// Lints the sample application with a `.poclint.yml` beside it.
    func lintWithConfig(_ config: String) throws -> (RunResult, TemporaryDirectory, String) {
        let dir = try TemporaryDirectory(prefix: "config")
        let draft = try dir.write("draft.md", sampleApplication)
        try dir.write(".poclint.yml", config)
        return (try poclint(["lint", draft], in: dir.url), dir, draft)
    }

    func plainHeaders() throws -> [String] {
        let dir = try TemporaryDirectory(prefix: "config")
        let draft = try dir.write("draft.md", sampleApplication)
        let r = try poclint(["lint", draft], in: dir.url)
        return diagnosticHeaders(r.stdout, path: draft)
    }

    /// One line on stderr, exit 2, naming the config file with a line and a column.
    func expectConfigError(_ r: RunResult, line: Int, mentioning words: [String],
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.exitedNormally, "\(r)", sourceLocation: sourceLocation)
        #expect(r.status == 2, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderrLines.count == 1, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.range(of: #"\.poclint\.yml:\#(line):[0-9]+"#, options: .regularExpression) != nil,
                "no .poclint.yml:\(line):COL in: \(r.stderr)", sourceLocation: sourceLocation)
        for word in words {
            #expect(r.stderr.contains(word), "'\(word)' not in: \(r.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "---\n"])
    func emptyConfigIsTheDefault(_ config: String) throws {
        let (r, _, draft) = try lintWithConfig(config)
        #expect(r.exitedNormally, "\(r)")
        #expect(r.status == 0 || r.status == 1, "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
        #expect(diagnosticHeaders(r.stdout, path: draft) == (try plainHeaders()))
    }

    @Test func malformedYAMLIsAnErrorWithLineAndColumn() throws {
        // A tab cannot indent YAML: the problem is on line 3.
        let (r, _, _) = try lintWithConfig("rules:\n  vague-phrase: warning\n\tmissing-component: error\n")
        expectConfigError(r, line: 3, mentioning: [])
    }

    @Test func unclosedFlowSequenceIsAnErrorWithLineAndColumn() throws {
        let (r, _, _) = try lintWithConfig("rules:\n  missing-component: [error\n  vague-phrase: off\n")
        #expect(r.exitedNormally, "\(r)")
        #expect(r.status == 2, "\(r)")
        #expect(r.stderrLines.count == 1, "\(r)")
        #expect(r.stderr.range(of: #"\.poclint\.yml:[0-9]+:[0-9]+"#, options: .regularExpression) != nil, "\(r)")
    }

    @Test func unknownRuleIDIsAnErrorWithLineAndColumn() throws {
        let (r, _, _) = try lintWithConfig("rules:\n  vague-phrase: warning\n  missing-componnet: error\n")
        expectConfigError(r, line: 3, mentioning: ["missing-componnet"])
    }

    @Test func binaryConfigIsAnError() throws {
        let dir = try TemporaryDirectory(prefix: "config")
        let draft = try dir.write("draft.md", sampleApplication)
        try dir.write(".poclint.yml", [0x72, 0x75, 0x6C, 0x65, 0x73, 0x3A, 0x00, 0xFF, 0xFE])
        let r = try poclint(["lint", draft], in: dir.url)
        #expect(r.exitedNormally, "\(r)")
        #expect(r.status == 2, "\(r)")
        #expect(r.stderrLines.count == 1 && r.stderr.contains(".poclint.yml"), "\(r)")
    }
}
