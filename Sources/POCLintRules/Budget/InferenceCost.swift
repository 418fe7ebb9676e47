import Foundation
import POCLintCore

/// An inference line's cost must agree with its token volumes at catalog prices.
public struct InferenceCost: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "inference-cost",
        title: "Inference cost disagrees with its token volumes",
        detail: "A budget line that names one catalog model and its input and output token volumes must cost what the catalog says: tokens / 1M x price per million tokens x the period, normalised to a month, within the tolerance. Alternative published prices and, for a version-less family, the other versions' prices are accepted with an info. Volumes without a period are read per day, month, week or year, whichever makes the line consistent, and said as an info.",
        rationale: "Reviewers redo the arithmetic: tokens x price per million tokens x days. A line that disagrees with the catalog price beyond a tolerance reads as a budget nobody checked.",
        severity: .error,
        component: .budget,
        triggering: [
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Claude Sonnet 4 | 10M input + 2M output tokens per day | $900 |\n| Total | | $900 |"),
            .section(.budget, "Bedrock inference on Claude Sonnet 4: 10M input tokens and 2M output tokens a day, $4,500 a month. Total: $4,500 a month."),
        ],
        nonTriggering: [
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Claude Sonnet 4 | 10M input + 2M output tokens per day | $1,800 |\n| Total | | $1,800 |"),
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Claude Sonnet 4 | 300M input + 60M output tokens per month | $1,800 |\n| Total | | $1,800 |"),
        ],
        options: [RuleOption("tolerance", default: "0.10", "Relative difference allowed before a line is reported (also `budget_tolerance:` in .poclint.yml).")],
        readsProse: false)

    struct Price {
        let input: Double
        let output: Double
        let label: String
    }

    public func check(_ context: LintContext) {
        let tolerance = context.option("tolerance", default: context.configuration.budgetTolerance)
        let days = context.configuration.daysPerMonth
        for line in context.budget.lines where !line.isTotal {
            guard let amount = line.amount, let amountRun = line.amountRun, !amount.isRange else { continue }
            let models = Dictionary(grouping: line.models, by: { context.modelKey($0) ?? "" }).keys.filter { !$0.isEmpty }
            guard models.count == 1, let mention = line.models.first, let model = context.catalogModel(mention) else { continue }
            let inputs = line.volumes.filter { $0.0.direction == .input }
            let outputs = line.volumes.filter { $0.0.direction == .output }
            guard !inputs.isEmpty || !outputs.isEmpty, line.volumes.allSatisfy({ $0.0.direction != .total }) else { continue }
            let amountPeriod = line.period ?? .month
            let stated = amount.value * amountPeriod.perMonth(daysPerMonth: days)
            guard stated > 0 else { continue }
            let volumePeriod = line.volumes.compactMap(\.0.period).first

            // Prices to try: the catalog's, its alternatives, and for a version-less family every version.
            var prices = [Price(input: model.input_per_mtok, output: model.output_per_mtok, label: model.display_name)]
            for alt in model.alt_prices ?? [] {
                prices.append(Price(input: alt.input_per_mtok, output: alt.output_per_mtok, label: "\(model.display_name) (\(alt.note ?? "alternative price"))"))
            }
            if mention.kind == .family {
                let family = context.pack.models.families[mention.index].name
                for m in context.pack.models.models where m.family == family && m.id != model.id {
                    prices.append(Price(input: m.input_per_mtok, output: m.output_per_mtok, label: m.display_name))
                }
            }
            func perPeriod(_ p: Price) -> Double {
                inputs.reduce(0) { $0 + $1.0.tokens / 1e6 * p.input } + outputs.reduce(0) { $0 + $1.0.tokens / 1e6 * p.output }
            }
            func agrees(_ computed: Double) -> Bool { abs(computed - stated) <= tolerance * stated }
            let range = context.document.texts[amountRun].sourceRange(amount.range)

            if let vp = volumePeriod {
                let computed = perPeriod(prices[0]) * vp.perMonth(daysPerMonth: days)
                if agrees(computed) { continue }
                if let other = prices.dropFirst().first(where: { agrees(perPeriod($0) * vp.perMonth(daysPerMonth: days)) }) {
                    context.report(range, "\(dollars(amount.value)) matches \(other.label)'s price, not the catalog's \(model.display_name) price (\(dollars(model.input_per_mtok))/\(dollars(model.output_per_mtok)) per million tokens, as of \(model.as_of ?? context.pack.models.as_of)).",
                                   severity: .info, suggestion: "Name the exact model version or price you used.")
                    continue
                }
                let steps = arithmetic(prices[0], inputs: inputs.map(\.0.tokens), outputs: outputs.map(\.0.tokens), period: vp, days: days)
                context.report(range, "At catalog prices this line costs \(steps); the line says \(dollars(stated)) a month (tolerance \(Int(tolerance * 100))%, prices as of \(model.as_of ?? context.pack.models.as_of)).",
                               suggestion: "Use \(dollars(computed.rounded())) a month, or correct the volumes.")
                continue
            }
            // Volumes without a period: take the period that makes the line consistent, and say so.
            let candidates: [Period] = [.day, .month, .week, .year]
            if let p = candidates.first(where: { agrees(perPeriod(prices[0]) * $0.perMonth(daysPerMonth: days)) }) {
                context.report(range, "The token volumes give no period; read as per \(p.word), they make this line consistent (\(dollars(perPeriod(prices[0]) * p.perMonth(daysPerMonth: days))) a month).",
                               severity: .info, suggestion: "Say 'per \(p.word)' after the volumes.")
            } else {
                let perDay = perPeriod(prices[0]) * days
                context.report(range, "The token volumes give no period, and no period makes \(dollars(stated)) a month agree with them at \(model.display_name)'s price (per day it would be \(dollars(perDay)) a month).",
                               severity: .warning, suggestion: "Say whether the volumes are per day or per month, and correct the figure.")
            }
        }
    }

    /// "10M input x $3/M + 2M output x $15/M = $60 a day x 30 days = $1,800 a month".
    func arithmetic(_ p: Price, inputs: [Double], outputs: [Double], period: Period, days: Double) -> String {
        var terms: [String] = []
        for t in inputs { terms.append("\(tokenCount(t)) input x \(dollars(p.input))/M") }
        for t in outputs { terms.append("\(tokenCount(t)) output x \(dollars(p.output))/M") }
        let per = inputs.reduce(0) { $0 + $1 / 1e6 * p.input } + outputs.reduce(0) { $0 + $1 / 1e6 * p.output }
        var s = terms.joined(separator: " + ") + " = \(dollars(per)) a \(period.word)"
        if period != .month {
            let factor = period.perMonth(daysPerMonth: days)
            let unit = period == .day ? "days" : period == .hour ? "hours" : period == .week ? "weeks" : "years"
            s += " x \(formatNumber(factor, decimals: 2)) \(unit) = \(dollars(per * factor)) a month"
        }
        return s
    }
}
