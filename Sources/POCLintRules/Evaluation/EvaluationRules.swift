import POCLintCore

/// One check of the evaluation methodology: a description and the evidence it needs.
protocol EvaluationCheck: Rule {
    /// Whether the evaluation section has the evidence.
    func satisfied(_ context: LintContext) -> Bool
    var message: String { get }
    var advice: String { get }
}

extension EvaluationCheck {
    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.evaluation) else { return }
        if !satisfied(context) {
            context.report(anchor, message, suggestion: advice)
        }
    }
}

/// The size of the test set.
public struct EvalNoTestSetSize: EvaluationCheck {
    public init() {}
    public let description = RuleDescription(
        id: "eval-no-test-set-size",
        title: "Test set without a size",
        detail: "The evaluation section has no count followed by a test unit (300 examples, a 400-claim set, 250 invoices).",
        rationale: "A defined test set starts with its size: 'our test set' of unknown size cannot support a pass threshold.",
        severity: .warning, component: .evaluation,
        triggering: [.section(.evaluation, "We evaluate on a labelled test set drawn from real tickets, weekly, with F1 and a 0.85 threshold; regressions are tracked per prompt version.")],
        nonTriggering: [.section(.evaluation, "We evaluate on 300 real tickets labelled by two agents, weekly, with F1 and a 0.85 threshold; regressions are tracked per prompt version."),
                        .section(.evaluation, "A 300-example set labelled by two agents, weekly, F1 at least 0.85, regressions tracked per prompt version.")],
        readsProse: false)
    let message = "The evaluation does not say how large the test set is."
    let advice = "Give the size and unit, e.g. '400 closed claims sampled from January to June 2026'."

    func satisfied(_ context: LintContext) -> Bool { !Self.sizes(context).isEmpty }

    /// Each count of a test set: a whole number of 10 or more followed, within a few words, by
    /// a unit of rules/lexicon.yml `test-unit` ("400 closed claims", "a 300-example set").
    static func sizes(_ context: LintContext) -> [(run: Int, range: Range<Int>)] {
        let units = Set(context.pack.lexicon.terms["test-unit"]?.map { Normalizer.key($0).split(separator: " ").last.map(String.init) ?? "" } ?? [])
        var out: [(run: Int, range: Range<Int>)] = []
        for ri in context.runs(.evaluation) {
            let toks = context.quantities(ri).tokens
            for (i, t) in toks.enumerated() {
                guard case .number(let v, false, false) = t.kind, v >= 10, v == v.rounded() else { continue }
                for j in (i + 1)..<min(i + 6, toks.count) {
                    if let w = toks[j].word, units.contains(w) {
                        out.append((ri, t.range.lowerBound..<toks[j].range.upperBound))
                        break
                    }
                    if toks[j].number != nil || toks[j].isSymbol(0x2E) || toks[j].isSymbol(0x2C) { break }
                }
            }
        }
        return out
    }
}

/// Where the test set comes from and who labelled it.
public struct EvalNoSource: EvaluationCheck {
    public init() {}
    public let description = RuleDescription(
        id: "eval-no-test-set-source",
        title: "Test set without a source or labeller",
        detail: "The evaluation section does not say where the test set comes from or who labelled it (rules/lexicon.yml `labelling`).",
        rationale: "Reviewers trust a test set when they know where it comes from and who labelled it (domain experts, two annotators with agreement).",
        severity: .warning, component: .evaluation,
        triggering: [.section(.evaluation, "We run 300 examples weekly and report F1 with a 0.85 threshold; regressions are tracked per prompt version.")],
        nonTriggering: [.section(.evaluation, "We run 300 real tickets labelled by two support leads weekly and report F1 with a 0.85 threshold; regressions are tracked per prompt version.")],
        readsProse: false)
    static let fromWord = ASCIISearch(" from ")
    let message = "The evaluation does not say where the test set comes from or who labelled it."
    let advice = "E.g. 'sampled from 2026 closed claims; two senior adjusters labelled each one (kappa 0.82)'."

    func satisfied(_ context: LintContext) -> Bool {
        if !context.componentTerms("labelling", .evaluation).isEmpty { return true }
        // "400 pull requests from 30 open-source repositories": the sentence of the size says where from.
        return EvalNoTestSetSize.sizes(context).contains { ri, range in
            let text = context.document.texts[ri]
            let sentence = context.sentence(ri, around: range)
            return Self.fromWord.occurs(in: text, range.upperBound..<sentence.upperBound)
        }
    }
}

/// How often the evaluation runs.
public struct EvalNoCadence: EvaluationCheck {
    public init() {}
    public let description = RuleDescription(
        id: "eval-no-cadence",
        title: "Evaluation without a cadence",
        detail: "The evaluation section gives no cadence (rules/lexicon.yml `cadence`: weekly, nightly, on every prompt change ...).",
        rationale: "An evaluation run once proves little; a cadence (weekly, on every prompt change) shows the quality will be watched through the POC.",
        severity: .warning, component: .evaluation,
        triggering: [.section(.evaluation, "300 real tickets labelled by two support leads; F1 with a 0.85 threshold; regressions tracked per prompt version.")],
        nonTriggering: [.section(.evaluation, "300 real tickets labelled by two support leads, run weekly; F1 with a 0.85 threshold; regressions tracked per prompt version.")],
        readsProse: false)
    let message = "The evaluation does not say how often it runs."
    let advice = "E.g. 'the full set runs weekly and on every prompt or model change'."

    func satisfied(_ context: LintContext) -> Bool { !context.componentTerms("cadence", .evaluation).isEmpty }
}

/// A named metric.
public struct EvalNoMetric: EvaluationCheck {
    public init() {}
    public let description = RuleDescription(
        id: "eval-no-metric",
        title: "Evaluation without a named metric",
        detail: "The evaluation section names no metric (rules/lexicon.yml `metric`: F1, accuracy, exact match, ROUGE, win rate, groundedness ...).",
        rationale: "'We will check quality over time' cannot be scored; reviewers expect a primary metric (F1, accuracy, exact match, win rate, groundedness ...).",
        severity: .error, component: .evaluation,
        triggering: [.section(.evaluation, "The team will review outputs from 300 real tickets labelled by support leads, weekly, and compare prompt versions.")],
        nonTriggering: [.section(.evaluation, "300 real tickets labelled by support leads, weekly; accuracy of the routing decision must reach 0.90; results compared across prompt versions.")],
        readsProse: false)
    let message = "The evaluation names no metric; reviewers cannot score 'quality' without one."
    let advice = "Name the primary metric, e.g. 'F1 of the extracted fields' or 'factual accuracy against the policy'."

    func satisfied(_ context: LintContext) -> Bool { !context.componentTerms("metric", .evaluation).isEmpty }
}

/// A numeric pass threshold.
public struct EvalNoThreshold: EvaluationCheck {
    public init() {}
    public let description = RuleDescription(
        id: "eval-no-threshold",
        title: "Evaluation without a numeric pass threshold",
        detail: "No score-like figure (0.90, 85%) in the evaluation section stands next to a metric or a threshold word (threshold, at least, target, pass).",
        rationale: "A metric without a pass threshold cannot decide anything; the threshold is what the mid-point review and the go/no-go are judged against.",
        severity: .error, component: .evaluation,
        triggering: [.section(.evaluation, "300 real tickets labelled by support leads, run weekly; we track F1 and compare it across prompt versions.")],
        nonTriggering: [.section(.evaluation, "300 real tickets labelled by support leads, run weekly; F1 must reach 0.85; compared across prompt versions."),
                        .section(.evaluation, "300 real tickets labelled by support leads, run weekly; the pass threshold is 85% accuracy; compared across prompt versions.")],
        readsProse: false)
    let message = "The evaluation gives no numeric pass threshold."
    let advice = "State the bar, e.g. 'the pass threshold is 0.90 factual accuracy'."

    func satisfied(_ context: LintContext) -> Bool {
        context.scores(.evaluation).contains { !$0.metrics.isEmpty || $0.isThreshold }
    }
}

/// Tracking across model and prompt versions.
public struct EvalNoRegressionTracking: EvaluationCheck {
    public init() {}
    public let description = RuleDescription(
        id: "eval-no-regression-tracking",
        title: "No regression tracking across versions",
        detail: "The evaluation section does not track results across versions (rules/lexicon.yml `regression`: previous version, prompt version, baseline, regression suite ...).",
        rationale: "Prompts and models change during a POC; reviewers reward an evaluation that compares each version with the last and catches regressions.",
        severity: .warning, component: .evaluation,
        triggering: [.section(.evaluation, "300 real tickets labelled by support leads, run weekly; F1 must reach 0.85.")],
        nonTriggering: [.section(.evaluation, "300 real tickets labelled by support leads, run weekly; F1 must reach 0.85; each prompt version is compared with the previous version.")],
        readsProse: false)
    let message = "The evaluation does not track results across model or prompt versions."
    let advice = "E.g. 'every run is stored with its prompt and model version; a drop of more than 2 points blocks the release'."

    func satisfied(_ context: LintContext) -> Bool { !context.componentTerms("regression", .evaluation).isEmpty }
}
