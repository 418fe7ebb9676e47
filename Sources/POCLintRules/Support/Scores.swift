import POCLintCore

/// A number that reads as a score or a pass threshold: `0.90`, `90%`, `0.85 F1`.
struct ScoreFigure {
    /// Normalised to 0...1.
    let value: Double
    let run: Int
    let textRange: Range<Int>
    /// Metric words of the same sentence (normalised keys).
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
                for tok in quantities(ri).tokens {
                    guard case .number(let v, let dollar, let percent) = tok.kind, !dollar else { continue }
                    let hasDot = bytes[tok.range].contains(0x2E)
                    let value: Double
                    if percent && v > 0 && v <= 100 { value = v / 100 } else if hasDot && v > 0 && v < 1 { value = v } else { continue }
                    let sentence = sentence(ri, around: tok.range)
                    // The metric nearest the figure in its sentence ("accuracy of at least 0.90, acceptance of 70%").
                    var nearest: (distance: Int, key: String)?
                    let allMetrics = matches(inRun: ri).filter { pack.entries[$0.pattern].contains(PatternEntry(kind: .term, index: metricIndex)) }
                    // Leftmost-longest: "factual accuracy", not also "accuracy".
                    let runMetrics = allMetrics.filter { a in
                        !allMetrics.contains { b in b.textRange != a.textRange && b.textRange.lowerBound <= a.textRange.lowerBound && b.textRange.upperBound >= a.textRange.upperBound }
                    }
                    // In the sentence; else the last metric named before it in the same paragraph or item
                    // ("Primary metric: factual accuracy ... The pass threshold is 0.90.").
                    var candidates = runMetrics.filter { sentence.contains($0.textRange.lowerBound) }
                    if candidates.isEmpty, let last = runMetrics.last(where: { $0.textRange.upperBound <= tok.range.lowerBound }) {
                        candidates = [last]
                    }
                    for m in candidates {
                        let d = m.textRange.upperBound <= tok.range.lowerBound
                            ? tok.range.lowerBound - m.textRange.upperBound
                            : m.textRange.lowerBound - tok.range.upperBound + 8
                        if nearest == nil || d < nearest!.distance { nearest = (d, pack.keys[m.pattern]) }
                    }
                    let metrics = nearest.map { [$0.key] } ?? []
                    out.append(ScoreFigure(value: value, run: ri, textRange: tok.range, metrics: metrics,
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
