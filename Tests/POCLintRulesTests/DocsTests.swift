import Foundation
import Testing
import POCLintCore
import POCLintRules

/// docs/rules/<id>.md is generated from the rule's description; run
/// `POCLINT_WRITE_DOCS=1 swift test --filter DocsTests` (or `make docs`) after changing a rule.
struct DocsTests {
    @Test(arguments: RuleRegistry.ids)
    func rulePageMatchesItsDescription(_ id: String) throws {
        let rule = try #require(RuleRegistry.rule(id))
        let expected = RuleDocs.page(rule)
        let url = repositoryRoot.appendingPathComponent("docs/rules/\(id).md")
        if ProcessInfo.processInfo.environment["POCLINT_WRITE_DOCS"] == "1" {
            try expected.write(to: url, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "docs/rules/\(id).md is stale: run `make docs`")
    }

    @Test func noPageWithoutARule() throws {
        let dir = repositoryRoot.appendingPathComponent("docs/rules")
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".md") }
        let known = Set(RuleRegistry.ids + ["unknown-suppression", "unused-suppression"])
        for page in pages {
            #expect(known.contains(String(page.dropLast(3))), "docs/rules/\(page) documents no rule")
        }
    }
}
