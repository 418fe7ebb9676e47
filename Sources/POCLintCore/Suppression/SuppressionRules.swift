/// The two checks of inline suppressions. They are not `Rule`s (they run after every rule,
/// over the other rules' findings) but they have descriptions, docs pages and settings
/// like any rule: `rules: {unused-suppression: off}` in `.poclint.yml` turns one off.
public enum SuppressionRules {
    public static let unknown = RuleDescription(
        id: "unknown-suppression",
        title: "A suppression comment names an unknown rule or directive",
        detail: "Every `poclint-disable-next-line`, `poclint-disable`, `poclint-enable` and `poclint-disable-file` HTML comment must use one of those four directives and name at least one existing rule id; the suppression checks themselves are turned off in .poclint.yml, not inline.",
        rationale: "A misspelt rule id or directive in a poclint comment silences nothing, so the finding the author meant to accept stays, or a later one is hidden by accident.",
        severity: .warning,
        component: nil,
        triggering: [
            .document("# Acme\n\n<!-- poclint-disable-next-line vague-phrse -- reviewed -->\nWe use cutting-edge models.\n"),
            .document("# Acme\n\n<!-- poclint-disable-nextline missing-component -->\n"),
        ],
        nonTriggering: [
            .document("# Acme\n\n<!-- poclint-disable-file missing-component -- a template, not an application -->\n"),
        ],
        readsProse: false,
        profiles: ["any"])

    public static let unused = RuleDescription(
        id: "unused-suppression",
        title: "A suppression comment silences nothing",
        detail: "Each rule id of a suppression comment must silence at least one finding of that rule, and each `poclint-enable` must close an open `poclint-disable`. Rules turned off in the configuration are not reported.",
        rationale: "A suppression that no longer matches a finding is stale: it hides the next real finding at that place without anyone deciding to accept it.",
        severity: .warning,
        component: nil,
        triggering: [
            .document("# Acme\n\n<!-- poclint-disable-next-line missing-component -- stale -->\nNothing is reported on this line.\n\n## Use case\n\nx\n\n## Model\n\nx\n\n## Evaluation\n\nx\n\n## Budget\n\nx\n\n## Timeline\n\nx\n"),
        ],
        nonTriggering: [
            .document("# Acme\n\n<!-- poclint-disable-file missing-component -- a template, not an application -->\n"),
        ],
        readsProse: false,
        profiles: ["any"])

    public static let all: [RuleDescription] = [unknown, unused]
    public static let ids: Set<String> = Set(all.map(\.id))
}
