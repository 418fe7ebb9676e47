import Foundation
import POCLintCore

/// Supporting services outside AWS, with the AWS-native alternative.
public struct NonAWSService: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "non-aws-service",
        title: "Supporting service outside AWS",
        detail: "A service of rules/providers.yml `services` (Pinecone, Weaviate, Datadog, Vercel ...) named anywhere, except as what is being replaced. The message gives the AWS-native alternative.",
        rationale: "Reviewers reward a Bedrock-first stack: vector search on OpenSearch Serverless or Bedrock Knowledge Bases, logging in S3, orchestration in Lambda or ECS. Pinecone, Datadog or Vercel in the architecture weakens the case.",
        severity: .warning,
        component: nil,
        triggering: [
            .section(.model, "Claude Sonnet 4 on Bedrock, because it scored 0.92 against 0.84 for Claude 3 Haiku. Retrieval uses Pinecone and we monitor with Datadog."),
        ],
        nonTriggering: [
            .section(.model, "Claude Sonnet 4 on Bedrock, because it scored 0.92 against 0.84 for Claude 3 Haiku. Retrieval moves from Pinecone to Bedrock Knowledge Bases."),
            .section(.model, "Claude Sonnet 4 on Bedrock, because it scored 0.92 against 0.84 for Claude 3 Haiku. Retrieval uses Amazon OpenSearch Serverless."),
        ])

    public func check(_ context: LintContext) {
        let mentionsByRun = Dictionary(grouping: context.modelMentions, by: \.run)
        for ri in context.allRuns {
            let services = context.matches(.service, in: [ri])
            guard !services.isEmpty else { continue }
            let names = mentionsByRun[ri] ?? []
            for (m, index) in services {
                // "Azure" inside "Azure OpenAI" is the provider, reported by non-bedrock-model.
                if names.contains(where: { $0.textRange.lowerBound <= m.textRange.lowerBound && $0.textRange.upperBound >= m.textRange.upperBound && $0.textRange != m.textRange }) { continue }
                let sentence = context.sentence(ri, around: m.textRange)
                if context.hasTerm("replacement", run: ri, in: sentence, includeLabel: false) { continue }
                // "moves from Pinecone to Bedrock Knowledge Bases" also reads as a move away.
                let text = context.document.texts[ri]
                let before = text.string(sentence.lowerBound..<m.textRange.lowerBound).lowercased()
                if before.hasSuffix("from ") && text.string(m.textRange.upperBound..<sentence.upperBound).lowercased().contains(" to ") { continue }
                let service = context.pack.providers.services[index]
                context.report(text.sourceRange(m.textRange),
                               "\(text.string(m.textRange)) is not an AWS service; reviewers reward a Bedrock-first stack on AWS.",
                               component: context.components.runComponent[ri],
                               suggestion: "Use \(service.aws_alternative).")
            }
        }
    }
}

/// The go/no-go threshold of the timeline must be the threshold of the evaluation.
public struct ThresholdMismatch: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "threshold-mismatch",
        title: "Go/no-go threshold differs from the evaluation threshold",
        detail: "A score in the timeline (0.80, 85%) tied to a metric that the evaluation gives a different pass threshold for.",
        rationale: "The go/no-go decision should be judged against the pass threshold the evaluation defines; two different numbers for the same metric leave the reviewer guessing which one counts.",
        severity: .warning,
        component: nil,
        triggering: [
            .section(.timeline, "90 days. Day 45: mid-point review. Day 90: go/no-go decision for production if factual accuracy is at least 0.80."),
        ],
        nonTriggering: [
            .section(.timeline, "90 days. Day 45: mid-point review. Day 90: go/no-go decision for production if factual accuracy is at least 0.90."),
            .section(.timeline, "90 days. Day 45: mid-point review. Day 90: go/no-go decision for production if factual accuracy is at least 90%."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        let eval = context.scores(.evaluation).filter { !$0.metrics.isEmpty && $0.isThreshold }
        guard !eval.isEmpty else { return }
        for figure in context.scores(.timeline) where !figure.metrics.isEmpty {
            let same = eval.filter { e in e.metrics.contains { a in figure.metrics.contains { sameMetric(a, $0) } } }
            guard !same.isEmpty else { continue }
            if same.contains(where: { abs($0.value - figure.value) < 0.0005 }) { continue }
            let e = same[0]
            let metric = figure.metrics[0]
            let text = context.document.texts[figure.run]
            let evalText = context.document.texts[e.run]
            context.report(text.sourceRange(figure.textRange),
                           "The timeline judges \(metric) against \(text.string(figure.textRange)), but the evaluation's pass threshold is \(evalText.string(e.textRange)).",
                           component: .timeline,
                           suggestion: "Use the evaluation's threshold in the go/no-go criteria.",
                           related: [RelatedLocation(range: evalText.sourceRange(e.textRange), message: "evaluation threshold")])
        }
    }
}

/// 2 to 4 pages: far shorter reads as unfinished, far longer buries the five components.
public struct ApplicationLength: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "application-length",
        title: "Application far shorter or longer than 2-4 pages",
        detail: "Fewer than `min_words` (500, about a page) words of prose, or more than `max_words` (3,000, about six pages; an info).",
        rationale: "Reviewers expect 2 to 4 pages. Far shorter usually means components are thin; far longer buries them.",
        severity: .warning,
        component: nil,
        triggering: [
            .document("# Acme\n\n## Use case\n\nClaims drafting.\n\n## Model\n\nClaude Sonnet 4.\n\n## Evaluation\n\nF1.\n\n## Budget\n\n$1,800.\n\n## Timeline\n\n90 days.\n"),
        ],
        nonTriggering: [
            .section(.useCase, "Claimwise will draft the first response to every inbound warranty claim for our claims adjusters, from the claim form, the policy PDF and the purchase record."),
        ],
        options: [RuleOption("min_words", default: "500", "Fewer words than this is reported (about one page)."),
                  RuleOption("max_words", default: "3000", "More words than this is reported (about six pages).")],
        readsProse: false)

    public func check(_ context: LintContext) {
        let minWords = Int(context.option("min_words", default: 500.0))
        let maxWords = Int(context.option("max_words", default: 3000.0))
        let words = context.wordCount
        let first = context.document.titleSection?.titleRange ?? context.source.lineContentRange(1)
        if words < minWords {
            context.report(first, "The application has \(words) words (about \(formatNumber(Double(words) / 450, decimals: 1)) pages at 450 words a page); reviewers expect 2 to 4 pages.",
                           suggestion: "Make each of the five components specific: who, what data, which model and why, the eval set and threshold, the volumes and the plan by day.")
        } else if words > maxWords {
            context.report(first, "The application has \(words) words (about \(words / 450) pages at 450 words a page); reviewers expect 2 to 4 pages.",
                           severity: .info, suggestion: "Cut background and repetition; keep the five components.")
        }
    }
}

/// A component given two sections.
public struct DuplicateComponent: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "duplicate-component",
        title: "A component has two sections",
        detail: "A second section whose heading names a component already taken by an earlier section (nested sections of the same component are fine).",
        rationale: "Two budget or two timeline sections make the reviewer guess which one counts; poclint reads the first.",
        severity: .warning,
        component: nil,
        triggering: [
            .document("# Acme\n\n## Use case\n\nx\n\n## Model choice\n\nx\n\n## Evaluation\n\nx\n\n## Budget\n\nx\n\n## Timeline\n\nx\n\n## Budget (revised)\n\nx\n"),
        ],
        nonTriggering: [
            .document("# Acme\n\n## Use case\n\nx\n\n## Model choice\n\nx\n\n## Evaluation\n\n### Metrics\n\nx\n\n## Budget\n\nx\n\n## Timeline\n\nx\n"),
        ],
        readsProse: false,
        profiles: ["any"])

    public func check(_ context: LintContext) {
        for (component, si) in context.components.duplicates {
            let section = context.document.sections[si]
            guard let first = context.components[component] else { continue }
            let firstSection = context.document.sections[first.section]
            let line = context.source.location(of: firstSection.titleRange.start).line
            context.report(section.titleRange,
                           "A second section for the \(component.title); poclint reads '\(firstSection.title)' (line \(line)) and ignores this one.",
                           component: component, suggestion: "Merge the two sections into one.")
        }
    }
}
