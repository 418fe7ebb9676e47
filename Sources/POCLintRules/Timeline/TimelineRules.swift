import POCLintCore

/// The POC window: 60 or 90 days.
public struct TimelineWindow: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "timeline-window",
        title: "No 60- or 90-day window",
        detail: "The longest length the timeline states (90 days, a 60-day plan, 12 weeks, 3 months; or the POC length stated in the introduction; or, failing both, the last milestone day) must be 60 or 90 days (8 or 12 weeks), or the `window:` of your configuration.",
        rationale: "The Bedrock POC program funds a 60- or 90-day window from credits applied to a production decision; an open or longer window reads as exploration.",
        severity: .error,
        component: .timeline,
        triggering: [
            .document("# Acme\n\n## Timeline\n\nPhase 1: build the pipeline. Phase 2: pilot with adjusters. Mid-point review against the 0.90 threshold, then a go/no-go decision if accuracy is at least 0.90.\n"),
            .section(.timeline, "A 6-month programme: mid-point review at month 3 against the 0.90 threshold, go/no-go decision at the end if accuracy is at least 0.90."),
        ],
        nonTriggering: [
            .section(.timeline, "90 days. Day 45: mid-point review against the 0.90 threshold. Day 90: go/no-go decision if accuracy is at least 0.90."),
            .section(.timeline, "- Day 1-20: pipeline\n- Day 30: mid-point review against the 0.90 threshold\n- Day 60: go/no-go decision if accuracy is at least 0.90"),
        ],
        options: [RuleOption("window", default: "60 or 90", "Required window in days (also `window:` at the top of .poclint.yml).")],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.timeline) else { return }
        let facts = context.timelineFacts
        let required = context.configuration.requiredWindow
        if let w = facts.window {
            if let std = TimelineFacts.standard(w.days) {
                if let required, required != std {
                    context.report(w.range, "The timeline runs \(w.days) days; this configuration requires a \(required)-day window.",
                                   suggestion: "Plan the POC in \(required) days.")
                }
            } else {
                context.report(w.range, "The timeline runs \(w.days) days; the POC program expects a 60- or 90-day window ending in a production decision.",
                               suggestion: "Cut the plan to \(required ?? 90) days, with the go/no-go on the last day.")
            }
            return
        }
        // No length given: a last milestone at day 60 or 90 still sets the window.
        if let last = facts.milestones.map(\.day).max(), let std = TimelineFacts.standard(last) {
            if let required, required != std {
                context.report(anchor, "The milestones end on day \(last); this configuration requires a \(required)-day window.")
            }
            return
        }
        context.report(anchor, "The timeline gives no 60- or 90-day window.",
                       suggestion: "State the window ('90 days from credits applied') and put milestones on days, ending with the go/no-go.")
    }
}

/// Milestones in order and inside the window.
public struct TimelineMilestones: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "timeline-milestones",
        title: "Milestones out of order or beyond the window",
        detail: "The first day of each milestone (a table row under a Day or Week column, a list item, a line starting with 'Day N') must not come before the previous one, and must not fall after the window's end (an error).",
        rationale: "Reviewers read the milestones as the plan; days out of order or after the window's end make the plan look unchecked.",
        severity: .warning,
        component: .timeline,
        triggering: [
            .section(.timeline, "A 90-day POC.\n\n- Day 45: mid-point review against the 0.90 threshold\n- Day 30: pilot starts\n- Day 90: go/no-go decision if accuracy is at least 0.90"),
            .section(.timeline, "A 90-day POC.\n\n- Day 45: mid-point review against the 0.90 threshold\n- Day 120: go/no-go decision if accuracy is at least 0.90"),
        ],
        nonTriggering: [
            .section(.timeline, "A 90-day POC.\n\n- Day 30: pilot starts\n- Day 45: mid-point review against the 0.90 threshold\n- Day 90: go/no-go decision if accuracy is at least 0.90"),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        let facts = context.timelineFacts
        let window = facts.window.flatMap { TimelineFacts.standard($0.days) }
        var previous: (day: Int, range: SourceRange)?
        for m in facts.milestones {
            if let window, m.day > window {
                context.report(m.range, "Day \(m.day) is beyond the \(window)-day window.", severity: .error,
                               suggestion: "Move the milestone inside the window or drop it from the POC plan.")
            } else if let p = previous, m.day < p.day {
                context.report(m.range, "Day \(m.day) comes after day \(p.day) in the plan; milestones should run in order.",
                               suggestion: "Order the milestones by day.")
            }
            previous = m
        }
    }
}

/// A mid-point review against the evaluation threshold.
public struct TimelineNoMidpoint: Rule {
    static let reviewWords = ASCIISearch("review", "checkpoint")
    public init() {}

    public let description = RuleDescription(
        id: "timeline-no-midpoint",
        title: "No mid-point review",
        detail: "The timeline names no mid-point review (rules/lexicon.yml `midpoint`) and no review on a day between 30% and 70% of the window.",
        rationale: "A mid-point review against the eval threshold shows the founder will know early whether the POC is on track.",
        severity: .warning,
        component: .timeline,
        triggering: [
            .section(.timeline, "90 days. Days 1-60: build and pilot. Day 90: go/no-go decision if accuracy is at least 0.90."),
        ],
        nonTriggering: [
            .section(.timeline, "90 days. Day 45: mid-point review against the 0.90 threshold. Day 90: go/no-go decision if accuracy is at least 0.90."),
            .section(.timeline, "60 days. Day 30: review of F1 against the 0.85 threshold. Day 60: go/no-go decision if F1 is at least 0.85."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.timeline) else { return }
        if !context.componentTerms("midpoint", .timeline).isEmpty { return }
        // "Day 30: review ..." in a 60-day plan counts as the mid-point.
        let facts = context.timelineFacts
        let window = facts.window.flatMap { TimelineFacts.standard($0.days) } ?? facts.milestones.map(\.day).max() ?? 90
        for ri in context.runs(.timeline) {
            let text = context.document.texts[ri]
            guard Self.reviewWords.occurs(in: text) else { continue }
            if context.quantities(ri).days.contains(where: { !$0.isLength && Double($0.day) >= 0.3 * Double(window) && Double($0.day) <= 0.7 * Double(window) }) {
                return
            }
        }
        context.report(anchor, "The timeline has no mid-point review.",
                       suggestion: "Add one, e.g. 'Day 45: mid-point review of accuracy against the 0.90 threshold'.")
    }
}

/// A go/no-go decision, with its criteria.
public struct TimelineDecision: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "timeline-decision",
        title: "No go/no-go decision, or one without criteria",
        detail: "The timeline names no go/no-go or production decision (rules/lexicon.yml `decision`), or names one with no criteria or threshold word in its paragraph or the next few.",
        rationale: "The POC ends in a production decision; reviewers want to see it and what it will be decided on (eval threshold met, cost validated, production readiness).",
        severity: .error,
        component: .timeline,
        triggering: [
            .section(.timeline, "90 days. Day 45: mid-point review against the 0.90 threshold. Day 90: wrap up."),
            .section(.timeline, "90 days. Day 45: mid-point review. Day 90: go/no-go decision."),
        ],
        nonTriggering: [
            .section(.timeline, "90 days. Day 45: mid-point review. Day 90: go/no-go decision, going to production if accuracy is at least 0.90 and cost per claim is under $0.07."),
        ],
        readsProse: false)

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.timeline) else { return }
        let decisionIndex = context.pack.term("decision")
        let runs = context.runs(.timeline)
        var decisions: [(run: Int, range: Range<Int>, position: Int)] = []
        for (position, ri) in runs.enumerated() {
            for m in context.matches(inRun: ri) where context.pack.entries[m.pattern].contains(PatternEntry(kind: .term, index: decisionIndex)) {
                decisions.append((ri, m.textRange, position))
            }
        }
        guard let last = decisions.last else {
            context.report(anchor, "The timeline ends without a go/no-go decision.",
                           suggestion: "End with it: 'Day 90: go/no-go decision for production, on these criteria: ...'.")
            return
        }
        // Criteria in a decision's paragraph, row, or the paragraphs or rows right after it.
        let hasCriteria = decisions.contains { d in
            runs[d.position..<min(runs.count, d.position + 4)].contains { ri in
                let len = context.document.texts[ri].bytes.count
                return context.hasTerm("criteria", run: ri, in: 0..<len) || context.hasTerm("threshold", run: ri, in: 0..<len)
            }
        }
        if !hasCriteria {
            context.report(context.document.texts[last.run].sourceRange(last.range),
                           "The go/no-go decision has no criteria.", severity: .warning,
                           suggestion: "Say what decides it: the eval threshold met, the cost per request validated, production readiness.")
        }
    }
}
