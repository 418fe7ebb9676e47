import POCLintCore

/// What the use case section says: who, on what data, with what result.
struct UseCaseSignals {
    let actors: [String]
    let inputs: [String]
    let outcomes: [String]
    let aspirations: [String]
    var count: Int { [actors, inputs, outcomes].filter { !$0.isEmpty }.count }

    init(_ context: LintContext) {
        actors = context.componentTerms("actor", .useCase)
        inputs = context.componentTerms("input-data", .useCase)
        outcomes = context.componentTerms("outcome", .useCase)
        aspirations = context.componentTerms("aspiration", .useCase)
    }

    /// Generic: at most one of who / what data / what result, or an aspiration ("transform how
    /// our customers work") that never says what the feature produces.
    var isGeneric: Bool { count <= 1 || (!aspirations.isEmpty && outcomes.isEmpty) }
}

extension LintContext {
    /// The use case's signals, read once per part (four rules ask).
    var useCaseSignals: UseCaseSignals {
        memo("use-case-signals") { UseCaseSignals(self) }
    }
}

/// One piece missing from a use case that is otherwise specific (a generic use case is
/// reported once, by use-case-generic, not piece by piece).
protocol UseCaseGap: Rule {
    func lacks(_ s: UseCaseSignals) -> Bool
    var message: String { get }
    var advice: String { get }
}

extension UseCaseGap {
    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.useCase) else { return }
        let s = context.useCaseSignals
        if !s.isGeneric && lacks(s) {
            context.report(anchor, message, suggestion: advice)
        }
    }
}

/// A use case that is an aspiration, not a feature.
public struct UseCaseGeneric: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "use-case-generic",
        title: "Generic or aspirational use case",
        detail: "The use case section names at most one of: who uses the feature (rules/lexicon.yml `actor`), what data it reads (`input-data`) and what it produces (`outcome`); or it uses aspirational words (`aspiration`: generative AI, transform, innovation ...) and never says what the feature produces.",
        rationale: "Reviewers fund one specific feature: who uses it, on what data, with what result. 'Bring generative AI into our platform' describes no workload to fund.",
        severity: .error,
        component: .useCase,
        triggering: [
            .section(.useCase, "We want to bring generative AI into our platform and transform how our company works."),
            .section(.useCase, "A chatbot."),
        ],
        nonTriggering: [
            .section(.useCase, "Automated triage of warranty claims from the claim form and policy PDF."),
            .section(.useCase, "Draft first-response replies to inbound warranty claims for our claims adjusters, from the claim form and the policy PDF."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.useCase) else { return }
        let s = context.useCaseSignals
        guard s.isGeneric else { return }
        var missing: [String] = []
        if s.actors.isEmpty { missing.append("who uses it") }
        if s.inputs.isEmpty { missing.append("what data it reads") }
        if s.outcomes.isEmpty { missing.append("what it produces") }
        let lead = s.aspirations.isEmpty ? "The use case names no specific feature" : "The use case reads as an aspiration ('\(s.aspirations[0])') rather than a feature"
        context.report(anchor, "\(lead): it does not say \(missing.joined(separator: ", ")).",
                       suggestion: "Describe one feature in one sentence, e.g. 'Draft first responses to warranty claims for our adjusters, from the claim form and the policy PDF.'")
    }
}

/// A specific use case that does not say who uses it.
public struct UseCaseNoActor: UseCaseGap {
    public init() {}

    public let description = RuleDescription(
        id: "use-case-no-actor",
        title: "Use case does not name its users",
        detail: "A use case that is otherwise specific (input and outcome named) but does not say who uses it.",
        rationale: "Naming who uses the feature (adjusters, support agents, clinicians) makes a concrete use case stronger; it is advice, not a defect.",
        severity: .info,
        component: .useCase,
        triggering: [
            .section(.useCase, "Automated triage of warranty claims from the claim form and policy PDF."),
        ],
        nonTriggering: [
            .section(.useCase, "Our claims adjusters get automated triage of warranty claims from the claim form and policy PDF."),
        ],
        readsProse: false)

    func lacks(_ s: UseCaseSignals) -> Bool { s.actors.isEmpty }
    let message = "The use case does not say who uses the feature."
    let advice = "Name the users, e.g. 'for our 40 claims adjusters'."
}

/// A use case that does not say what data the model reads.
public struct UseCaseNoInput: UseCaseGap {
    public init() {}

    public let description = RuleDescription(
        id: "use-case-no-input",
        title: "Use case does not name its input data",
        detail: "A use case that is otherwise specific but does not say what data the model reads.",
        rationale: "The input data (claim forms, tickets, contracts) tells the reviewer the workload is real and sizes the token volumes of the budget.",
        severity: .warning,
        component: .useCase,
        triggering: [
            .section(.useCase, "Our support agents get a drafted reply for each customer, which cuts their handling time."),
        ],
        nonTriggering: [
            .section(.useCase, "Our support agents get a drafted reply to each ticket, from the ticket and our help-center articles."),
        ],
        readsProse: false)

    func lacks(_ s: UseCaseSignals) -> Bool { s.inputs.isEmpty }
    let message = "The use case does not say what data the model reads."
    let advice = "Name the input, e.g. 'from the claim form and the policy PDF'."
}

/// A use case that does not say what the feature produces.
public struct UseCaseNoOutcome: UseCaseGap {
    public init() {}

    public let description = RuleDescription(
        id: "use-case-no-outcome",
        title: "Use case does not name its outcome",
        detail: "A use case that is otherwise specific but does not say what the feature produces.",
        rationale: "A reviewer needs to see what the feature produces and what changes for the user (a draft, a classification, minutes saved).",
        severity: .warning,
        component: .useCase,
        triggering: [
            .section(.useCase, "Our support agents work with tickets and help-center articles every day."),
        ],
        nonTriggering: [
            .section(.useCase, "Our support agents get a drafted reply to each ticket, from the ticket and our help-center articles."),
        ],
        readsProse: false)

    func lacks(_ s: UseCaseSignals) -> Bool { s.outcomes.isEmpty }
    let message = "The use case does not say what the feature produces or what it changes for its users."
    let advice = "Say the result, e.g. 'drafts the first reply, cutting review time from 18 to 5 minutes'."
}
