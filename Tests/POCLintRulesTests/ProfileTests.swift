import Foundation
import Testing
import POCLintCore
@testable import POCLintRules

/// How a document's profile is chosen, two-part documents, the accelerator's signals, tiers
/// and tranches, and the cross-application rules.
struct ProfileTests {
    let accelerator = (try? readRepoFile("fixtures/accelerator/ceiling-construction-field-agent.md")) ?? ""
    let poc = baseApplication

    func lint(_ md: String, _ configure: (inout Configuration) -> Void = { _ in }) -> LintResult {
        var c = Configuration()
        configure(&c)
        return RuleRegistry.linter(c).lint(md)
    }

    @Test func profileChoiceOrder() {
        let plain = "# Acme\n\n## Company overview\n\nx\n"
        #expect(lint(plain).profile == "poc")                                          // the default
        #expect(lint("# Acme: Generative AI Accelerator application\n\nx\n").profile == "accelerator")   // the title
        #expect(lint(plain) { $0.profile = "accelerator" }.profile == "accelerator")   // .poclint.yml
        let front = "---\nprofile: accelerator\n---\n" + plain
        #expect(lint(front).profile == "accelerator")                                  // front matter
        #expect(lint(front) { $0.profile = "poc" }.profile == "accelerator")           // beats .poclint.yml
        #expect(lint(front) { $0.profileOverride = "poc" }.profile == "poc")           // --profile beats all
        // A title that mentions the accelerator in passing, below level 1, does not switch.
        #expect(lint("# Acme POC\n\n## Why not our accelerator application\n\nx\n").profile == "poc")
        // A POC application that mentions the accelerator application in a lower heading is one part.
        let mention = lint("# Acme: Bedrock POC credit application\n\n## Use case\n\nx\n\n## How this fits our Generative AI Accelerator application\n\nx\n")
        #expect(mention.parts.count == 1 && mention.profile == "poc")
    }

    @Test func unknownFrontMatterProfileIsAnErrorNotASilentDefault() {
        let r = lint("---\nprofile: \"acelerator\"\n---\n# Acme\n\n## Use case\n\nx\n")
        let d = r.diagnostics.filter { $0.ruleID == "unknown-profile" }
        #expect(d.count == 1 && d[0].severity == .error)
        #expect(r.document.source.string(d[0].range) == "acelerator")
        #expect(r.profile == "poc")
    }

    @Test func aDocumentWithBothApplicationsIsLintedAsTwoParts() throws {
        let both = poc + "\n\n# Acme: Generative AI Accelerator application\n\n" + accelerator.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4).joined(separator: "\n")
        let r = lint(both)
        #expect(r.parts.map(\.part.profile) == ["poc", "accelerator"])
        let boundary = try #require(r.parts[1].part.scope).start
        // POC rules never read the accelerator part (its current architecture names GPT-4o),
        // accelerator rules never read the POC part.
        let pocOnly = Set(RuleRegistry.all.filter { $0.description.profiles == ["poc"] }.map(\.description.id))
        let accOnly = Set(RuleRegistry.all.filter { $0.description.profiles == ["accelerator"] }.map(\.description.id))
        #expect(r.diagnostics.filter { pocOnly.contains($0.ruleID) && $0.range.start >= boundary }.isEmpty)
        #expect(r.diagnostics.filter { accOnly.contains($0.ruleID) && $0.range.start < boundary }.isEmpty)
        // Each part keeps the tier it has alone.
        #expect(r.predictions.map(\.tier) == [.ceiling, .ceiling])
        #expect(r.predictions.map(\.award) == [50_000, 1_000_000])
        // Both are complete: no component missing in either part.
        #expect(!r.diagnostics.contains { $0.ruleID == "missing-component" })
    }

    @Test func ceilingSignalsAndTranches() throws {
        let p = try #require(lint(accelerator).prediction)
        #expect(p.profile == "accelerator" && p.tier == .ceiling && p.award == 1_000_000)
        let unmet = p.signals.filter { !$0.met }
        #expect(unmet.isEmpty, "\(unmet)")
        #expect(p.tranches.map(\.amount).reduce(0, +) == p.award)
        #expect(p.tranches.first?.month == 0)
        #expect(p.tranches.allSatisfy { $0.covers == true })
        #expect(p.runway == nil)
    }

    @Test func withoutTheLeadInvestorTheCeilingIsOutOfReach() throws {
        // Same text, the lead investor's name taken out: every rule is still satisfied, but
        // the ceiling requires an institutional lead.
        let unled = accelerator.replacingOccurrences(of: " led by ", with: " with ")
        #expect(unled != accelerator)
        let p = try #require(lint(unled).prediction)
        #expect(p.signals.first { $0.id == "series-a-institutional-lead" }?.met == false)
        #expect(p.tier == Tier("upper-median"), "\(p.tier)")
        let warnings = p.diagnostics(lint(unled))
        #expect(warnings.isEmpty)
    }

    @Test(arguments: [
        ("In March 2026 we closed a $40M Series B led by Summit Partners.", true),
        ("We raised a Series C in 2025.", true),
        ("We plan to raise a Series B in 2027, after the accelerator.", false),
        ("Our Series A closed in 2026; we will raise a Series B next year.", false),
    ])
    func seriesBOrLaterIsIneligible(_ sentence: String, _ ineligible: Bool) throws {
        let md = accelerator.replacingOccurrences(of: "## Company overview\n", with: "## Company overview\n\n\(sentence)\n")
        let r = lint(md)
        let found = r.diagnostics.filter { $0.ruleID == "funding-stage-ineligible" }
        #expect(found.count == (ineligible ? 1 : 0), "\(sentence)")
        let p = try #require(r.prediction)
        #expect((p.tier == .rejectionRisk) == ineligible, "\(sentence): \(p.tier)")
    }

    @Test func consumptionSumFixWritesTheComputedTotal() throws {
        let md = "# Acme: Generative AI Accelerator application\n\n## Projected 12-month Bedrock consumption\n\n| Workload | M1 | M2 | M3 | Total |\n|---|---|---|---|---|\n| Agent | $6,000 | $7,000 | $8,000 | $21,000 |\n| Extraction | $2,000 | $2,000 | $2,000 | $6,000 |\n| Total | $8,000 | $9,000 | $10,000 | $29,000 |\n"
        let r = lint(md)
        let d = try #require(r.diagnostics.first { $0.ruleID == "consumption-sum" })
        #expect(r.document.source.string(d.range) == "$29,000")
        let edit = try #require(d.fix?.edits.first)
        #expect(d.fix?.isSafe == true && edit.replacement == "$27,000")
        #expect(r.diagnostics.filter { $0.ruleID == "consumption-sum" }.count == 1)
    }

    @Test(arguments: [
        ("The 12-month total is $27,000, reaching $10,000 a month by month 3.", false),
        ("The 12-month total is $27,000, passing $9,000 in month 2 and reaching $10,000.", false),
        ("The 12-month total is $29,000, reaching $10,000 in month 3.", true),
        ("We request $1,000,000 in total credits.", false),
    ])
    func aTotalStatedInProse(_ sentence: String, _ wrong: Bool) throws {
        let md = "# Acme: Generative AI Accelerator application\n\n## Projected 12-month Bedrock consumption\n\n| Workload | M1 | M2 | M3 |\n|---|---|---|---|\n| Agent | $6,000 | $7,000 | $8,000 |\n| Extraction | $2,000 | $2,000 | $2,000 |\n\n\(sentence)\n"
        let found = lint(md).diagnostics.filter { $0.ruleID == "consumption-sum" }
        #expect(found.count == (wrong ? 1 : 0), "\(sentence): \(found.map(\.message))")
        if wrong { #expect(found.first.map { lint(md).document.source.string($0.range) } == "$29,000") }
    }

    @Test func crossRulesCompareTheTwoApplications() throws {
        let text = try readRepoFile("fixtures/accelerator/combined-hvac-field-service.md")
        let r = lint(text)
        let boundary = try #require(r.parts[1].part.scope).start
        let model = try #require(r.diagnostics.first { $0.ruleID == "cross-primary-model" })
        let spend = try #require(r.diagnostics.first { $0.ruleID == "cross-consumption-budget" })
        // Both are reported in the accelerator part, and say where the POC figure is.
        #expect(model.range.start >= boundary && spend.range.start >= boundary)
        #expect(model.message.contains("Claude Sonnet 4") && model.message.contains("Amazon Nova Pro"))
        #expect(spend.message.contains("$2,311") && spend.message.contains("line "))
        // Off in the configuration: silent.
        let off = lint(text) { $0.rules["cross-primary-model"] = RuleSetting(enabled: false) }
        #expect(!off.diagnostics.contains { $0.ruleID == "cross-primary-model" })
        // A wider ratio lets the spend through.
        let wide = lint(text) { $0.rules["cross-consumption-budget"] = RuleSetting(options: ["max_ratio": .number(6)]) }
        #expect(!wide.diagnostics.contains { $0.ruleID == "cross-consumption-budget" })
    }

    @Test func extendingAnAcceleratorSectionSynonymFromTheConfiguration() throws {
        let values = try ConfigFile.parse("components:\n  consumption:\n    headings: [bedrock outlook]\n", path: ".poclint.yml",
                                          directory: "/", rules: RuleRegistry.all.map(\.description))
        let pack = try ConfigBuilder.pack(values, base: .builtIn)
        let md = accelerator.replacingOccurrences(of: "## Projected 12-month Bedrock consumption", with: "## Bedrock outlook")
        // Without the synonym the section is found only by its content cues; with it, by its heading.
        let before = try #require(lint(md).components[.consumption])
        #expect(before.reason.contains("content cues"), "\(before.reason)")
        let after = try #require(lint(md) { $0.pack = pack }.components[.consumption])
        #expect(after.reason.contains("matches 'Bedrock outlook'"), "\(after.reason)")
    }
}

extension Prediction {
    /// The warnings and errors of a result (for tests that expect a clean application).
    func diagnostics(_ r: LintResult) -> [Diagnostic] { r.diagnostics.filter { $0.severity >= .warning } }
}
