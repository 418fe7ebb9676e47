import Foundation
import POCLintCore
import POCLintRules

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func readRepoFile(_ relative: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent(relative), encoding: .utf8)
}

/// The excellent application every `.section` example of the POC profile is spliced into.
let baseApplication: String = {
    (try? readRepoFile("fixtures/excellent-claims-drafting.md")) ?? ""
}()

/// The excellent accelerator application the accelerator sections' examples are spliced into.
let baseAcceleratorApplication: String = {
    (try? readRepoFile("fixtures/accelerator/ceiling-construction-field-agent.md")) ?? ""
}()

/// The base application of a component's profile.
func baseApplication(for component: Component) -> String {
    RulePack.builtIn.profile(of: component)?.id == "accelerator" ? baseAcceleratorApplication : baseApplication
}

/// The profile a prediction was made with.
func profile(_ p: Prediction) -> Profile { RulePack.builtIn.profile(p.profile)! }

/// A prediction's tier rank within its profile (higher is better).
func rank(_ p: Prediction) -> Int { profile(p).rank(p.tier) }

/// A fixture's expectations, from its `<!-- poclint-expect ... -->` comment:
/// lines `LINE:COL rule-id`, and `tier: NAME` (or, for a document holding two applications,
/// `tier[PROFILE]: NAME` per part).
struct FixtureExpectation {
    var diagnostics: [String] = []
    var tier: String?
    var tiers: [String: String] = [:]

    init(_ text: String) {
        guard let start = text.range(of: "<!-- poclint-expect"),
              let end = text.range(of: "-->", range: start.upperBound..<text.endIndex) else { return }
        for raw in text[start.upperBound..<end.lowerBound].split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("tier:") {
                tier = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("tier["), let close = line.firstIndex(of: "]"), let colon = line.firstIndex(of: ":") {
                let profile = String(line[line.index(line.startIndex, offsetBy: 5)..<close])
                tiers[profile] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            } else {
                diagnostics.append(line)
            }
        }
        diagnostics.sort()
    }
}

/// Builds the Markdown of an example: a whole document, or the base application with one
/// component's section body replaced.
func exampleMarkdown(_ example: RuleExample) -> String {
    switch example {
    case .document(let md):
        return md
    case .section(let component, let body):
        return splice(baseApplication(for: component), component: component, body: body)
    }
}

/// Replaces the body of `component`'s section in `markdown` with `body`.
func splice(_ markdown: String, component: Component, body: String) -> String {
    let result = Linter(rules: []).lint(markdown)
    guard let assignment = result.components[component] else { return markdown }
    let section = result.document.sections[assignment.section]
    let source = result.document.source
    let before = source.string(SourceRange(0, section.bodyRange.start))
    let after = source.string(SourceRange(section.bodyRange.end, source.bytes.count))
    return before + "\n\n" + body + "\n\n" + after
}

func lint(_ markdown: String) -> LintResult {
    RuleRegistry.linter().lint(markdown)
}

/// The fixture texts by name.
func fixtureTexts() -> [(name: String, text: String)] {
    fixtureNames().compactMap { n in (try? readRepoFile("fixtures/" + n)).map { (n, $0) } }
}

/// Every fixture, by its path under fixtures/ ("excellent-claims-drafting.md",
/// "accelerator/ceiling-construction-field-agent.md").
func fixtureNames() -> [String] {
    let dir = repositoryRoot.appendingPathComponent("fixtures")
    let all = (FileManager.default.subpaths(atPath: dir.path) ?? [])
    return all.filter { $0.hasSuffix(".md") }.sorted()
}

/// `markdown` without the section of `component` (heading and body).
func removing(_ component: Component, from markdown: String) -> String {
    let result = Linter(rules: []).lint(markdown)
    guard let a = result.components[component] else { return markdown }
    let s = result.document.sections[a.section]
    let src = result.document.source
    return src.string(SourceRange(0, s.range.start)) + src.string(SourceRange(s.range.end, src.bytes.count))
}

extension LintResult {
    /// `LINE:COL rule-id` of every diagnostic, sorted.
    var positions: [String] {
        diagnostics.map { d in
            let p = document.source.location(of: d.range.start)
            return "\(p.line):\(p.column) \(d.ruleID)"
        }.sorted()
    }
}
