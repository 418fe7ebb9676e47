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
                    var metrics: [String] = []
                    for m in matches(inRun: ri) where sentence.contains(m.textRange.lowerBound)
                        && pack.entries[m.pattern].contains(PatternEntry(kind: .term, index: metricIndex)) {
                        metrics.append(pack.keys[m.pattern])
                    }
                    out.append(ScoreFigure(value: value, run: ri, textRange: tok.range, metrics: metrics,
                                           isThreshold: hasTerm("threshold", run: ri, in: sentence, includeLabel: true)))
                }
            }
            return out
        }
    }
}
