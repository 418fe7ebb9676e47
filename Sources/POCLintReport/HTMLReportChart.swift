import POCLintCore

/// The scorecard as inline SVG: one horizontal bar per component, 0-100, coloured by band,
/// with the component's name, its score and its band in words beside it (never colour alone),
/// and dashed lines at the bars the tiers ask of every component.
enum HTMLScoreChart {
    /// The band of a component score, in words a founder reads.
    enum Band: String {
        case strong, fair, weak, missing

        init(score: Double, present: Bool, ceilingBar: Double, standardBar: Double) {
            if !present || score <= 0 { self = .missing }
            else if score >= ceilingBar { self = .strong }
            else if score >= standardBar { self = .fair }
            else { self = .weak }
        }

        /// Fill colours with at least 3:1 contrast on white (WCAG non-text contrast).
        var fill: String {
            switch self {
            case .strong: "#1e7b34"
            case .fair: "#9a5b00"
            case .weak: "#b42318"
            case .missing: "#6b7280"
            }
        }
    }

    /// The lowest component score the two best tiers ask for, from the rubric (POC: ceiling
    /// 75, standard 40), with their names.
    static func bars(_ tiers: [ScoringFile.TierSpec]) -> (ceiling: Double, standard: Double, names: (String, String)) {
        let top = tiers.first
        let second = tiers.dropFirst().first
        return (top?.min_component ?? 75, second?.min_component ?? 40,
                (top?.id.words ?? "ceiling", second?.id.words ?? "standard"))
    }

    /// A compact layout that stays legible from a phone (about 360 px) to a desktop column:
    /// each component's name and score above its bar.
    static func svg(_ p: Prediction, tiers: [ScoringFile.TierSpec]) -> String {
        let (ceilingBar, standardBar, names) = bars(tiers)
        let width = 400.0
        let x0 = 2.0
        let trackWidth = width - 2 * x0
        let top = 26.0
        let rowHeight = 50.0
        let barHeight = 18.0
        let height = top + rowHeight * Double(max(p.components.count, 1)) - 6
        func x(_ score: Double) -> Double { x0 + trackWidth * min(max(score, 0), 100) / 100 }
        func n(_ v: Double) -> String { Scorecard.formatted(v) }

        var desc: [String] = []
        for c in p.components {
            let band = Band(score: c.score, present: c.present, ceilingBar: ceilingBar, standardBar: standardBar)
            desc.append("\(Scorecard.componentTitle(c.component)) \(c.present ? n(c.score) : "0") (\(band.rawValue))")
        }
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"100%\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">"
        out += "<title id=\"chart-title\">Score of each component, 0 to 100</title>"
        out += "<desc id=\"chart-desc\">\(HTMLText.escape(desc.joined(separator: "; ")))</desc>"
        // The scale, and the bars the tiers ask every component to reach.
        for (v, label) in [(0.0, "0"), (standardBar, "\(n(standardBar)) \(names.1)"), (ceilingBar, "\(n(ceilingBar)) \(names.0)"), (100.0, "100")] {
            let xv = x(v)
            let dashed = v != 0 && v != 100
            if dashed {
                out += "<line x1=\"\(n(xv))\" y1=\"\(n(top - 8))\" x2=\"\(n(xv))\" y2=\"\(n(height))\" stroke=\"#57606a\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
            }
            let anchor = v == 0 ? "start" : v == 100 ? "end" : "middle"
            out += "<text x=\"\(n(xv))\" y=\"\(n(top - 12))\" text-anchor=\"\(anchor)\" class=\"axis\" font-size=\"12\" fill=\"#424a53\">\(HTMLText.escape(label))</text>"
        }
        for (i, c) in p.components.enumerated() {
            let y = top + rowHeight * Double(i)
            let band = Band(score: c.score, present: c.present, ceilingBar: ceilingBar, standardBar: standardBar)
            let score = c.present ? c.score : 0
            let name = Scorecard.componentTitle(c.component)
            out += "<g class=\"row\" data-component=\"\(c.component.rawValue)\">"
            out += "<text class=\"name\" x=\"\(n(x0))\" y=\"\(n(y + 13))\" font-size=\"15\" fill=\"#1f2328\">\(HTMLText.escape(name))</text>"
            out += "<text class=\"value\" x=\"\(n(x0 + trackWidth))\" y=\"\(n(y + 13))\" text-anchor=\"end\" font-size=\"15\" fill=\"#1f2328\">"
            out += "<tspan font-weight=\"700\">\(n(score))</tspan><tspan fill=\"\(band == .missing || band == .weak ? "#b42318" : "#424a53")\"> \(band.rawValue)</tspan></text>"
            out += "<rect class=\"track\" x=\"\(n(x0))\" y=\"\(n(y + 19))\" width=\"\(n(trackWidth))\" height=\"\(n(barHeight))\" fill=\"#eef1f4\" rx=\"3\"/>"
            out += "<rect class=\"bar band-\(band.rawValue)\" data-component=\"\(c.component.rawValue)\" data-score=\"\(n(score))\" x=\"\(n(x0))\" y=\"\(n(y + 19))\" width=\"\(n(x(score) - x0))\" height=\"\(n(barHeight))\" fill=\"\(band.fill)\" rx=\"3\"/>"
            out += "</g>"
        }
        return out + "</svg>"
    }
}
