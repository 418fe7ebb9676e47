import POCLintCore

/// The model section must name a model that runs on Amazon Bedrock.
public struct ModelNotNamed: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "model-not-named",
        title: "No Bedrock model is named",
        detail: "The model selection rationale must name at least one model of the Bedrock catalog (rules/models.yml), by name, alias or Bedrock model id, or a model family.",
        rationale: "A model selection rationale without a named model ('the best available model') tells the reviewer nothing they can price or check.",
        severity: .error,
        component: .model,
        triggering: [
            .section(.model, "We will use the best available foundation model for each task."),
        ],
        nonTriggering: [
            .section(.model, "Claude Sonnet 4 on Amazon Bedrock: it scored 0.92 F1 against 0.84 for Claude 3 Haiku on our 300-example set."),
            .section(.model, "Amazon Nova Pro, because it matched Claude Sonnet 4 within one point on our eval at a quarter of the price."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.model) else { return }
        let named = context.modelMentions.contains { $0.component == .model && ($0.kind == .bedrock || $0.kind == .family) }
        if !named {
            context.report(anchor, "The model selection rationale names no model available on Amazon Bedrock; reviewers expect the model by name and version.",
                           suggestion: "Name the primary model and its version, e.g. 'Claude Sonnet 4 on Amazon Bedrock', and why you chose it.")
        }
    }
}
