import POCLintCore

/// Reports each of the five required components the document lacks, at the place the
/// section belongs (before the next component in the canonical order, or after the last).
public struct MissingComponent: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "missing-component",
        title: "A required component is missing",
        detail: "Each of the five components must have a section: a heading (any level, numbered or setext) or a bold lead-in label whose text matches a synonym in rules/components.yml, or, failing that and when headings name at least one other component, a section whose own text carries enough of the component's content cues (rules/components.yml `cues`).",
        rationale: "Reviewers check the five components (use case, model selection rationale, evaluation methodology, budget projection, POC timeline) one by one; a missing one puts the application at risk of rejection.",
        severity: .error,
        component: nil,
        triggering: [
            .document("# Acme\n\n## Use case\n\nAdjusters get draft replies to warranty claims.\n\n## Budget\n\nTotal $1,900 a month.\n"),
        ],
        nonTriggering: [
            .document("# Acme\n\n## Problem\n\nx\n\n## Why Claude Sonnet 4\n\nx\n\n## Success metrics\n\nx\n\n## Cost projection\n\nx\n\n## Milestones\n\nx\n"),
            .document("# Acme\n\n**Use case.** x\n\n**Model choice.** x\n\n**Evaluation.** x\n\n**Budget.** x\n\n**Timeline.** x\n"),
        ],
        readsProse: false,
        profiles: ["any"])

    public func check(_ context: LintContext) {
        let doc = context.document
        let order = context.profile.componentIDs
        let present = order.filter { context.components[$0] != nil }
        let rank = { (c: Component) in order.firstIndex(of: c)! }
        for c in order where context.components[c] == nil {
            let t = Self.texts(c, components: order.count)
            let heading = t.heading
            let next = present.filter { rank($0) > rank(c) }.compactMap { n in context.components[n].map { doc.sections[$0.section] } }
                .min { $0.range.start < $1.range.start }
            let previous = present.filter { rank($0) < rank(c) }.compactMap { p in context.components[p].map { doc.sections[$0.section] } }
                .max { $0.range.start < $1.range.start }
            let message = t.message
            if let next {
                let level = next.kind == .heading ? next.level : 2
                let at = doc.blocks[next.block].range.start
                context.report(next.titleRange, message, component: c,
                               suggestion: "Add a '\(heading)' section before '\(next.title)'.",
                               fix: skeletonFix(c, level: level, at: at, before: true))
            } else if let previous {
                let level = previous.kind == .heading ? previous.level : 2
                context.report(previous.titleRange, message, component: c,
                               suggestion: "Add a '\(heading)' section after '\(previous.title)'.",
                               fix: skeletonFix(c, level: level, at: previous.range.end, before: false, text: context.source))
            } else {
                let first = context.source.lineContentRange(1)
                context.report(first, message, component: c,
                               suggestion: "Add a '\(heading)' section.",
                               fix: skeletonFix(c, level: 2, at: context.source.bytes.count, before: false, text: context.source))
            }
        }
    }

    func skeletonFix(_ c: Component, level: Int, at offset: Int, before: Bool, text: SourceText? = nil) -> Fix {
        let t = Self.texts(c, components: 0)
        // The new section: its heading at `level`, a placeholder comment, then a blank line.
        let section = t.sections[max(1, min(level, 6)) - 1]
        var insert = section
        if !before, let text {
            // Appending after a section: make sure a blank line separates it.
            let bytes = text.bytes
            let endsWithNewline = offset > 0 && (bytes[offset - 1] == 0x0A)
            let endsWithBlank = offset > 1 && bytes[offset - 1] == 0x0A && bytes[offset - 2] == 0x0A
            insert = (endsWithBlank ? "" : endsWithNewline ? "\n" : "\n\n") + section
            if offset >= bytes.count { insert.removeLast() }
        }
        return Fix(title: t.fixTitle, edits: [TextEdit(range: SourceRange(offset, offset), replacement: insert)], isSafe: true)
    }

    /// What a missing component's finding says, which depends only on the component and the
    /// number of components: made once per run for the built-in profiles' components (every
    /// file that is not an application gets these five findings), on demand for others.
    struct Texts: Sendable {
        let message: String
        let heading: String
        let fixTitle: String
        /// `# Heading\n\n<!-- placeholder -->\n\n` for heading levels 1 to 6.
        let sections: [String]

        init(_ c: Component, components count: Int) {
            let title = c.title
            heading = c.heading
            message = "Missing component: \(title). Reviewers score \(count == 5 ? "five" : String(count)) components; an application without its \(title) is at risk of rejection."
            fixTitle = "Insert a '\(heading)' section"
            let body = "<!-- poclint: write the \(title) here -->"
            sections = (1...6).map { [heading] level in String(repeating: "#", count: level) + " " + heading + "\n\n" + body + "\n\n" }
        }
    }

    private struct Key: Hashable {
        let component: Component
        let count: Int
    }

    private static let builtInTexts: [Key: Texts] = {
        var out: [Key: Texts] = [:]
        for p in RulePack.builtIn.profiles {
            for c in p.componentIDs {
                out[Key(component: c, count: p.componentIDs.count)] = Texts(c, components: p.componentIDs.count)
                out[Key(component: c, count: 0)] = Texts(c, components: 0)
            }
        }
        return out
    }()

    static func texts(_ c: Component, components count: Int) -> Texts {
        builtInTexts[Key(component: c, count: count)] ?? Texts(c, components: count)
    }
}
