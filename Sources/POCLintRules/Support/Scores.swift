import POCLintCore

/// A number that reads as a score or a pass threshold: `0.90`, `90%`, `0.85 F1`.
struct ScoreFigure {
    /// Normalised to 0...1.
    let value: Double
    let run: Int
    let textRange: Range<Int>
    /// The metric the figure is a score of (normalised key), if one is named with it.
    let metrics: [String]
    /// Whether the sentence says it is a threshold (threshold, at least, target ...).
    let isThreshold: Bool
}

extension LintContext {
    /// Score-like figures in the runs of a component, with the metrics of their sentence.
    func scores(_ c: Component) -> [ScoreFigure] {
        memo("scores.\(c.rawValue)") {
            var out: [ScoreFigure] = []
            let metricIndex = pack.term("metric")
            for ri in runs(c) {
                let bytes = document.texts[ri].bytes
                // The figures of the run first: a metric belongs to one figure only.
                var figures: [(value: Double, range: Range<Int>)] = []
                for tok in quantities(ri).tokens {
                    guard case .number(let v, let dollar, let percent) = tok.kind, !dollar else { continue }
                    let hasDot = bytes[tok.range].contains(0x2E)
                    if percent && v > 0 && v <= 100 { figures.append((v / 100, tok.range)) }
                    else if hasDot && v > 0 && v < 1 { figures.append((v, tok.range)) }
                }
                guard !figures.isEmpty else { continue }
                let allMetrics = matches(inRun: ri).filter { pack.entries[$0.pattern].contains(PatternEntry(kind: .term, index: metricIndex)) }
                // Leftmost-longest: "factual accuracy", not also "accuracy".
                let runMetrics = allMetrics.filter { a in
                    !allMetrics.contains { b in b.textRange != a.textRange && b.textRange.lowerBound <= a.textRange.lowerBound && b.textRange.upperBound >= a.textRange.upperBound }
                }
                for (fi, figure) in figures.enumerated() {
                    let previousEnd = fi > 0 ? figures[fi - 1].range.upperBound : 0
                    let nextStart = fi + 1 < figures.count ? figures[fi + 1].range.lowerBound : bytes.count
                    // The metric named last before the figure, with no other figure between them
                    // ("accuracy of at least 0.90 and 70% of drafts": 70% has no metric; "Primary
                    // metric: factual accuracy ... The pass threshold is 0.90." keeps it); else one
                    // named right after it ("0.85 F1").
                    var metric = runMetrics.last { $0.textRange.upperBound <= figure.range.lowerBound && $0.textRange.lowerBound >= previousEnd }
                    if metric == nil {
                        metric = runMetrics.first { $0.textRange.lowerBound >= figure.range.upperBound && $0.textRange.lowerBound - figure.range.upperBound <= 16 && $0.textRange.upperBound <= nextStart }
                    }
                    let sentence = sentence(ri, around: figure.range)
                    out.append(ScoreFigure(value: figure.value, run: ri, textRange: figure.range,
                                           metrics: metric.map { [pack.keys[$0.pattern]] } ?? [],
                                           isThreshold: hasTerm("threshold", run: ri, in: sentence, includeLabel: true)))
                }
            }
            return out
        }
    }
}

/// Whether two metric names name the same metric ("factual accuracy" and "accuracy").
func sameMetric(_ a: String, _ b: String) -> Bool {
    a == b || a.hasSuffix(" " + b) || b.hasSuffix(" " + a)
}
