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
        let expectation = FixtureExpectation(md)
        let result = lint(md)
        if expectation.tiers.isEmpty {
            let expected = try #require(expectation.tier, "\(name) declares no tier")
            let p = try #require(result.prediction)
            #expect(p.tier.rawValue == expected, "\(name): predicted \(p.tier.rawValue) at \(p.overall): \(p.components.map { "\($0.component.rawValue) \($0.score)" }) \(p.signals.filter { !$0.met }.map(\.id))")
        } else {
            let got = Dictionary(uniqueKeysWithValues: result.predictions.map { ($0.profile, $0.tier.rawValue) })
            #expect(got == expectation.tiers, "\(name): parts predict \(got)")
        }
    }

    /// The rubric of a part, with the signals its application shows.
    func rubric(_ p: Prediction) -> Scorer.Rubric {
        Scorer.Rubric(profile: profile(p), metSignals: Set(p.signals.filter(\.met).map(\.id)))
    }

    /// The findings of a part (all of them for a one-part document).
    func findings(_ result: LintResult, _ part: PartResult) -> [Diagnostic] {
        guard let scope = part.part.scope else { return result.diagnostics }
        return result.diagnostics.filter { $0.range.start >= scope.start && $0.range.start < scope.end }
    }

    @Test(arguments: names)
    func resolvingAFindingNeverLowersTheScore(_ name: String) throws {
        let result = lint(try text(name))
        for part in result.parts {
            let p = try #require(part.prediction)
            for fix in p.fixes { #expect(fix.points >= 0) }
            // Re-score without each finding, through the same rubric.
            let rubric = rubric(p)
            let present = Set(profile(p).componentIDs.filter { result.components[$0] != nil })
            let mine = findings(result, part)
            let base = rubric.score(present: present, findings: mine).overall
            for i in mine.indices {
                var fewer = mine
                let removed = fewer.remove(at: i)
                let resolved: Set<Component> = removed.ruleID == "missing-component" ? Set([removed.component].compactMap { $0 }) : []
                #expect(rubric.score(present: present, findings: fewer, resolvedMissing: resolved).overall >= base - 1e-9, "\(name): resolving \(removed.ruleID) lowered the score")
            }
        }
    }

    @Test(arguments: names)
    func addingAVaguePhraseNeverRaisesTheScore(_ name: String) throws {
        let md = try text(name)
        let first = lint(md)
        for c in first.parts.flatMap({ RulePack.builtIn.profile($0.part.profile)!.componentIDs }) {
            guard let a = first.components[c] else { continue }
            let before = try #require(first.part(containing: first.document.sections[a.section].range.start)?.prediction)
            let s = first.document.sections[a.section]
            let src = first.document.source
            let worse = src.string(SourceRange(0, s.bodyRange.end)) + "\n\nWe will decide the details as we go, TBD.\n\n" + src.string(SourceRange(s.bodyRange.end, src.bytes.count))
            let after = try #require(lint(worse).predictions.first { $0.profile == before.profile })
            #expect(after.overall <= before.overall + 1e-9, "\(name): a vague phrase in the \(c.title) raised the score")
            #expect(rank(after) <= rank(before))
        }
    }

    @Test(arguments: names)
    func removingAComponentDropsTheTierBelowTheMiddle(_ name: String) throws {
        let md = try text(name)
        let result = lint(md)
        for part in result.parts {
            let prof = RulePack.builtIn.profile(part.part.profile)!
            // Below the middle of the ladder: the POC's floor, the accelerator's floor.
            let floorRank = prof.rank(prof.tiers[prof.tiers.count - 2])
            for c in prof.componentIDs where result.components[c] != nil {
                let p = try #require(lint(removing(c, from: md)).predictions.first { $0.profile == prof.id })
                #expect(rank(p) <= floorRank, "\(name) without its \(c.title) still predicts \(p.tier.rawValue)")
            }
        }
    }

    @Test func excellentApplicationHasAFullScorecardAndRunway() throws {
        let p = try #require(lint(try text("excellent-claims-drafting.md")).prediction)
        #expect(p.tier == .ceiling && p.award == 50_000 && p.profile == "poc")
        #expect(p.components.count == 5 && p.components.allSatisfy { $0.present && $0.score == 100 })
        let model = try #require(p.components.first { $0.component == .model })
        #expect(model.evidence.contains("named model: Claude Sonnet 4"))
        let runway = try #require(p.runway)
        #expect(runway.monthlySpend == 4170)
        #expect(runway.requested == 50_000)
        #expect(runway.lines.first?.months == 12)
        #expect(runway.exceedsTwelveMonths == false && runway.outlastsWindow == true)
        #expect(p.nextTier == nil && p.fixesToNextTier.isEmpty)
        #expect(p.signals.isEmpty && p.tranches.isEmpty)
    }

    @Test func fixesToTheNextTierReachIt() throws {
        for (name, md) in fixtureTexts() {
            let result = lint(md)
            for part in result.parts {
                let p = try #require(part.prediction)
                guard let target = p.nextTier, !p.fixesToNextTier.isEmpty else { continue }
                let rubric = rubric(p)
                let present = Set(profile(p).componentIDs.filter { result.components[$0] != nil })
                let removed = Set(p.fixesToNextTier.map { "\($0.ruleID)|\($0.range.start)|\($0.message)" })
                let mine = findings(result, part)
                let kept = mine.filter { !removed.contains("\($0.ruleID)|\($0.range.start)|\($0.message)") }
                let resolved = Set(mine.filter { removed.contains("\($0.ruleID)|\($0.range.start)|\($0.message)") && $0.ruleID == "missing-component" }.compactMap(\.component))
                let s = rubric.score(present: present, findings: kept, resolvedMissing: resolved)
                let tier = rubric.tier(components: s.components, overall: s.overall, findings: kept).id
                #expect(profile(p).rank(tier) >= profile(p).rank(target), "\(name): the fixes listed for \(target.rawValue) reach only \(tier.rawValue)")
            }
        }
    }
}

/// The worked examples of docs/scoring.md, computed through the rubric.
struct ScoringDocsTests {
    let rubric = Scorer.Rubric(profile: RulePack.builtIn.poc)
    let all = Set(RulePack.builtIn.poc.componentIDs)

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
        for part in result.parts {
            let p = try #require(part.prediction)
            let prof = profile(p)
            let rubric = Scorer.Rubric(profile: prof, metSignals: Set(p.signals.filter(\.met).map(\.id)))
            let present = Set(prof.componentIDs.filter { result.components[$0] != nil })
            let mine = part.part.scope.map { scope in result.diagnostics.filter { $0.range.start >= scope.start && $0.range.start < scope.end } } ?? result.diagnostics
            let ordered = mine.sorted { rubric.cost($0) > rubric.cost($1) }
            let (entries, ruleCount) = rubric.entries(ordered)
            let flags = prof.componentIDs.map { present.contains($0) }
            for skip in [-1] + Array(ordered.indices) {
                let kept = ordered.enumerated().filter { $0.offset != skip }.map(\.element)
                let resolved: Set<Component> = skip >= 0 && ordered[skip].ruleID == "missing-component" ? Set([ordered[skip].component].compactMap { $0 }) : []
                let detailed = rubric.score(present: present, findings: kept, resolvedMissing: resolved)
                let quick = rubric.quick(entries, excluded: skip >= 0 ? [skip] : [], present: flags, ruleCount: ruleCount)
                #expect(abs(quick.overall - detailed.overall) < 1e-9, "\(name) without #\(skip)")
                #expect(quick.tier.id == rubric.tier(components: detailed.components, overall: detailed.overall, findings: kept).id)
            }
        }
    }
}
