import Foundation
import POCLintCore

/// A range or no figure where the budget needs one projected amount.
public struct BudgetRange: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "budget-range",
        title: "Budget given as a range",
        detail: "Any amount in the budget section written as a range ($2K to $8K, $2,000-$8,000).",
        rationale: "'$2K to $8K a month' tells a reviewer the cost was not worked out; each line needs one projected figure with its volumes.",
        severity: .error,
        component: .budget,
        triggering: [
            .section(.budget, "We expect to spend $2K to $8K a month on Bedrock, depending on adoption."),
            .section(.budget, "| Line item | Monthly cost |\n|---|---|\n| Bedrock inference | $1,000-$3,000 |\n| Total | $1,000-$3,000 |"),
        ],
        nonTriggering: [
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Claude Sonnet 4 | 10M input + 2M output tokens per day | $1,800 |\n| Total | | $1,800 |"),
        ])

    public func check(_ context: LintContext) {
        for (m, ri) in context.budget.amounts where m.isRange {
            let text = context.document.texts[ri]
            context.report(text.sourceRange(m.fullRange),
                           "The budget gives a range (\(dollars(m.value)) to \(dollars(m.upper!))); reviewers need one projected figure per line, with the volumes behind it.",
                           suggestion: "Project one figure from your volumes, e.g. '10M input + 2M output tokens a day on Claude Sonnet 4: $1,800 a month'.")
        }
    }
}

/// The budget must have figures and a monthly total.
public struct BudgetTotal: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "budget-total",
        title: "No figures or no monthly total",
        detail: "The budget section has no dollar figure at all, or no total line (a table row, list item or sentence labelled total).",
        rationale: "Reviewers size the award from the monthly total; a budget without figures ('TBD') or without a total cannot be checked against the credit requested.",
        severity: .error,
        component: .budget,
        triggering: [
            .section(.budget, "Costs will be driven by Bedrock inference, OpenSearch Serverless and Lambda."),
            .section(.budget, "- Bedrock inference: $1,800 a month\n- Lambda: $40 a month"),
        ],
        nonTriggering: [
            .section(.budget, "- Bedrock inference: $1,800 a month\n- Lambda: $40 a month\n- Total: $1,840 a month"),
            .section(.budget, "Our total monthly cost is $1,840: Bedrock inference for 10M input + 2M output tokens a day on Claude Sonnet 4 ($1,800) and Lambda ($40)."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.budget) else { return }
        let budget = context.budget
        if budget.amounts.isEmpty {
            context.report(anchor, "The budget has no dollar figures.",
                           suggestion: "Give a monthly cost per Bedrock service and supporting service, the volumes behind each, and a total.")
        } else if budget.total == nil {
            context.report(anchor, "The budget has no monthly total.",
                           suggestion: "Add a total line, e.g. '| Total | | $4,170 |' in a 'Monthly cost' column.")
        }
    }
}

/// Line items must add up to the stated total.
public struct BudgetSum: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "budget-sum",
        title: "Line items do not add up to the total",
        detail: "With two or more line items and a total, the items (normalised to a month: a day is 30 days, a year 12 months) must add up to the total within half a percent. The safe fix replaces the total with the sum.",
        rationale: "A total that differs from its line items is the first thing a reviewer checks and the quickest way to lose their trust in every other figure.",
        severity: .error,
        component: .budget,
        triggering: [
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Claude Sonnet 4 | 10M input + 2M output tokens per day | $1,800 |\n| AWS Lambda | 1M invocations | $40 |\n| Amazon S3 logging | 100 GB | $30 |\n| Total | | $2,320 |"),
            .section(.budget, "- Bedrock inference (Claude Sonnet 4, 10M input + 2M output tokens a day): $1,800/month\n- Lambda: $40/month\n- Total: $1,900/month"),
        ],
        nonTriggering: [
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Claude Sonnet 4 | 10M input + 2M output tokens per day | $1,800 |\n| AWS Lambda | 1M invocations | $40 |\n| Amazon S3 logging | 100 GB | $30 |\n| Total | | $1,870 |"),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        let budget = context.budget
        guard let total = budget.total, let totalAmount = total.amount, let totalRun = total.amountRun else { return }
        let items = budget.items
        guard items.count >= 2 else { return }
        let days = context.configuration.daysPerMonth
        guard let stated = budget.monthly(total, daysPerMonth: days) else { return }
        var sum = 0.0
        for item in items {
            guard let m = budget.monthly(item, daysPerMonth: days) else { return }
            sum += m
        }
        guard abs(sum - stated) > max(1, stated * 0.005) else { return }
        let text = context.document.texts[totalRun]
        let period = (total.period ?? .month) == .month ? " a month" : ""
        let related = items.compactMap { item -> RelatedLocation? in
            guard let a = item.amount, let r = item.amountRun else { return nil }
            return RelatedLocation(range: context.document.texts[r].sourceRange(a.range), message: "\(item.label.trimmingCharacters(in: .whitespaces)): \(dollars(a.value))")
        }
        var fix: Fix?
        if (total.period ?? .month) == .month && !totalAmount.isRange {
            let range = text.sourceRange(totalAmount.range)
            // Keep the `$` the author wrote before the figure.
            let written = context.source.string(range)
            let replacement = written.hasPrefix("$") ? dollars(sum) : String(dollars(sum).dropFirst())
            fix = Fix(title: "Replace the total with the sum of the line items (\(dollars(sum)))",
                      edits: [TextEdit(range: range, replacement: replacement)], isSafe: true)
        }
        context.report(text.sourceRange(totalAmount.range),
                       "Line items add up to \(dollars(sum))\(period), the total says \(dollars(stated)).",
                       suggestion: "Correct the total or the line item that is wrong.", fix: fix, related: related)
    }
}

/// Inference lines need the token volumes behind their cost.
public struct InferenceWithoutVolumes: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "inference-without-volumes",
        title: "Inference cost without token volumes",
        detail: "A budget line that names a model or says 'inference' and gives an amount but no token volumes.",
        rationale: "An inference figure without the volumes behind it (tokens a day, on which model) cannot be checked, and reviewers discount what they cannot check.",
        severity: .warning,
        component: .budget,
        triggering: [
            .section(.budget, "| Line item | Monthly cost |\n|---|---|\n| Bedrock inference: Claude Sonnet 4 | $1,800 |\n| Total | $1,800 |"),
        ],
        nonTriggering: [
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Claude Sonnet 4 | 10M input + 2M output tokens per day | $1,800 |\n| Total | | $1,800 |"),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        for line in context.budget.lines where line.isInference && !line.isTotal && !line.isSubtotal && line.volumes.isEmpty && line.origin != .prose {
            guard let a = line.amount, let r = line.amountRun, !line.models.isEmpty || line.label.lowercased().contains("inference") else { continue }
            context.report(context.document.texts[r].sourceRange(a.range),
                           "The inference cost \(dollars(a.value)) has no token volumes behind it.",
                           suggestion: "Give the volumes and the model, e.g. '10M input + 2M output tokens a day on Claude Sonnet 4'.")
        }
    }
}

/// The model the budget prices must be the model the rationale chose.
public struct BudgetModelMismatch: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "budget-model-mismatch",
        title: "Budget prices a different model than the rationale",
        detail: "The models the budget's inference lines price do not include the primary model of the rationale.",
        rationale: "When the budget prices one model and the rationale chose another, the reviewer cannot tell which workload is being funded.",
        severity: .warning,
        component: .budget,
        triggering: [
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Amazon Nova Lite | 20M input + 4M output tokens per day | $216 |\n| Total | | $216 |"),
        ],
        nonTriggering: [
            .section(.budget, "| Line item | Volume | Monthly cost |\n|---|---|---|\n| Bedrock inference: Claude Sonnet 4 | 20M input + 4M output tokens per day | $3,600 |\n| Total | | $3,600 |"),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let primary = context.primaryModel, let primaryModel = context.catalogModel(primary) else { return }
        let priced = context.budget.lines.filter { $0.isInference }.flatMap(\.models)
        guard !priced.isEmpty else { return }
        let matches = priced.contains { m in
            if context.modelKey(m) == primaryModel.id { return true }
            // A family on either side matches any version of it.
            let family = { (x: ModelMention) -> String? in
                x.kind == .family ? context.pack.models.families[x.index].name : context.catalogModel(x)?.family
            }
            return (m.kind == .family || primary.kind == .family) && family(m) != nil && family(m) == family(primary)
        }
        if !matches, let first = priced.first {
            let text = context.document.texts[first.run]
            context.report(text.sourceRange(first.textRange),
                           "The budget prices \(context.displayName(first)), but the model selection rationale chose \(context.displayName(primary)).",
                           suggestion: "Price the model you chose, or explain in the rationale what \(context.displayName(first)) is for.")
        }
    }
}
