import POCLintCore

/// Predicts the outcome from the findings with the rubric of `rules/scoring.yml`.
/// A pure function of (components present, findings, rubric): re-scoring with a finding
/// removed is cheap, which is how fixes are ranked.
public struct Scorer: Predicting {
    public init() {}

    /// The rubric applied to a set of findings.
    struct Rubric {
        let scoring: ScoringFile

        func cost(_ d: Diagnostic) -> Double {
            scoring.rule_cost[d.ruleID] ?? scoring.severity_cost[d.severity.rawValue] ?? 0
        }

        /// Component scores and the costs behind them.
        func score(present: Set<Component>, findings: [Diagnostic], resolvedMissing: Set<Component> = [])
            -> (components: [Component: Double], costs: [Component: [ComponentScore.Cost]], overall: Double) {
            var scores: [Component: Double] = [:]
            var costs: [Component: [ComponentScore.Cost]] = [:]
            var seen: [String: Int] = [:]
            var documentCost = 0.0
            for c in Component.allCases {
                scores[c] = present.contains(c) ? 100 : resolvedMissing.contains(c) ? scoring.resolved_missing_component_score : 0
            }
            // Costliest first within each rule and component, so that the decay never makes
            // resolving one finding raise what another costs.
            let ordered = findings.sorted { cost($0) > cost($1) }
            for d in ordered {
                guard let c = d.component else {
                    documentCost += scoring.document_cost[d.severity.rawValue] ?? 0
                    continue
                }
                if d.ruleID == "missing-component" { continue }          // already scored 0
                guard present.contains(c) || resolvedMissing.contains(c) else { continue }
                let key = "\(d.ruleID)|\(c.rawValue)"
                let n = seen[key, default: 0]
                seen[key] = n + 1
                var points = cost(d)
                for _ in 0..<n { points *= scoring.repeat_decay }
                let before = scores[c]!
                scores[c] = max(present.contains(c) ? scoring.present_component_floor : 0, before - points)
                if before - scores[c]! <= 0 { continue }
                costs[c, default: []].append(ComponentScore.Cost(ruleID: d.ruleID, message: d.message, points: round1(before - scores[c]!)))
            }
            var weighted = 0.0
            var weights = 0.0
            for c in Component.allCases {
                let w = scoring.component_weights[c.rawValue] ?? 0
                weighted += w * scores[c]!
                weights += w
            }
            let overall = max(0, (weights > 0 ? weighted / weights : 0) - documentCost)
            return (scores, costs, overall)
        }

        /// The first tier whose conditions hold.
        func tier(components: [Component: Double], overall: Double, findings: [Diagnostic]) -> ScoringFile.TierSpec {
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            let lowest = components.values.min() ?? 0
            for t in scoring.tiers {
                if let m = t.min_overall, overall + 1e-9 < m { continue }
                if let m = t.min_component, lowest + 1e-9 < m { continue }
                if let m = t.max_errors, errors > m { continue }
                if let m = t.max_warnings, warnings > m { continue }
                return t
            }
            return scoring.tiers.last!
        }
    }

    public func predict(_ context: LintContext, diagnostics: [Diagnostic]) -> Prediction {
        let rubric = Rubric(scoring: context.pack.scoring)
        let present = Set(Component.allCases.filter { context.components[$0] != nil })
        let (scores, costs, overall) = rubric.score(present: present, findings: diagnostics)
        let tierSpec = rubric.tier(components: scores, overall: overall, findings: diagnostics)

        // Each finding's worth: re-score without it (a missing component counts as written).
        func evaluate(_ removed: Set<Int>) -> (tier: ScoringFile.TierSpec, overall: Double) {
            let kept = diagnostics.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
            let resolved = Set(diagnostics.enumerated().filter { removed.contains($0.offset) && $0.element.ruleID == "missing-component" }.compactMap(\.element.component))
            let s = rubric.score(present: present, findings: kept, resolvedMissing: resolved)
            return (rubric.tier(components: s.components, overall: s.overall, findings: kept), s.overall)
        }
        // Findings of one rule, severity and component are worth the same: score each kind once.
        func kind(_ d: Diagnostic) -> String { "\(d.ruleID)|\(d.severity.rawValue)|\(d.component?.rawValue ?? "-")" }
        var gains: [String: Double] = [:]
        var fixes: [(index: Int, fix: RankedFix)] = []
        for (i, d) in diagnostics.enumerated() {
            let k = kind(d)
            let gain: Double
            if let known = gains[k] { gain = known } else {
                gain = evaluate([i]).overall - overall
                gains[k] = gain
            }
            guard gain > 0.0001 || d.severity == .error else { continue }
            fixes.append((i, RankedFix(ruleID: d.ruleID, message: d.message, suggestion: d.suggestion, range: d.range,
                                       component: d.component, points: round1(max(0, gain)))))
        }
        fixes.sort { $0.fix.points != $1.fix.points ? $0.fix.points > $1.fix.points : $0.index < $1.index }

        // Smallest set to the next tier: greedily take the fix that moves (tier, overall) most.
        var nextTier: Tier?
        var toNext: [RankedFix] = []
        if let target = tierSpec.id.next {
            nextTier = target
            var chosen = Set<Int>()
            var reached = false
            for _ in 0..<min(12, fixes.count) {
                var best: (index: Int, tier: Int, overall: Double)?
                var tried = Set<String>()
                for f in fixes where !chosen.contains(f.index) && tried.insert(kind(diagnostics[f.index])).inserted {
                    let r = evaluate(chosen.union([f.index]))
                    if best == nil || (r.tier.id.rank, r.overall) > (best!.tier, best!.overall) {
                        best = (f.index, r.tier.id.rank, r.overall)
                    }
                }
                guard let best else { break }
                chosen.insert(best.index)
                if best.tier >= target.rank { reached = true; break }
            }
            if reached {
                toNext = fixes.filter { chosen.contains($0.index) }.map(\.fix)
            }
        }

        let componentScores = Component.allCases.map { c in
            ComponentScore(component: c, present: present.contains(c), score: round1(scores[c] ?? 0),
                           evidence: Evidence.collect(c, context), costs: costs[c] ?? [])
        }
        return Prediction(tier: tierSpec.id, award: tierSpec.award, overall: round1(overall), components: componentScores,
                          fixes: fixes.map(\.fix), nextTier: nextTier, fixesToNextTier: toNext,
                          runway: RunwayCalculator.compute(context, tiers: context.pack.scoring.tiers))
    }
}

func round1(_ v: Double) -> Double { (v * 10).rounded() / 10 }
