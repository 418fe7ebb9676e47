import POCLintCore

/// Months of runway: the credit divided by the projected monthly spend.
enum RunwayCalculator {
    static let creditWord = ASCIISearch("credit")
    static let askWords = ASCIISearch("request", "ask", "apply", "seek")
    /// The credit the application asks for: an amount in a sentence about credits.
    static func requestedCredit(_ context: LintContext) -> (Double, SourceRange)? {
        for ri in context.allRuns {
            let text = context.document.texts[ri]
            guard creditWord.occurs(in: text) else { continue }
            for m in context.quantities(ri).money where !m.isRange && m.period == nil && m.value >= 1_000 {
                let sentence = context.sentence(ri, around: m.range)
                if creditWord.occurs(in: text, sentence) && askWords.occurs(in: text, sentence) {
                    return (m.value, text.sourceRange(m.range))
                }
            }
        }
        return nil
    }

    static func compute(_ context: LintContext, tiers: [ScoringFile.TierSpec]) -> Runway? {
        let budget = context.budget
        guard let total = budget.total, let monthly = budget.monthly(total, daysPerMonth: context.configuration.daysPerMonth), monthly > 0 else { return nil }
        let requested = requestedCredit(context)?.0 ?? context.configuration.requestedCredit
        var lines: [Runway.Line] = []
        if let requested { lines.append(.init(credit: requested, basis: "requested", months: round1(requested / monthly))) }
        for t in tiers where t.award > 0 { lines.append(.init(credit: t.award, basis: t.id.rawValue, months: round1(t.award / monthly))) }
        let window = context.timelineFacts.window.map(\.days)
        let windowMonths = Double(window ?? 90) / context.configuration.daysPerMonth
        let credit = requested ?? lines.first?.credit
        return Runway(monthlySpend: monthly, requested: requested, lines: lines, windowDays: window,
                      outlastsWindow: credit.map { $0 / monthly >= windowMonths },
                      exceedsTwelveMonths: requested.map { $0 > 12 * monthly * 1.1 })
    }
}
