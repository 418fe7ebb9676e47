import POCLintCore

/// The primary model named without a version, where the versions of its family differ in price.
public struct ModelVersionUnspecified: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "model-version-unspecified",
        title: "Primary model named without its version",
        detail: "The primary model (the first one named in the rationale that is not an alternative or a fallback) is a family without a version, and that family's versions differ in price. The message says which version's price the budget checks assumed.",
        rationale: "Versions of one family can differ 4x in price (Claude Haiku 3, 3.5 and 4.5); without the version a reviewer cannot check the budget. Alternatives named in a comparison need no version.",
        severity: .info,
        component: .model,
        triggering: [
            .section(.model, "Claude Haiku, because it scored within 2 points of Claude Sonnet 4 on our 300-example set at one twelfth of the price."),
        ],
        nonTriggering: [
            .section(.model, "Claude 3.5 Haiku, because it scored within 2 points of Claude Sonnet 4 on our 300-example set."),
            .section(.model, "Claude Sonnet 4: it scored 0.92 against 0.81 for Claude Haiku on our 300-example set."),
        ])

    public func check(_ context: LintContext) {
        guard let primary = context.primaryModel, primary.kind == .family else { return }
        let family = context.pack.models.families[primary.index]
        guard family.versions_differ, let assumed = context.pack.model(id: family.assumed) else { return }
        let written = context.document.texts[primary.run].string(primary.textRange)
        let range = context.document.texts[primary.run].sourceRange(primary.textRange)
        context.report(range,
                       "'\(written)' names no version; \(assumed.display_name)'s price was assumed (\(dollars(assumed.input_per_mtok))/\(dollars(assumed.output_per_mtok)) per million input/output tokens), and \(family.name) versions differ in price.",
                       suggestion: "Name the version you will run, e.g. '\(assumed.display_name)'.")
    }
}
