import Foundation
import Testing
import POCLintCore
import POCLintRules

/// Every rule's own examples run as tests (SwiftLint's habit), each also altered: a
/// multibyte prefix on the first line (ranges must still cover the same text) and, for
/// rules that flag text, inside a fenced code block (must be silent).
struct RuleExampleTests {
    static let rules: [String] = RuleRegistry.ids

    func run(_ id: String, _ markdown: String) -> [Diagnostic] {
        lint(markdown).diagnostics.filter { $0.ruleID == id }
    }

    @Test func ruleIDsAreUniqueKebabCase() {
        #expect(Set(Self.rules).count == Self.rules.count)
        for id in Self.rules {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !id.hasPrefix("-"), "\(id)")
        }
    }

    @Test func baseApplicationIsClean() {
        #expect(!baseApplication.isEmpty)
        let result = lint(baseApplication)
        #expect(result.diagnostics.filter { $0.severity >= .warning }.isEmpty,
                "\(result.diagnostics.map { "\($0.ruleID): \($0.message)" })")
    }

    @Test(arguments: rules)
    func triggeringExamplesTrigger(_ id: String) throws {
        let rule = try #require(RuleRegistry.rule(id))
        #expect(!rule.description.triggering.isEmpty, "\(id) has no triggering example")
        for example in rule.description.triggering {
            let md = exampleMarkdown(example)
            let found = run(id, md)
            #expect(!found.isEmpty, "\(id) did not trigger on:\n\(md)")
            // Columns follow a multibyte prefix: every finding still covers the same text.
            let shifted = prefixFirstLine(example)
            let again = run(id, exampleMarkdown(shifted))
            let text = { (md: String, ds: [Diagnostic]) -> [String] in
                let src = SourceText(md)
                return ds.map { src.string($0.range) }.sorted()
            }
            #expect(text(exampleMarkdown(shifted), again) == text(md, found), "\(id): ranges moved under a multibyte prefix")
            if rule.description.readsProse {
                let fenced = inCodeBlock(example)
                #expect(run(id, exampleMarkdown(fenced)).count < found.count || found.isEmpty,
                        "\(id) read text inside a code block")
            }
            // Under a disable comment: silent, and the comment counts as used.
            if found.isEmpty { continue }
            // After front matter, a finding inside it comes before any comment: disable the file.
            let directive = md.hasPrefix("---\n") ? "poclint-disable-file" : "poclint-disable"
            let disabled = afterFrontMatter(md, "<!-- \(directive) \(id) -- rule example -->\n\n")
            let underDisable = lint(disabled).diagnostics
            #expect(underDisable.filter { $0.ruleID == id }.isEmpty, "\(id) reported under a disable comment")
            #expect(underDisable.filter { $0.ruleID == "unused-suppression" || $0.ruleID == "unknown-suppression" }.isEmpty,
                    "\(id): the disable comment was reported as unused or unknown")
            // Under a disable-next-line comment put before the first finding's line (when that
            // line starts a block, so the comment does not change the document's structure).
            let source = SourceText(md)
            if let line = found.map({ source.location(of: $0.range.start).line }).min(),
               line == 1 || source.lineText(line - 1).allSatisfy(\.isWhitespace) {
                var lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines.insert("<!-- poclint-disable-next-line \(id) -- rule example -->", at: line - 1)
                let nextLine = lines.joined(separator: "\n")
                let shifted = SourceText(nextLine)
                let remaining = run(id, nextLine).map { shifted.location(of: $0.range.start).line }
                #expect(!remaining.contains(line + 1), "\(id) reported on the line under a disable-next-line comment")
            }
        }
    }

    @Test(arguments: rules)
    func nonTriggeringExamplesAreSilent(_ id: String) throws {
        let rule = try #require(RuleRegistry.rule(id))
        #expect(!rule.description.nonTriggering.isEmpty, "\(id) has no non-triggering example")
        for example in rule.description.nonTriggering {
            let md = exampleMarkdown(example)
            let found = run(id, md)
            #expect(found.isEmpty, "\(id) triggered on:\n\(md)\n\(found.map(\.message))")
        }
    }

    @Test(arguments: rules)
    func everyRuleHasADocsPage(_ id: String) throws {
        let page = try readRepoFile("docs/rules/\(id).md")
        #expect(page.contains("# \(id)"))
        let rule = try #require(RuleRegistry.rule(id))
        #expect(page.contains(rule.description.title), "docs/rules/\(id).md does not give the rule's title")
    }

    func prefixFirstLine(_ example: RuleExample) -> RuleExample {
        switch example {
        case .section(let c, let body):
            return .section(c, "Ünïcødé 🚀 “ok” – fine.\n\n" + body)
        case .document(let md):
            return .document(afterFrontMatter(md, "<!-- 🚀 Ünïcødé “ok” – -->\n"))
        }
    }

    /// `text` put at the start of `md`, or after its front matter (which must stay first).
    func afterFrontMatter(_ md: String, _ text: String) -> String {
        guard md.hasPrefix("---\n"), let close = md.range(of: "\n---\n", range: md.index(md.startIndex, offsetBy: 3)..<md.endIndex) else {
            return text + md
        }
        return String(md[..<close.upperBound]) + text + String(md[close.upperBound...])
    }

    func inCodeBlock(_ example: RuleExample) -> RuleExample {
        switch example {
        case .section(let c, let body): return .section(c, "```text\n\(body)\n```")
        case .document(let md): return .document("```text\n\(md)\n```")
        }
    }
}
