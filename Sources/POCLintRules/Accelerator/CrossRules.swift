import Foundation
import POCLintCore

/// The facts of a part that the cross rules compare: the primary model and the monthly spend.
public struct ApplicationFacts: FactsReading {
    public init() {}

    public func facts(_ context: LintContext) -> PartFacts {
        var f = PartFacts(profile: context.profile.id)
        let doc = context.document
        if context.profile.index(of: .budget) != nil {
            if let p = context.primaryModel, let id = context.modelKey(p) {
                f.primaryModel = .init(id, doc.texts[p.run].sourceRange(p.textRange))
            }
            let budget = context.budget
            if let total = budget.total, let monthly = budget.monthly(total, daysPerMonth: context.configuration.daysPerMonth),
               let run = total.amountRun, let amount = total.amount {
                f.monthlySpend = .init(monthly, doc.texts[run].sourceRange(amount.range))
            }
            f.anchor = context.anchor(.budget) ?? context.anchor(.model)
        } else if context.profile.index(of: .migration) != nil {
            let runs = Set(context.runs(.migration))
            let named = context.modelMentions.filter { runs.contains($0.run) && ($0.kind == .bedrock || $0.kind == .family) }
            if let p = named.first(where: { !$0.isAlternative && !$0.isFallback && !$0.isReplaced }) ?? named.first, let id = context.modelKey(p) {
                f.primaryModel = .init(id, doc.texts[p.run].sourceRange(p.textRange))
            }
            if let projection = context.consumption, let first = projection.monthlySpend.first, first > 0 {
                let cell = projection.monthTotals.first.flatMap { $0 } ?? projection.values.first?.first.flatMap { $0 }
                let range = cell.map { doc.texts[$0.run].sourceRange($0.range) } ?? context.anchor(.consumption) ?? SourceRange(0, 0)
                f.monthlySpend = .init(first, range)
            }
            f.anchor = context.anchor(.consumption) ?? context.anchor(.migration)
        }
        return f
    }
}

/// A founder's two applications in one document, for the cross rules' examples (built by
/// interpolation: the registry builds every example at start-up, and a Foundation string
/// replacement there cost half a millisecond per run).
private func combinedExample(model: String = "Amazon Nova Pro", firstMonth: String = "$9,000") -> String {
    """
# Bedrock POC credit application

## Use case

Claims adjusters at our insurer customers get a draft reply to each warranty claim.

## Model selection rationale

Claude Sonnet 4 drafts the replies.

## Evaluation

x

## Budget

Total: $3,000 a month.

## Timeline

x

# Generative AI Accelerator application

## Bedrock migration plan

All production traffic moves to \(model) on Bedrock by month 3.

## Projected 12-month Bedrock consumption

| Workload | M1 | M2 | M3 |
|---|---|---|---|
| Claims replies | \(firstMonth) | $12,000 | $15,000 |
| Triage | $1,000 | $1,000 | $1,000 |

"""
}

/// The accelerator plan and the POC application must name the same primary model.
public struct CrossPrimaryModel: CrossRule {
    public init() {}

    public let description = RuleDescription(
        id: "cross-primary-model",
        title: "The accelerator plan and the POC application name different primary models",
        detail: "When a run holds a POC application and an accelerator application (two parts of one document, or two files in one folder), the primary Bedrock model of the accelerator's migration plan (the first named that is not an alternative, a fallback or replaced) must be the POC application's primary model (the model section's). Versions count: Claude Sonnet 4 is not Claude 3.7 Sonnet. Reported in the accelerator application, at its model.",
        rationale: "Founders file both applications in the same week and the same reviewers may read both; a POC on one model and a migration plan on another reads as two plans, and the POC no longer de-risks the migration.",
        severity: .warning,
        component: .migration,
        triggering: [.document(combinedExample())],
        nonTriggering: [.document(combinedExample(model: "Claude Sonnet 4"))],
        profiles: ["accelerator"])

    public func compare(_ later: PartFacts, in laterText: SourceText, with other: PartFacts, otherPlace: String,
                        options: [String: OptionValue], report: (SourceRange, String, String?) -> Void) {
        guard later.profile == "accelerator", other.profile == "poc",
              let mine = later.primaryModel, let theirs = other.primaryModel, mine.value != theirs.value else { return }
        let name = { (id: String) in RulePack.builtIn.model(id: id)?.display_name ?? id }
        report(mine.range,
               "The accelerator plan's primary model is \(name(mine.value)); the POC application (\(otherPlace)) runs on \(name(theirs.value)).",
               "Name the same primary model in both, or say why the accelerator plan moves from \(name(theirs.value)) to \(name(mine.value)).")
    }
}

/// The accelerator projection must start near the POC budget's monthly spend.
public struct CrossConsumptionBudget: CrossRule {
    public init() {}

    public let description = RuleDescription(
        id: "cross-consumption-budget",
        title: "The consumption projection disagrees with the POC budget",
        detail: "When a run holds a POC application and an accelerator application, the first month of the accelerator's consumption projection and the POC budget's monthly total must be within a factor of 2 (option `max_ratio`) of each other: the POC runs the same workload at the start of the same year. Reported in the accelerator application, at the consumption section's heading.",
        rationale: "Reviewers compare the two figures: a POC budget of $3,000 a month next to a projection that opens at $10,000 makes one of them wrong, and both lose credibility.",
        severity: .warning,
        component: .consumption,
        triggering: [.document(combinedExample())],
        nonTriggering: [.document(combinedExample(firstMonth: "$2,500"))],
        options: [RuleOption("max_ratio", default: "2", "How many times larger one monthly figure may be than the other.")],
        readsProse: false,
        profiles: ["accelerator"])

    public func compare(_ later: PartFacts, in laterText: SourceText, with other: PartFacts, otherPlace: String,
                        options: [String: OptionValue], report: (SourceRange, String, String?) -> Void) {
        guard later.profile == "accelerator", other.profile == "poc",
              let mine = later.monthlySpend, let theirs = other.monthlySpend, mine.value > 0, theirs.value > 0 else { return }
        let ratio = max(mine.value, theirs.value) / min(mine.value, theirs.value)
        var limit = 2.0
        if case .number(let n)? = options["max_ratio"] { limit = n }
        guard ratio > limit + 1e-9 else { return }
        report(later.anchor ?? mine.range,
               "The projection's first month is \(dollars(mine.value)); the POC budget (\(otherPlace)) is \(dollars(theirs.value)) a month, \(formatNumber(ratio, decimals: 1))x apart.",
               "Start the projection from the POC's monthly spend, or explain the step (a second workload, a launch) in both applications.")
    }
}
