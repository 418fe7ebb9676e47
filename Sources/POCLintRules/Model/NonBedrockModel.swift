import POCLintCore

/// A model or an inference path outside Amazon Bedrock, named as more than a comparison or a documented fallback.
public struct NonBedrockModel: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "non-bedrock-model",
        title: "Model or inference path not on Amazon Bedrock",
        detail: "A model or inference path of rules/providers.yml (GPT-4o, Gemini, the OpenAI API, Azure OpenAI, Vertex AI ...) named anywhere, except in a comparison ('compared with GPT-4o'), as a documented fallback, or as what is being replaced ('instead of', 'migrating from').",
        rationale: "Bedrock POC credits pay for Bedrock. Staying primarily on OpenAI, Azure OpenAI or Vertex, or hedging across providers, gets an application downgraded; a non-Bedrock fallback is fine when it is documented as a fallback.",
        severity: .error,
        component: nil,
        triggering: [
            .section(.model, "We run GPT-4o through the OpenAI API because our prompts are tuned for it."),
            .section(.model, "Claude Sonnet 4 for drafting; summaries go to Gemini 1.5 Pro on Vertex AI."),
        ],
        nonTriggering: [
            .section(.model, "Claude Sonnet 4 on Bedrock scored 0.92 F1, compared with 0.90 for GPT-4o, at a lower price per token."),
            .section(.model, "Claude Sonnet 4 on Bedrock. Fallback: if Bedrock is throttled for five minutes, requests go to GPT-4o on the OpenAI API."),
            .section(.model, "Claude Sonnet 4 on Bedrock, replacing GPT-4o on the OpenAI API that we use today."),
        ])

    public func check(_ context: LintContext) {
        for m in context.modelMentions where m.kind == .foreignModel || m.kind == .foreignProvider {
            guard !m.isAlternative, !m.isFallback, !m.isReplaced else { continue }
            let run = context.document.texts[m.run]
            let written = run.string(m.textRange)
            let range = run.sourceRange(m.textRange)
            if m.kind == .foreignModel {
                let info = context.pack.providers.non_bedrock_models[m.index]
                context.report(range, "'\(written)' (\(info.provider)) is not available on Amazon Bedrock; reviewers expect primary inference on Bedrock.",
                               component: m.component, suggestion: "Use \(info.suggest); keep \(info.name) only as a documented fallback or a comparison.")
            } else {
                let info = context.pack.providers.non_bedrock_providers[m.index]
                context.report(range, "'\(written)' is an inference path outside Amazon Bedrock; applications whose primary inference is not on Bedrock are downgraded.",
                               component: m.component, suggestion: "Use \(info.suggest).")
            }
        }
    }
}
