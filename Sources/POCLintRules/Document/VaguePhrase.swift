import POCLintCore

/// Flags the vague, hedging, hype and placeholder phrases of `rules/phrases.yml` in the
/// components they apply to, at their exact range.
public struct VaguePhrase: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "vague-phrase",
        title: "Vague, hedging or placeholder phrasing",
        detail: "Every phrase of rules/phrases.yml (and the `phrases:` of your configuration) that applies to the component the text sits in, matched case-insensitively as whole words across line breaks and inline markup. Severity comes from the phrase's entry. Text in code blocks and code spans is never read.",
        rationale: "Reviewers downgrade what they cannot check: a placeholder reads as an unfinished section, hype carries no evidence, and hedges ('case by case', 'as we go') read as no decision.",
        severity: .warning,
        component: nil,
        triggering: [
            .section(.model, "We will pick whatever model works best, case by case."),
            .section(.timeline, "The POC is open-ended; we will refine the plan as we go."),
            .section(.budget, "Budget: TBD."),
            .document("# Acme\n\n🚀 We use cutting-edge models.\n"),
        ],
        nonTriggering: [
            .section(.timeline, "Day 45: mid-point review against the 0.90 threshold. Day 90: go/no-go decision on the three criteria."),
            .section(.model, "Claude Sonnet 4 on Bedrock scored 0.92 F1 against 0.84 for Claude 3 Haiku on our 300-example set."),
            .document("# Acme\n\nThe model id is `TBD-1` in the code sample.\n"),
        ],
        options: [RuleOption("categories", default: "all", "Phrase categories to report (placeholder, hedge, hype, vague, open-ended, non-committal).")],
        profiles: ["any"])

    public func check(_ context: LintContext) {
        let phrases = context.pack.phrases.phrases
        let categories = Set(context.option("categories", default: [String]()))
        for ri in context.allRuns {
            let component = context.components.runComponent[ri]
            let run = context.document.texts[ri]
            for (m, index) in context.matches(.phrase, in: [ri]) {
                let p = phrases[index]
                guard p.applies(to: component) else { continue }
                if !categories.isEmpty && !categories.contains(p.category) { continue }
                if run.inlines.contains(where: { $0.kind == .code && $0.textRange.overlaps(m.textRange) }) { continue }
                let written = run.string(m.textRange)
                let place = component.map { " in the \($0.title)" } ?? ""
                let message: String
                switch p.category {
                case "placeholder":
                    message = "Placeholder '\(written)'\(place): reviewers read an unfinished section as a missing one."
                case "hype":
                    message = "Marketing phrase '\(written)'\(place) carries no evidence a reviewer can check."
                case "open-ended":
                    message = "Open-ended phrasing '\(written)'\(place): reviewers want a bounded plan with dates and a decision."
                case "non-committal":
                    message = "Non-committal '\(written)'\(place): reviewers want a decision, not a promise to decide later."
                case "hedge":
                    message = "Hedge '\(written)'\(place): state the figure or the decision instead."
                default:
                    message = "Vague phrase '\(written)'\(place): say what exactly, with a number where there is one."
                }
                context.report(context.range(of: m), message, severity: p.severity, component: component,
                               suggestion: p.say_instead)
            }
        }
    }
}
