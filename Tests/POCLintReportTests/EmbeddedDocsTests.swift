import Foundation
import Testing
import POCLintCore
import POCLintReport

/// `poclint explain` prints the pages embedded by scripts/embed-rules.py; they must equal
/// docs/rules/*.md (run `make embed` after editing a page).
struct EmbeddedDocsTests {
    @Test func embeddedPagesEqualTheDocsFolder() throws {
        let dir = repositoryRoot.appendingPathComponent("docs/rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".md") }
        var onDisk: [String: String] = [:]
        for name in names {
            onDisk[String(name.dropLast(3))] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(Set(onDisk.keys) == Set(EmbeddedDocs.pages.keys), "docs/rules changed: run `make embed`")
        for (id, text) in onDisk {
            #expect(EmbeddedDocs.pages[id] == text, "docs/rules/\(id).md differs from the embedded page: run `make embed`")
        }
    }

    @Test(arguments: SuppressionRules.all.map(\.id))
    func suppressionRulesHaveAPage(_ id: String) throws {
        let page = try #require(EmbeddedDocs.pages[id])
        #expect(page.hasPrefix("# \(id)\n"))
        let rule = try #require(SuppressionRules.all.first { $0.id == id })
        #expect(page.contains(rule.title))
    }
}
