import POCLintCore

/// What poclint found in each component, in words, for the scorecard.
enum Evidence {
    static func collect(_ c: Component, _ context: LintContext) -> [String] {
        guard let assignment = context.components[c] else { return ["no section found"] }
        var out = ["section: \(context.document.sections[assignment.section].title) (\(assignment.reason))"]
        func list(_ label: String, _ words: [String], limit: Int = 3) {
            out.append(words.isEmpty ? "no \(label)" : "\(label): " + words.prefix(limit).joined(separator: ", "))
        }
        switch c {
        case .useCase:
            list("users", context.componentTerms("actor", .useCase))
            list("input data", context.componentTerms("input-data", .useCase))
            list("outcome", context.componentTerms("outcome", .useCase))
        case .model:
            if let p = context.primaryModel {
                out.append("named model: \(context.displayName(p))")
            } else {
                out.append("no named Bedrock model")
            }
            let mentions = context.modelMentions.filter { $0.component == .model }
            let alternatives = Set(mentions.filter(\.isAlternative).map { context.displayName($0) }).sorted()
            let primaryKey = context.primaryModel.flatMap { context.modelKey($0) }
            let fallbacks = Set(mentions.filter { $0.isFallback && context.modelKey($0) != primaryKey }.map { context.displayName($0) }).sorted()
            out.append(alternatives.isEmpty ? "no model compared against" : "compared with: " + alternatives.joined(separator: ", "))
            if !fallbacks.isEmpty { out.append("fallback: " + fallbacks.joined(separator: ", ")) }
            if !context.componentTerms("routing", .model).isEmpty { out.append("routing described") }
        case .evaluation:
            list("metric", context.componentTerms("metric", .evaluation))
            let thresholds = context.scores(.evaluation).filter { $0.isThreshold && !$0.metrics.isEmpty }
            out.append(thresholds.isEmpty ? "no pass threshold" : "threshold: " + thresholds.prefix(2).map { "\($0.metrics[0]) \(formatNumber($0.value))" }.joined(separator: ", "))
            list("cadence", context.componentTerms("cadence", .evaluation), limit: 2)
            list("labelling", context.componentTerms("labelling", .evaluation), limit: 2)
            list("regression tracking", context.componentTerms("regression", .evaluation), limit: 2)
        case .budget:
            let budget = context.budget
            if let total = budget.total, let m = budget.monthly(total, daysPerMonth: context.configuration.daysPerMonth) {
                out.append("monthly total: \(dollars(m))")
            } else {
                out.append("no monthly total")
            }
            out.append("\(budget.items.count) line items")
            let inference = budget.lines.filter { $0.isInference && !$0.volumes.isEmpty && !$0.models.isEmpty }
            out.append(inference.isEmpty ? "no inference line with volumes" : "inference lines with volumes: \(inference.count)")
        case .timeline:
            let facts = context.timelineFacts
            out.append(facts.window.map { "window: \($0.days) days" } ?? "no window stated")
            out.append(facts.milestones.isEmpty ? "no dated milestones" : "milestones on days: " + facts.milestones.prefix(6).map { String($0.day) }.joined(separator: ", "))
            list("mid-point", context.componentTerms("midpoint", .timeline), limit: 1)
            list("decision", context.componentTerms("decision", .timeline), limit: 1)
        default:
            out += AcceleratorEvidence.collect(c, context)
        }
        return out
    }
}
