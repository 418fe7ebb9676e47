import Foundation
import Testing
import POCLintCore
@testable import POCLintRules

/// Calibration: every fixture's predicted tier is the one it declares, and the rubric
/// behaves as a founder would expect on every fixture.
struct PredictionTests {
    static let names = fixtureTexts().map(\.name)

    func text(_ name: String) throws -> String { try readRepoFile("fixtures/" + name) }

    @Test(arguments: names)
    func fixtureTierIsTheDeclaredOne(_ name: String) throws {
        let md = try text(name)
        let expected = try #require(FixtureExpectation(md).tier, "\(name) declares no tier")
        let p = try #require(lint(md).prediction)
        #expect(p.tier.rawValue == expected, "\(name): predicted \(p.tier.rawValue) at \(p.overall): \(p.components.map { "\($0.component.rawValue) \($0.score)" })")
    }

    @Test(arguments: names)
    func resolvingAFindingNeverLowersTheScore(_ name: String) throws {
        let result = lint(try text(name))
        let p = try #require(result.prediction)
        for fix in p.fixes { #expect(fix.points >= 0) }
        // Re-score without each finding, through the same rubric.
        let context = LintContext(document: result.document, configuration: Configuration())
        let rubric = Scorer.Rubric(scoring: context.pack.scoring)
        let present = Set(Component.allCases.filter { result.components[$0] != nil })
        let base = rubric.score(present: present, findings: result.diagnostics).overall
        for i in result.diagnostics.indices {
            var fewer = result.diagnostics
            let removed = fewer.remove(at: i)
            let resolved: Set<Component> = removed.ruleID == "missing-component" ? Set([removed.component].compactMap { $0 }) : []
            #expect(rubric.score(present: present, findings: fewer, resolvedMissing: resolved).overall >= base - 1e-9, "\(name): resolving \(removed.ruleID) lowered the score")
        }
    }

    @Test(arguments: names)
    func addingAVaguePhraseNeverRaisesTheScore(_ name: String) throws {
        let md = try text(name)
        let before = try #require(lint(md).prediction)
        for c in Component.allCases {
            let result = lint(md)
            guard let a = result.components[c] else { continue }
            let s = result.document.sections[a.section]
            let src = result.document.source
            let worse = src.string(SourceRange(0, s.bodyRange.end)) + "\n\nWe will decide the details as we go, TBD.\n\n" + src.string(SourceRange(s.bodyRange.end, src.bytes.count))
            let after = try #require(lint(worse).prediction)
            #expect(after.overall <= before.overall + 1e-9, "\(name): a vague phrase in the \(c.title) raised the score")
            #expect(after.tier <= before.tier)
        }
    }

    @Test(arguments: names)
    func removingAComponentDropsTheTierBelowStandard(_ name: String) throws {
        let md = try text(name)
        let result = lint(md)
        for c in Component.allCases where result.components[c] != nil {
            let p = try #require(lint(removing(c, from: md)).prediction)
            #expect(p.tier < .standard, "\(name) without its \(c.title) still predicts \(p.tier.rawValue)")
        }
    }

    @Test func excellentApplicationHasAFullScorecardAndRunway() throws {
        let p = try #require(lint(try text("excellent-claims-drafting.md")).prediction)
        #expect(p.tier == .ceiling && p.award == 50_000)
        #expect(p.components.count == 5 && p.components.allSatisfy { $0.present && $0.score == 100 })
        let model = try #require(p.components.first { $0.component == .model })
        #expect(model.evidence.contains("named model: Claude Sonnet 4"))
        let runway = try #require(p.runway)
        #expect(runway.monthlySpend == 4170)
        #expect(runway.requested == 50_000)
        #expect(runway.lines.first?.months == 12)
        #expect(runway.exceedsTwelveMonths == false && runway.outlastsWindow == true)
        #expect(p.nextTier == nil && p.fixesToNextTier.isEmpty)
    }

    @Test func fixesToTheNextTierReachIt() throws {
        for (name, md) in fixtureTexts() {
            let result = lint(md)
            let p = try #require(result.prediction)
            guard let target = p.nextTier, !p.fixesToNextTier.isEmpty else { continue }
            let rubric = Scorer.Rubric(scoring: RulePack.builtIn.scoring)
            let present = Set(Component.allCases.filter { result.components[$0] != nil })
            let removed = Set(p.fixesToNextTier.map { "\($0.ruleID)|\($0.range.start)|\($0.message)" })
            let kept = result.diagnostics.filter { !removed.contains("\($0.ruleID)|\($0.range.start)|\($0.message)") }
            let resolved = Set(result.diagnostics.filter { removed.contains("\($0.ruleID)|\($0.range.start)|\($0.message)") && $0.ruleID == "missing-component" }.compactMap(\.component))
            let s = rubric.score(present: present, findings: kept, resolvedMissing: resolved)
            let tier = rubric.tier(components: s.components, overall: s.overall, findings: kept).id
            #expect(tier >= target, "\(name): the fixes listed for \(target.rawValue) reach only \(tier.rawValue)")
        }
    }
}

/// The worked examples of docs/scoring.md, computed through the rubric.
struct ScoringDocsTests {
    let rubric = Scorer.Rubric(scoring: RulePack.builtIn.scoring)
    let all = Set(Component.allCases)

    func finding(_ rule: String, _ severity: Severity, _ c: Component?) -> Diagnostic {
        Diagnostic(ruleID: rule, severity: severity, message: rule, range: SourceRange(0, 0), component: c)
    }

    @Test func goodWithGaps() {
        let findings = [finding("model-no-comparison", .warning, .model), finding("eval-no-cadence", .warning, .evaluation),
                        finding("eval-no-regression-tracking", .warning, .evaluation), finding("vague-phrase", .warning, .useCase)]
        let s = rubric.score(present: all, findings: findings)
        #expect(s.components[.useCase] == 88 && s.components[.model] == 88 && s.components[.evaluation] == 76)
        #expect(abs(s.overall - 90.4) < 1e-9)
        #expect(rubric.tier(components: s.components, overall: s.overall, findings: findings).id == .standard)
        let fixed = Array(findings.dropFirst(2))
        let t = rubric.score(present: all, findings: fixed)
        #expect(rubric.tier(components: t.components, overall: t.overall, findings: fixed).id == .ceiling)
        let twice = findings + [finding("vague-phrase", .warning, .useCase)]
        #expect(rubric.score(present: all, findings: twice).components[.useCase] == 82)
    }

    @Test func oneError() {
        let findings = [finding("budget-sum", .error, .budget)]
        let s = rubric.score(present: all, findings: findings)
        #expect(s.components[.budget] == 70 && s.overall == 94)
        #expect(rubric.tier(components: s.components, overall: s.overall, findings: findings).id == .standard)
    }

    @Test func missingComponents() {
        let present: Set<Component> = [.useCase, .model, .budget]
        let findings = [finding("missing-component", .error, .evaluation), finding("missing-component", .error, .timeline),
                        finding("application-length", .warning, nil)]
        let s = rubric.score(present: present, findings: findings)
        #expect(s.overall == 55)
        #expect(rubric.tier(components: s.components, overall: s.overall, findings: findings).id == .rejectionRisk)
        let both = rubric.score(present: present, findings: [findings[2]], resolvedMissing: [.evaluation, .timeline])
        #expect(both.overall == 79)
        #expect(rubric.tier(components: both.components, overall: both.overall, findings: [findings[2]]).id == .standard)
    }
}

/// The fast re-scoring used to rank fixes agrees with the rubric's detailed arithmetic.
struct QuickScoreTests {
    @Test(arguments: fixtureTexts().map(\.name))
    func quickEqualsDetailed(_ name: String) throws {
        let result = lint(try readRepoFile("fixtures/" + name))
        let rubric = Scorer.Rubric(scoring: RulePack.builtIn.scoring)
        let present = Set(Component.allCases.filter { result.components[$0] != nil })
        let ordered = result.diagnostics.sorted { rubric.cost($0) > rubric.cost($1) }
        let entries = rubric.entries(ordered)
        let flags = Component.allCases.map { present.contains($0) }
        for skip in [-1] + Array(ordered.indices) {
            let kept = ordered.enumerated().filter { $0.offset != skip }.map(\.element)
            let resolved: Set<Component> = skip >= 0 && ordered[skip].ruleID == "missing-component" ? Set([ordered[skip].component].compactMap { $0 }) : []
            let detailed = rubric.score(present: present, findings: kept, resolvedMissing: resolved)
            let quick = rubric.quick(entries, excluded: skip >= 0 ? [skip] : [], present: flags)
            #expect(abs(quick.overall - detailed.overall) < 1e-9, "\(name) without #\(skip)")
            #expect(quick.tier.id == rubric.tier(components: detailed.components, overall: detailed.overall, findings: kept).id)
        }
    }
}
