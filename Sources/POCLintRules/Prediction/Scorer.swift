import Foundation
import POCLintCore

/// Predicts the outcome from the findings with the rubric of `rules/scoring.yml`.
/// A pure function of (components present, findings, rubric): re-scoring with a finding
/// removed is cheap, which is how fixes are ranked.
public struct Scorer: Predicting {
    public init() {}

    /// The rubric applied to a set of findings.
    struct Rubric {
        let scoring: ScoringFile
        /// The profile's components, in order.
        let components: [Component]
        /// Ids of the signals the application shows (tiers that require others are out of reach).
        var metSignals: Set<String> = []

        /// `scoring.component_weights` by position in `components` (read once, not per re-score).
        let weights: [Double]

        init(profile: Profile, metSignals: Set<String> = []) {
            self.scoring = profile.scoring
            self.components = profile.componentIDs
            self.metSignals = metSignals
            self.weights = profile.componentIDs.map { profile.scoring.component_weights[$0.rawValue] ?? 0 }
        }

        func disqualifies(_ ruleID: String) -> Bool { scoring.disqualifying_rules?.contains(ruleID) ?? false }

        func cost(_ d: Diagnostic) -> Double {
            scoring.rule_cost[d.ruleID] ?? scoring.severity_cost[d.severity.rawValue] ?? 0
        }

        /// Component scores and the costs behind them.
        func score(present: Set<Component>, findings: [Diagnostic], resolvedMissing: Set<Component> = [])
            -> (components: [Component: Double], costs: [Component: [ComponentScore.Cost]], overall: Double) {
            var scores: [Component: Double] = [:]
            var costs: [Component: [ComponentScore.Cost]] = [:]
            // Findings counted so far per (rule, component): a struct key, no string built per finding.
            struct RuleInComponent: Hashable { let rule: String; let component: Component }
            var seen: [RuleInComponent: Int] = [:]
            seen.reserveCapacity(8)
            var documentCost = 0.0
            for c in components {
                scores[c] = present.contains(c) ? 100 : resolvedMissing.contains(c) ? scoring.resolved_missing_component_score : 0
            }
            // Costliest first within each rule and component, so that the decay never makes
            // resolving one finding raise what another costs.
            // Each cost read once (two dictionary lookups), not at every comparison.
            let findingCost = findings.map(cost)
            let ordered = findings.indices.sorted { findingCost[$0] > findingCost[$1] }
            for i in ordered {
                let d = findings[i]
                guard let c = d.component else {
                    documentCost += scoring.document_cost[d.severity.rawValue] ?? 0
                    continue
                }
                if d.ruleID == "missing-component" { continue }          // already scored 0
                guard present.contains(c) || resolvedMissing.contains(c) else { continue }
                let key = RuleInComponent(rule: d.ruleID, component: c)
                let n = seen[key, default: 0]
                seen[key] = n + 1
                let points = findingCost[i] * pow(scoring.repeat_decay, Double(n))
                let before = scores[c]!
                scores[c] = max(present.contains(c) ? scoring.present_component_floor : 0, before - points)
                if before - scores[c]! <= 0 { continue }
                costs[c, default: []].append(ComponentScore.Cost(ruleID: d.ruleID, message: d.message, points: round1(before - scores[c]!)))
            }
            var weighted = 0.0
            var weights = 0.0
            for c in components {
                let w = scoring.component_weights[c.rawValue] ?? 0
                weighted += w * scores[c]!
                weights += w
            }
            let overall = max(0, (weights > 0 ? weighted / weights : 0) - documentCost)
            return (scores, costs, overall)
        }

        /// A finding reduced to what the rubric reads, for fast re-scoring.
        struct Entry {
            let rule: Int
            /// Index in `components`, or -1 for a whole-document finding.
            let component: Int
            /// A finding of a disqualifying rule (the lowest tier, whatever the score).
            let disqualifying: Bool
            let cost: Double
            let documentCost: Double
            let isMissing: Bool
            let severity: Severity
        }

        /// The findings as entries, in the order given (pass them costliest first, the order
        /// `score` counts them in).
        func entries(_ findings: [Diagnostic]) -> (entries: [Entry], ruleCount: Int) {
            var ruleIDs: [String: Int] = [:]
            let entries = findings.map { d in
                let rule = ruleIDs[d.ruleID] ?? { let n = ruleIDs.count; ruleIDs[d.ruleID] = n; return n }()
                return Entry(rule: rule, component: d.component.flatMap { components.firstIndex(of: $0) } ?? -1,
                             disqualifying: disqualifies(d.ruleID),
                             cost: cost(d), documentCost: scoring.document_cost[d.severity.rawValue] ?? 0,
                             isMissing: d.ruleID == "missing-component", severity: d.severity)
            }
            return (entries, ruleIDs.count)
        }

        /// The same arithmetic as `score`, on entries with some left out: no strings, no
        /// dictionaries. `excluded` holds a few positions (a fix, or the dozen of a greedy
        /// search), so it is an array; `ruleCount` bounds `Entry.rule`. Returns the tier and
        /// the overall score.
        func quick(_ entries: [Entry], excluded: [Int], present: [Bool], ruleCount: Int) -> (tier: ScoringFile.TierSpec, overall: Double) {
            let nc = present.count
            // Scratch on the stack: this runs for every fix of every file.
            let (tier, overall) = withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, nc)) { scores in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(1, nc)) { resolved in
            // How many findings of each (rule, component) were counted so far.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, ruleCount * nc)) { seen in
                resolved.initialize(repeating: false)
                seen.initialize(repeating: 0)
                for i in excluded where entries[i].isMissing && entries[i].component >= 0 { resolved[entries[i].component] = true }
                for c in 0..<nc {
                    scores[c] = present[c] ? 100 : resolved[c] ? scoring.resolved_missing_component_score : 0
                }
                let decay = scoring.repeat_decay
                let floor = scoring.present_component_floor
                var documentCost = 0.0
                var errors = 0
                var warnings = 0
                var disqualified = false
                for (i, e) in entries.enumerated() where !excluded.contains(i) {
                    if e.severity == .error { errors += 1 } else if e.severity == .warning { warnings += 1 }
                    if e.disqualifying { disqualified = true }
                    guard e.component >= 0 else { documentCost += e.documentCost; continue }
                    if e.isMissing || !(present[e.component] || resolved[e.component]) { continue }
                    let key = e.rule * nc + e.component
                    let n = seen[key]
                    seen[key] = n + 1
                    let points = n == 0 ? e.cost : e.cost * pow(decay, Double(n))
                    scores[e.component] = max(present[e.component] ? floor : 0, scores[e.component] - points)
                }
                var weighted = 0.0
                var weightSum = 0.0
                var lowest = nc > 0 ? scores[0] : 0
                for c in 0..<nc {
                    weighted += weights[c] * scores[c]
                    weightSum += weights[c]
                    lowest = min(lowest, scores[c])
                }
                let overall = max(0, (weightSum > 0 ? weighted / weightSum : 0) - documentCost)
                return (tierIndex(overall: overall, lowest: lowest, errors: errors, warnings: warnings, disqualified: disqualified), overall)
            }
            }
            }
            return (scoring.tiers[tier], overall)
        }

        /// Position in `scoring.tiers` of the first tier whose conditions hold (the last one if none).
        private func tierIndex(overall: Double, lowest: Double, errors: Int, warnings: Int, disqualified: Bool) -> Int {
            let tiers = scoring.tiers
            if disqualified { return tiers.count - 1 }
            for ti in tiers.indices {
                // A tier's required signals (read in place: a TierSpec is not copied per tier).
                if let required = tiers[ti].requires, !required.allSatisfy({ metSignals.contains($0) }) { continue }
                if let m = tiers[ti].min_overall, overall + 1e-9 < m { continue }
                if let m = tiers[ti].min_component, lowest + 1e-9 < m { continue }
                if let m = tiers[ti].max_errors, errors > m { continue }
                if let m = tiers[ti].max_warnings, warnings > m { continue }
                return ti
            }
            return tiers.count - 1
        }

        /// The first tier whose conditions hold.
        func tier(components: [Component: Double], overall: Double, findings: [Diagnostic]) -> ScoringFile.TierSpec {
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            let lowest = components.values.min() ?? 0
            return scoring.tiers[tierIndex(overall: overall, lowest: lowest, errors: errors, warnings: warnings,
                                           disqualified: findings.contains { disqualifies($0.ruleID) })]
        }
    }

    public func predict(_ context: LintContext, diagnostics: [Diagnostic]) -> Prediction {
        let profile = context.profile
        let signals = Signals.evaluate(context)
        let rubric = Rubric(profile: profile, metSignals: Set(signals.filter(\.met).map(\.id)))
        let present = Set(profile.componentIDs.filter { context.components[$0] != nil })
        let (scores, costs, overall) = rubric.score(present: present, findings: diagnostics)
        let tierSpec = rubric.tier(components: scores, overall: overall, findings: diagnostics)

        // Each finding's worth: re-score without it (a missing component counts as written).
        // Entries are sorted costliest first; `position[i]` is where diagnostic i went.
        let findingCosts = diagnostics.map(rubric.cost)
        let order = diagnostics.indices.sorted { findingCosts[$0] > findingCosts[$1] }
        let (entries, ruleCount) = rubric.entries(order.map { diagnostics[$0] })
        var position = [Int](repeating: 0, count: diagnostics.count)
        for (p, i) in order.enumerated() { position[i] = p }
        let presentFlags = profile.componentIDs.map { present.contains($0) }
        func evaluate(_ removed: [Int]) -> (tier: ScoringFile.TierSpec, overall: Double) {
            rubric.quick(entries, excluded: removed.map { position[$0] }, present: presentFlags, ruleCount: ruleCount)
        }
        // Findings of one rule, severity and component are worth the same: score each kind
        // once. `kinds[i]` numbers diagnostic i's kind (the same number for the same kind).
        struct Kind: Hashable { let rule: String; let severity: Severity; let component: Component? }
        var kindNumbers: [Kind: Int] = [:]
        let kinds = diagnostics.map { d in
            let k = Kind(rule: d.ruleID, severity: d.severity, component: d.component)
            if let n = kindNumbers[k] { return n }
            kindNumbers[k] = kindNumbers.count
            return kindNumbers.count - 1
        }
        var gains = [Double?](repeating: nil, count: kindNumbers.count)
        var fixes: [(index: Int, fix: RankedFix)] = []
        for (i, d) in diagnostics.enumerated() {
            let gain: Double
            if let known = gains[kinds[i]] { gain = known } else {
                gain = evaluate([i]).overall - overall
                gains[kinds[i]] = gain
            }
            guard gain > 0.0001 || d.severity == .error else { continue }
            fixes.append((i, RankedFix(ruleID: d.ruleID, message: d.message, suggestion: d.suggestion, range: d.range,
                                       component: d.component, points: round1(max(0, gain)))))
        }
        fixes.sort { $0.fix.points != $1.fix.points ? $0.fix.points > $1.fix.points : $0.index < $1.index }

        // Smallest set to the next tier: greedily take the fix that moves (tier, overall) most.
        var nextTier: Tier?
        var toNext: [RankedFix] = []
        if let target = profile.next(tierSpec.id) {
            nextTier = target
            var chosen: [Int] = []
            var reached = false
            for _ in 0..<min(12, fixes.count) {
                var best: (index: Int, tier: Int, overall: Double)?
                var tried = [Bool](repeating: false, count: kindNumbers.count)
                for f in fixes where !chosen.contains(f.index) && !tried[kinds[f.index]] {
                    tried[kinds[f.index]] = true
                    let r = evaluate(chosen + [f.index])
                    let rank = profile.rank(r.tier.id)
                    if best == nil || (rank, r.overall) > (best!.tier, best!.overall) {
                        best = (f.index, rank, r.overall)
                    }
                }
                guard let best else { break }
                chosen.append(best.index)
                if best.tier >= profile.rank(target) { reached = true; break }
            }
            if reached {
                toNext = fixes.filter { chosen.contains($0.index) }.map(\.fix)
            }
        }

        let componentScores = profile.componentIDs.map { c in
            ComponentScore(component: c, present: present.contains(c), score: round1(scores[c] ?? 0),
                           evidence: Evidence.collect(c, context), costs: costs[c] ?? [])
        }
        let usesBudget = profile.index(of: .budget) != nil
        return Prediction(profile: profile.id, tier: tierSpec.id, award: tierSpec.award, overall: round1(overall), components: componentScores,
                          fixes: fixes.map(\.fix), nextTier: nextTier, nextAward: nextTier.flatMap { profile.tier($0)?.award },
                          fixesToNextTier: toNext,
                          runway: usesBudget ? RunwayCalculator.compute(context, tiers: profile.scoring.tiers) : nil,
                          signals: signals, tranches: Tranches.schedule(context, tier: tierSpec))
    }
}

func round1(_ v: Double) -> Double { (v * 10).rounded() / 10 }
