import POCLintCore

/// The docs page of a rule, generated from its description (one source of truth):
/// `docs/rules/<id>.md` is this text, and a test fails when the two drift.
public enum RuleDocs {
    public static func page(_ rule: any Rule) -> String {
        let d = rule.description
        var out = "# \(d.id)\n\n"
        let profiles = d.profiles.contains("any") ? "every profile" : d.profiles.joined(separator: ", ")
        out += "**\(d.title)** · default severity: \(d.severity.rawValue) · component: \(d.component?.title ?? "whole document") · profile: \(profiles)\n\n"
        out += "## What it checks\n\n\(d.detail)\n\n"
        out += "## Why it matters\n\n\(d.rationale)\n\n"
        out += "## Failing \(d.triggering.count == 1 ? "example" : "examples")\n\n"
        for e in d.triggering { out += render(e) }
        out += "## Passing \(d.nonTriggering.count == 1 ? "example" : "examples")\n\n"
        for e in d.nonTriggering { out += render(e) }
        out += "## Options\n\n"
        if d.options.isEmpty {
            out += "None besides its severity: `rules: {\(d.id): off | info | warning | error}` in `.poclint.yml`.\n"
        } else {
            out += "Set in `.poclint.yml` under `rules: {\(d.id): {severity: ..., options: {...}}}`.\n\n| option | default | meaning |\n|---|---|---|\n"
            for o in d.options { out += "| `\(o.name)` | \(o.defaultValue) | \(o.summary) |\n" }
        }
        out += "\nSilence one finding with `<!-- poclint-disable-next-line \(d.id) -- reason -->` on the line before it.\n"
        return out
    }

    static func render(_ e: RuleExample) -> String {
        switch e {
        case .document(let md):
            return "```markdown\n\(md.hasSuffix("\n") ? md : md + "\n")```\n\n"
        case .section(let c, let body):
            let kind = RulePack.builtIn.profile(of: c).map { $0.id == "poc" ? "application" : "\($0.id) application" } ?? "application"
            return "In the \(c.title) of an otherwise complete \(kind):\n\n```markdown\n## \(c.heading)\n\n\(body)\n```\n\n"
        }
    }
}
