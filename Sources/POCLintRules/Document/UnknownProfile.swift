import POCLintCore

/// The front matter names a profile poclint does not have.
public struct UnknownProfile: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "unknown-profile",
        title: "The front matter names an unknown profile",
        detail: "A `profile:` line in the document's YAML front matter must name a profile of `rules/profiles.yml` (`poc`, `accelerator`). The document is then linted with the profile chosen as if the line were absent (`--profile`, `.poclint.yml`, its title, the default), and this error says so.",
        rationale: "A misspelt profile would otherwise lint the application against the wrong checklist and predict the wrong award without a word.",
        severity: .error,
        component: nil,
        triggering: [
            .document("---\nprofile: acelerator\n---\n# Acme\n\n## Company overview\n\nx\n"),
        ],
        nonTriggering: [
            .document("---\nprofile: accelerator\n---\n# Acme\n\n## Company overview\n\nx\n"),
        ],
        readsProse: false,
        profiles: ["any"])

    public func check(_ context: LintContext) {
        guard let (value, range) = ProfileResolver.frontMatterProfile(context.document),
              context.pack.profile(value) == nil, context.scope == nil || context.scope!.start == 0 else { return }
        let known = context.pack.profiles.map(\.id)
        context.report(range, "Unknown profile '\(value)' in the front matter; linted as \(context.profile.id).",
                       suggestion: "Use one of: \(known.joined(separator: ", ")).")
    }
}
