import POCLintCore

/// The signals a profile's tiers require (`scoring.yml` `signals`), evaluated on the facts
/// read from the application.
enum Signals {
    static func evaluate(_ context: LintContext) -> [SignalResult] {
        guard let specs = context.profile.scoring.signals, !specs.isEmpty else { return [] }
        let facts = context.acceleratorFacts
        let stages = context.profile.scoring.stages ?? []
        let doc = context.document
        func quote<T>(_ f: TextFact<T>) -> String {
            "'\(doc.texts[f.run].string(f.range))' (line \(context.source.location(of: doc.texts[f.run].sourceRange(f.range).start).line))"
        }
        let peak = context.consumption?.peak
        return specs.map { spec in
            var met = true
            var details: [String] = []
            if let least = spec.stage_at_least, let need = stages.firstIndex(of: least) {
                if let current = facts.currentStage {
                    let words = doc.texts[current.run].string(current.range)
                    let line = context.source.location(of: doc.texts[current.run].sourceRange(current.range).start).line
                    details.append("stage: \(words) (line \(line))")
                    if current.index < need { met = false }
                } else {
                    details.append("no funding stage stated")
                    met = false
                }
            }
            if spec.institutional_lead == true {
                let led = facts.stages.contains { !$0.future && $0.index == facts.currentStage?.index && $0.led }
                details.append(led ? "round led by an investor" : "no lead investor named for the round")
                if !led { met = false }
            }
            if let anyOf = spec.any_of, !anyOf.isEmpty {
                var found: [String] = []
                var ok = false
                for (fact, least) in anyOf.sorted(by: { $0.key < $1.key }) {
                    let f: TextFact<Double>? = fact == "users" ? facts.users : fact == "mrr" ? facts.mrr : fact == "lois" ? facts.lois : nil
                    if let f {
                        found.append("\(fact) \(fact == "mrr" ? dollars(f.value) : String(dollars(f.value).dropFirst())) from \(quote(f))")
                        if f.value >= least { ok = true }
                    }
                }
                details.append(found.isEmpty ? "no users, revenue or letters of intent with a number" : found.joined(separator: "; "))
                if !ok { met = false }
            }
            if let least = spec.peak_monthly_spend_at_least {
                if let peak {
                    details.append("projection peaks at \(dollars(peak)) a month")
                    if peak + 1e-9 < least { met = false }
                } else {
                    details.append("no monthly consumption projection")
                    met = false
                }
            }
            return SignalResult(id: spec.id, title: spec.title, met: met, detail: details.joined(separator: "; "))
        }
    }
}

/// The tranche schedule of a tier, and whether the projection stays within what is released.
enum Tranches {
    static func schedule(_ context: LintContext, tier: ScoringFile.TierSpec) -> [Tranche] {
        guard let specs = tier.tranches, !specs.isEmpty, tier.award > 0 else { return [] }
        let monthly = context.consumption?.monthlySpend ?? []
        var released = 0.0
        return specs.enumerated().map { i, t in
            released += tier.award * t.share
            // Spend projected up to the month before the next tranche (or month 12).
            let until = i + 1 < specs.count ? specs[i + 1].month : 12
            let spent = monthly.prefix(until).reduce(0, +)
            return Tranche(month: t.month, amount: (tier.award * t.share).rounded(), milestone: t.milestone,
                           covers: monthly.isEmpty ? nil : spent <= released + 1e-6)
        }
    }
}

/// What poclint found in each section of an accelerator application, in words.
enum AcceleratorEvidence {
    static func collect(_ c: Component, _ context: LintContext) -> [String] {
        let facts = context.acceleratorFacts
        let doc = context.document
        func words(_ run: Int, _ r: Range<Int>) -> String { doc.texts[run].string(r) }
        var out: [String] = []
        switch c {
        case .company:
            out.append(facts.currentStage.map { "stage: \(words($0.run, $0.range))\($0.led ? ", led by an investor" : "")" } ?? "no funding stage")
            let credentials = context.terms("ai_credentials", in: Array(context.allRuns))
            out.append(credentials.isEmpty ? "no AI/ML credentials" : "AI/ML credentials: " + credentials.prefix(3).joined(separator: ", "))
            var traction: [String] = []
            if let u = facts.users { traction.append(words(u.run, u.range)) }
            if let m = facts.mrr { traction.append("\(dollars(m.value)) MRR") }
            if let l = facts.lois { traction.append(words(l.run, l.range)) }
            out.append(traction.isEmpty ? "no traction with numbers" : "traction: " + traction.joined(separator: ", "))
        case .product:
            let ai = context.terms("ai_terms", in: context.runs(.product))
            out.append(ai.isEmpty ? "no AI named" : "AI named: " + ai.prefix(3).joined(separator: ", "))
        case .architecture:
            let runs = Set(context.runs(.architecture))
            let names = Set(context.modelMentions.filter { runs.contains($0.run) }.map { context.displayName($0) }).sorted()
            out.append(names.isEmpty ? "no models or providers named" : "today: " + names.prefix(4).joined(separator: ", "))
        case .migration:
            let runs = Set(context.runs(.migration))
            let models = Set(context.modelMentions.filter { runs.contains($0.run) && ($0.kind == .bedrock || $0.kind == .family) }.map { context.displayName($0) }).sorted()
            out.append(models.isEmpty ? "no Bedrock model named" : "Bedrock models: " + models.prefix(4).joined(separator: ", "))
            for (list, label) in [("rag", "retrieval"), ("fallback", "fallback"), ("commitment", "commitment")] {
                let found = context.terms(list, in: context.runs(.migration))
                out.append(found.isEmpty ? "no \(label)" : "\(label): " + found.prefix(2).joined(separator: ", "))
            }
        case .consumption:
            if let p = context.consumption {
                out.append("\(p.months.count) months x \(p.workloads.count) workloads")
                if let peak = p.peak { out.append("peak: \(dollars(peak)) a month; 12-month sum: \(dollars(p.monthlySpend.reduce(0, +)))") }
            } else {
                out.append("no monthly table")
            }
        default:
            break
        }
        return out
    }
}
