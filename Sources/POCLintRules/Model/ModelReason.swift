import POCLintCore

/// A named model must come with the reason for it.
public struct ModelWithoutReason: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "model-without-reason",
        title: "Model named without a reason",
        detail: "The model selection rationale names a model but no reason (rules/lexicon.yml `reason`: because, scores, cheaper, latency ...).",
        rationale: "Reviewers reward a choice they can follow: why this model for this workload (quality on your data, price, latency, context window, a regulatory need).",
        severity: .warning,
        component: .model,
        triggering: [
            .section(.model, "Claude Sonnet 4 on Amazon Bedrock."),
        ],
        nonTriggering: [
            .section(.model, "Claude Sonnet 4 on Amazon Bedrock, because it scored 0.92 F1 on our 300-example set."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.model), context.primaryModel != nil else { return }
        // A comparison with an alternative is a reason too ("92% of the errors, compared with 81% for Haiku").
        if context.componentTerms("reason", .model).isEmpty && context.componentTerms("comparison", .model).isEmpty {
            context.report(anchor, "The model is named without a reason; say why it fits this workload.",
                           suggestion: "E.g. 'Claude Sonnet 4, because it scored 0.92 F1 on our 300-example set, 6 points above Claude 3 Haiku.'")
        }
    }
}

/// The choice must be compared against an alternative, with evidence.
public struct ModelNoComparison: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "model-no-comparison",
        title: "No comparison against an alternative",
        detail: "The model selection rationale names a model but compares it with nothing (rules/lexicon.yml `comparison`: versus, compared with, within N points, cost ratio, open weights, regulatory ...).",
        rationale: "The strongest rationales compare the choice with an alternative on evidence: an eval delta, a cost ratio, latency, an open-weights or regulatory need.",
        severity: .warning,
        component: .model,
        triggering: [
            .section(.model, "Claude Sonnet 4 on Amazon Bedrock, because it writes good answers."),
        ],
        nonTriggering: [
            .section(.model, "Claude Sonnet 4, because it scored 0.92 F1 versus 0.84 for Claude 3 Haiku on our 300-example set."),
            .section(.model, "Llama 3.1 70B on Bedrock because our hospital customers require open weights they can audit."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.model), context.primaryModel != nil else { return }
        if context.componentTerms("comparison", .model).isEmpty {
            context.report(anchor, "The model choice is not compared with an alternative; reviewers look for evidence such as an eval delta, a cost ratio or latency.",
                           suggestion: "E.g. 'On our 300-example set it scores 0.92 F1 against 0.84 for Claude 3 Haiku, at 12x the price.'")
        }
    }
}

/// Several models in use need routing (which traffic goes where) and a fallback with its trigger.
public struct ModelRouting: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "model-routing",
        title: "Several models without routing or fallback trigger",
        detail: "Two or more models in use (not alternatives, not fallbacks) with no routing words (rules/lexicon.yml `routing`), or a fallback named without what triggers it (`trigger`: latency, throttling, errors ...).",
        rationale: "Multi-model use is fine when the routing is named: which model takes which traffic, and the fallback with what triggers it (latency, errors, cost).",
        severity: .warning,
        component: .model,
        triggering: [
            .section(.model, "We use Claude Sonnet 4 and Claude 3 Haiku and Amazon Nova Pro, because each is strong at different things and they cost less than GPT-4o."),
            .section(.model, "Claude Sonnet 4, because it scored 0.92 versus 0.84 for Claude 3 Haiku. We keep a fallback model ready."),
        ],
        nonTriggering: [
            .section(.model, "Claude 3 Haiku classifies each ticket and routes only complex ones to Claude Sonnet 4, which scored 0.92 versus 0.84 for Haiku. Fallback: Amazon Nova Pro when Sonnet 4 is throttled."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.model) else { return }
        let inUse = Set(context.modelMentions
            .filter { $0.component == .model && ($0.kind == .bedrock || $0.kind == .family) && !$0.isAlternative && !$0.isFallback }
            .compactMap { context.modelKey($0) })
        if inUse.count >= 2 && context.componentTerms("routing", .model).isEmpty {
            context.report(anchor, "\(inUse.count) models are in use but the routing is not said: which model takes which traffic?",
                           suggestion: "E.g. 'Claude 3 Haiku classifies every request; only complex ones go to Claude Sonnet 4.'")
        }
        let runs = context.runs(.model)
        var fallbackWithoutTrigger: SourceRange?
        var anyTrigger = false
        for ri in runs {
            let text = context.document.texts[ri]
            for (m, _) in context.matches(.term, in: [ri]) where context.pack.entries[m.pattern].contains(PatternEntry(kind: .term, index: context.pack.term("fallback"))) {
                let sentence = context.sentence(ri, around: m.textRange)
                if context.hasTerm("trigger", run: ri, in: sentence) || context.hasTerm("trigger", run: ri, in: 0..<text.bytes.count) {
                    anyTrigger = true
                } else if fallbackWithoutTrigger == nil {
                    fallbackWithoutTrigger = text.sourceRange(m.textRange)
                }
            }
        }
        if let range = fallbackWithoutTrigger, !anyTrigger {
            context.report(range, "A fallback is named without what triggers it.",
                           suggestion: "Say when it fires, e.g. 'when p95 latency exceeds 8 s or Bedrock returns throttling errors for 5 minutes'.")
        }
    }
}
