import Testing
import POCLintCore

/// Inline suppressions, with a test rule that flags a word (so the tests do not depend on
/// what the real rules report).
struct SuppressionTests {
    func lint(_ md: String, configuration: Configuration = Configuration()) -> [Diagnostic] {
        Linter(rules: [FlagWord()], configuration: configuration).lint(md).diagnostics
    }

    func lines(_ md: String, _ id: String = "test-flag") -> [Int] {
        let src = SourceText(md)
        return lint(md).filter { $0.ruleID == id }.map { src.location(of: $0.range.start).line }
    }

    @Test func disableNextLineSilencesOnlyTheNextLine() {
        let md = "# A\n\n<!-- poclint-disable-next-line test-flag -- quoting the customer -->\nWe use cutting-edge models.\nWe use cutting-edge models.\n"
        #expect(lines(md) == [5])
        #expect(lines(md, "unused-suppression").isEmpty)
        #expect(lines(md, "unknown-suppression").isEmpty)
    }

    @Test func disableEnableIsARange() {
        let md = "cutting-edge\n\n<!-- poclint-disable test-flag -->\n\ncutting-edge\n\ncutting-edge\n\n<!-- poclint-enable test-flag -->\n\ncutting-edge\n"
        #expect(lines(md) == [1, 11])
    }

    @Test func disableWithoutEnableRunsToTheEnd() {
        let md = "cutting-edge\n\n<!-- poclint-disable test-flag -->\n\ncutting-edge\n"
        #expect(lines(md) == [1])
    }

    @Test func disableFileAnywhere() {
        let md = "cutting-edge\n\ncutting-edge\n\n<!-- poclint-disable-file test-flag -->\n"
        #expect(lines(md).isEmpty)
        #expect(lint(md).isEmpty)
    }

    @Test func inlineCommentAndSeveralIds() {
        let md = "Intro <!-- poclint-disable-next-line other-rule, test-flag --> here\nWe use cutting-edge models.\n"
        let config = { () -> Configuration in var c = Configuration(); c.knownRuleIDs = ["test-flag", "other-rule"]; return c }()
        let ds = Linter(rules: [FlagWord()], configuration: config).lint(md).diagnostics
        #expect(ds.filter { $0.ruleID == "test-flag" }.isEmpty)
        // other-rule did not run here: not reported as unused.
        #expect(ds.filter { $0.ruleID == "unused-suppression" }.isEmpty)
    }

    @Test func codeBlocksAreNeverSuppressions() {
        let md = "```\n<!-- poclint-disable-file test-flag -->\n```\n\ncutting-edge\n\n    <!-- poclint-disable-file test-flag -->\n"
        #expect(lines(md) == [5])
        #expect(lint(md).filter { $0.ruleID.hasSuffix("-suppression") }.isEmpty)
    }

    @Test func unknownIdIsReportedWithTheNearestId() throws {
        let md = "<!-- poclint-disable-next-line test-flga -->\ncutting-edge\n"
        let ds = lint(md)
        let unknown = try #require(ds.first { $0.ruleID == "unknown-suppression" })
        #expect(unknown.message.contains("'test-flga'") && unknown.message.contains("did you mean 'test-flag'"))
        #expect(SourceText(md).string(unknown.range) == "test-flga")
        #expect(ds.contains { $0.ruleID == "test-flag" })
    }

    @Test func unknownDirectiveAndBlanketDisable() {
        let md = "<!-- poclint-disable-nextline test-flag -->\n\n<!-- poclint-disable -->\n\n<!-- poclint-expect\n1:1 x\n-->\n\n<!-- a note -->\n"
        let unknown = lint(md).filter { $0.ruleID == "unknown-suppression" }
        #expect(unknown.count == 2)
        #expect(unknown[0].message.contains("poclint-disable-nextline"))
        #expect(unknown[1].message.contains("names no rule"))
    }

    @Test func unusedSuppressionsAreReported() {
        let md = "<!-- poclint-disable-next-line test-flag -->\n\nA blank line above: nothing on the next line.\n\n<!-- poclint-enable test-flag -->\n"
        let unused = lint(md).filter { $0.ruleID == "unused-suppression" }
        #expect(unused.count == 2)
        #expect(unused[0].message.contains("silences nothing"))
        #expect(unused[1].message.contains("enables nothing"))
    }

    @Test func suppressionChecksFollowTheConfiguration() {
        let md = "<!-- poclint-disable-next-line test-flga -->\n\n<!-- poclint-disable-file test-flag -->\n"
        var config = Configuration()
        config.rules["unknown-suppression"] = RuleSetting(enabled: false)
        config.rules["unused-suppression"] = RuleSetting(severity: .error)
        let ds = Linter(rules: [FlagWord()], configuration: config).lint(md).diagnostics
        #expect(!ds.contains { $0.ruleID == "unknown-suppression" })
        #expect(ds.filter { $0.ruleID == "unused-suppression" }.map(\.severity) == [.error])
        // A rule turned off is not "unused".
        config.rules["test-flag"] = RuleSetting(enabled: false)
        #expect(Linter(rules: [FlagWord()], configuration: config).lint(md).diagnostics.filter { $0.ruleID == "unused-suppression" }.isEmpty)
    }

    @Test func suppressionRulesCannotBeSilencedInline() {
        let md = "<!-- poclint-disable-file unused-suppression -->\n"
        let ds = lint(md)
        #expect(ds.contains { $0.ruleID == "unknown-suppression" && $0.message.contains(".poclint.yml") })
    }

    @Test func blockQuoteAndListComments() {
        let md = "> <!-- poclint-disable-next-line test-flag -->\n> cutting-edge\n\n- <!-- poclint-disable-next-line test-flag -->\n  cutting-edge\n"
        #expect(lines(md).isEmpty)
    }
}
