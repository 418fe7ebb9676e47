import POCLintCore

/// The credit asked for must match the budget: not more than 12 months of projected spend,
/// and enough to cover the POC window.
public struct CreditRequest: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "credit-request",
        title: "Credit request does not match the budget",
        detail: "When the application states the credit it asks for (an amount in a sentence about requesting credits, or `requested_credit` in .poclint.yml) and the budget has a monthly total: a request more than 10% above 12 months of projected spend, or one that runs out before the POC window ends.",
        rationale: "Credits are usually valid for 12 months. Reviewers downgrade an ask larger than a year of the projected spend, and a request that cannot cover the POC itself reads as a budget nobody worked out.",
        severity: .warning,
        component: .budget,
        triggering: [
            .document("# Acme\n\nWe request $50,000 in Bedrock POC credits for a 90-day POC.\n\n## Budget\n\n- Bedrock inference: $1,800 a month\n- Total: $1,800 a month\n"),
        ],
        nonTriggering: [
            .document("# Acme\n\nWe request $25,000 in Bedrock POC credits for a 90-day POC.\n\n## Budget\n\n- Bedrock inference: $2,000 a month\n- Lambda: $100 a month\n- Total: $2,100 a month\n"),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let (requested, range) = RunwayCalculator.requestedCredit(context),
              let total = context.budget.total,
              let monthly = context.budget.monthly(total, daysPerMonth: context.configuration.daysPerMonth), monthly > 0 else { return }
        let year = 12 * monthly
        if requested > year * 1.1 {
            context.report(range, "The \(dollars(requested)) requested is \(formatNumber(requested / year, decimals: 1))x twelve months of projected spend (\(dollars(year)) at \(dollars(monthly)) a month); reviewers downgrade asks that do not match the budget.",
                           suggestion: "Ask for about \(dollars((year / 1000).rounded() * 1000)), or show the volumes that justify more.")
            return
        }
        let window = Double(context.timelineFacts.window?.days ?? 90)
        let months = requested / monthly
        if months * context.configuration.daysPerMonth < window {
            context.report(range, "The \(dollars(requested)) requested lasts \(formatNumber(months, decimals: 1)) months at \(dollars(monthly)) a month, less than the \(Int(window))-day POC window.",
                           suggestion: "Ask for at least \(dollars(monthly * window / context.configuration.daysPerMonth)), or cut the projected volumes.")
        }
    }
}
