import POCLintCore

/// What the HTML report needs besides the lint result.
public struct HTMLReportOptions: Sendable {
    /// Rule page links (`helpURL`) and the tool's version.
    public var report: ReportOptions
    /// The day the report was made, `YYYY-MM-DD`.
    public var date: String
    /// The price catalog's "as of" date (`models.as_of` of the rule pack).
    public var catalogAsOf: String?
    /// The tiers of each profile's rubric in use, with their awards and bars.
    public var tiersByProfile: [String: [ScoringFile.TierSpec]]

    /// The tiers of a profile (the POC profile's when unknown).
    public func tiers(_ profile: String) -> [ScoringFile.TierSpec] {
        tiersByProfile[profile] ?? tiersByProfile["poc"] ?? []
    }

    /// Options for a run with `configuration` (its catalog date and its rubric's tiers).
    public init(report: ReportOptions = ReportOptions(), date: String, configuration: Configuration = Configuration()) {
        self.report = report
        self.date = date
        self.catalogAsOf = configuration.pack.models.as_of
        self.tiersByProfile = Dictionary(uniqueKeysWithValues: configuration.pack.profiles.map { ($0.id, $0.scoring.tiers) })
    }
}

/// `poclint report`: one self-contained HTML page a founder can read and a partner can send.
/// Inline CSS and SVG only, no script, nothing loaded from elsewhere (a Content Security
/// Policy says so too): the predicted tier, the scorecard as a chart, the fixes that raise
/// the tier, the credit runway, and the application rendered from poclint's own document tree
/// with every finding highlighted where it is.
public struct HTMLReport {
    public init() {}

    /// The marker the CLI looks for before it overwrites a file: only its own reports.
    public static let generatorPrefix = "poclint report"

    public func render(_ file: FileReport, options: HTMLReportOptions) -> String {
        let result = file.result
        let p = result.prediction
        let counts = SeverityCounts(result.diagnostics)
        let heading = result.document.titleSection?.title.trimmingASCIISpaces()
        let title = (heading?.isEmpty == false ? heading! : file.path)
        var pageTitle = "Review: \(title)"
        if let p { pageTitle += " (\(p.tier.words), \(Scorecard.award(p.award)))" }
        let renderer = HTMLDocumentRenderer(result: result, options: options.report)

        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
        <meta name="referrer" content="no-referrer">
        <meta name="generator" content="\(Self.generatorPrefix) \(HTMLText.escape(options.report.toolVersion))">
        <title>\(HTMLText.escape(pageTitle))</title>
        <style>\(HTMLReportStyle.css)</style>
        </head>
        <body>
        <header class="top">
        <p class="kicker">\(HTMLText.escape(kicker(result))) · review by poclint</p>
        <h1>\(HTMLText.escape(title))</h1>
        <p class="file">\(HTMLText.escape(file.path)) · \(HTMLText.escape(options.date))</p>
        </header>
        <main>

        """
        let predictions = result.predictions
        if predictions.isEmpty { out += outcome(result, nil, counts, options) }
        for (i, p) in predictions.enumerated() {
            var part = outcome(result, p, counts, options, titled: predictions.count > 1)
            part += fixes(result, p, options)
            part += p.profile == "poc" ? runway(p) : award(p)
            // A second application in the same document: its own ids.
            out += i == 0 ? part : Self.prefixIDs(part, "p\(i + 1)-")
        }
        out += """
        <section class="application" aria-labelledby="h-application">
        <h2 id="h-application">The application, with its findings</h2>
        <p class="legend">Each finding is highlighted where it is
        (<mark class="sample sev-error">error</mark> <mark class="sample sev-warning">warning</mark>
        <mark class="sample sev-info">info</mark>) and numbered; its note says what is wrong, how to fix it,
        and links to the rule's page. HTML in the application is shown as text, never run.</p>
        <div class="doc">
        \(renderer.render())</div>
        </section>
        </main>

        """
        out += footer(options)
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: Sections

    private func tierAward(_ t: Tier, _ profile: String, _ options: HTMLReportOptions) -> Double {
        options.tiers(profile).first { $0.id == t }?.award ?? 0
    }

    /// The applications the document holds, for the page's kicker line.
    private func kicker(_ result: LintResult) -> String {
        let titles = result.parts.map { RulePack.builtIn.profile($0.part.profile)?.title ?? $0.part.profile }
        return titles.isEmpty ? "Bedrock POC credit application" : titles.joined(separator: " + ")
    }

    /// The ids (and the references to them) of a chunk of the page, prefixed.
    static func prefixIDs(_ html: String, _ prefix: String) -> String {
        html.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)")
            .replacingOccurrences(of: "aria-labelledby=\"chart-title chart-desc\"", with: "aria-labelledby=\"\(prefix)chart-title \(prefix)chart-desc\"")
            .replacingOccurrences(of: "aria-labelledby=\"h-", with: "aria-labelledby=\"\(prefix)h-")
            .replacingOccurrences(of: "href=\"#to-next\"", with: "href=\"#\(prefix)to-next\"")
    }

    /// The signals the tiers require and the tranche schedule (profiles without a budget runway).
    private func award(_ p: Prediction) -> String {
        var out = "<section class=\"runway\" aria-labelledby=\"h-award\">\n<h2 id=\"h-award\">Signals and tranches</h2>\n"
        if !p.signals.isEmpty {
            out += "<ul class=\"runway-lines\">\n"
            for s in p.signals {
                out += "<li>\(s.met ? "✓ met" : "✗ not met"): <b>\(HTMLText.escape(s.title))</b> (\(HTMLText.escape(s.detail)))</li>\n"
            }
            out += "</ul>\n"
        }
        if let t = Scorecard.trancheSentence(p) {
            out += "<p>\(HTMLText.escape(t)). AWS does not publish how awards are released; this schedule is poclint's model.</p>\n"
        } else {
            out += "<p>No award is predicted, so no tranches.</p>\n"
        }
        return out + "</section>\n\n"
    }

    private func outcome(_ result: LintResult, _ p: Prediction?, _ counts: SeverityCounts, _ options: HTMLReportOptions,
                         titled: Bool = false) -> String {
        let findings = "\(counts.total) finding\(counts.total == 1 ? "" : "s"): \(counts.phrase)"
        guard let p else {
            return """
            <section class="outcome" aria-labelledby="h-outcome">
            <h2 id="h-outcome">Findings</h2>
            <p class="counts">\(findings)</p>
            </section>

            """
        }
        let tier = p.tier.rawValue
        var out = """
        <section class="outcome" aria-labelledby="h-outcome">
        <h2 id="h-outcome">Predicted outcome\(titled ? ": " + HTMLText.escape(RulePack.builtIn.profile(p.profile)?.title ?? p.profile) : "")</h2>
        <div class="outcome-grid">
        <div class="verdict">
        <p class="badge tier-\(tier)" id="badge" data-tier="\(tier)"><span class="badge-label">predicted</span> <span class="badge-tier">\(HTMLText.escape(p.tier.words))</span> <span class="badge-award">\(Scorecard.award(p.award))</span></p>
        <p class="score" id="score"><span class="score-num">\(Scorecard.formatted(p.overall))</span><span class="score-of"> / 100 overall score</span></p>
        <p class="counts">\(findings)</p>
        <ol class="ladder" aria-label="The \(options.tiers(p.profile).count) outcomes, best first">

        """
        for spec in options.tiers(p.profile) {
            let t = spec.id
            let current = t == p.tier
            out += "<li class=\"tier-\(t.rawValue)\(current ? " current" : "")\"><span class=\"ladder-tier\">\(t.words)</span> <span class=\"ladder-award\">\(Scorecard.award(spec.award))</span>"
            out += current ? " <span class=\"here\">this draft</span>" : ""
            out += "<span class=\"ladder-meaning\">\(HTMLText.escape(spec.meaning ?? ""))</span></li>\n"
        }
        let (ceilingBar, standardBar, barNames) = HTMLScoreChart.bars(options.tiers(p.profile))
        out += """
        </ol>
        </div>
        <div class="scorecard">
        <h3>Scorecard</h3>
        \(HTMLScoreChart.svg(p, tiers: options.tiers(p.profile)))
        <p class="chart-legend">Bands: <b>strong</b> \(Scorecard.formatted(ceilingBar)) or more (the \(barNames.0) needs every component here),
        <b>fair</b> \(Scorecard.formatted(standardBar))–\(Scorecard.formatted(ceilingBar - 1)) (\(barNames.1) needs \(Scorecard.formatted(standardBar))), <b>weak</b> below \(Scorecard.formatted(standardBar)),
        <b>missing</b> 0 (a missing component means rejection risk).</p>
        </div>
        </div>
        <div class="table-wrap"><table class="components">
        <thead><tr><th scope="col">Component</th><th scope="col">Score</th><th scope="col">What poclint found</th><th scope="col">What cost points</th></tr></thead>
        <tbody>

        """
        for c in p.components {
            let band = HTMLScoreChart.Band(score: c.score, present: c.present, ceilingBar: ceilingBar, standardBar: standardBar)
            var evidence = c.evidence.filter { !$0.hasPrefix("section: ") }.map(HTMLText.escape).joined(separator: "; ")
            if let a = result.components[c.component], a.section < result.document.sections.count {
                let s = result.document.sections[a.section]
                let link = "in <a href=\"#b-\(s.block)\">\(HTMLText.escape(s.title.trimmingASCIISpaces()))</a>"
                evidence = evidence.isEmpty ? link : link + ": " + evidence
            }
            if !c.present { evidence = "missing: no section for it" }
            let costs = c.costs.map { "<a class=\"rule\" href=\"\(HTMLText.escape(options.report.helpURL($0.ruleID)))\">\(HTMLText.escape($0.ruleID))</a> −\(Scorecard.formatted($0.points))" }
                .joined(separator: ", ")
            out += "<tr class=\"band-\(band.rawValue)\"><th scope=\"row\">\(HTMLText.escape(c.component.title))</th>"
            out += "<td class=\"num\" data-label=\"score\"><b>\(c.present ? Scorecard.formatted(c.score) : "0")</b> <span class=\"band\">\(band.rawValue)</span></td>"
            out += "<td data-label=\"found\">\(evidence.isEmpty ? "–" : evidence)</td><td data-label=\"cost points\">\(costs.isEmpty ? "–" : costs)</td></tr>\n"
        }
        out += "</tbody></table></div>\n</section>\n\n"
        return out
    }

    /// The number of the finding a fix resolves (findings are numbered in document order).
    private func number(of f: RankedFix, in result: LintResult) -> Int? {
        (result.diagnostics.firstIndex { $0.ruleID == f.ruleID && $0.range == f.range && $0.message == f.message }
            ?? result.diagnostics.firstIndex { $0.ruleID == f.ruleID && $0.range == f.range }).map { $0 + 1 }
    }

    private func fixItem(_ f: RankedFix, _ result: LintResult, _ options: HTMLReportOptions, compact: Bool = false) -> String {
        let line = result.document.source.location(of: f.range.start).line
        let where_ = number(of: f, in: result).map { "<a href=\"#f-\($0)\">line \(line)</a> (finding \($0))" } ?? "line \(line)"
        var out = "<li><span class=\"pts\">+\(Scorecard.formatted(f.points))</span> "
        if compact {
            var first = Scorecard.firstSentence(f.message)
            if first.hasSuffix(";") { first = String(first.dropLast()) + "." }
            out += "<div class=\"fix-body\"><p class=\"fix-msg\">\(HTMLText.escape(first))"
            out += " <span class=\"fix-meta\">\(where_) · <a class=\"rule\" href=\"\(HTMLText.escape(options.report.helpURL(f.ruleID)))\">\(HTMLText.escape(f.ruleID))</a></span></p>"
            return out + "</div></li>\n"
        }
        out += "<div class=\"fix-body\"><p class=\"fix-msg\">\(HTMLText.escape(f.message))</p>"
        out += "<p class=\"fix-meta\">\(where_) · <a class=\"rule\" href=\"\(HTMLText.escape(options.report.helpURL(f.ruleID)))\">\(HTMLText.escape(f.ruleID))</a>"
        if let c = f.component { out += " · \(HTMLText.escape(c.title))" }
        out += "</p>"
        if let s = f.suggestion, !s.isEmpty { out += "<p class=\"help\"><span class=\"help-label\">How to fix:</span> \(HTMLText.escape(s))</p>" }
        return out + "</div></li>\n"
    }

    private func fixes(_ result: LintResult, _ p: Prediction, _ options: HTMLReportOptions) -> String {
        var out = "<section class=\"fixes\" aria-labelledby=\"h-fixes\">\n<h2 id=\"h-fixes\">What would raise the tier</h2>\n"
        out += "<p class=\"explain\">Each fix lists the points it adds to the overall score once the finding is resolved.</p>\n"
        if let next = p.nextTier {
            let award = Scorecard.award(tierAward(next, p.profile, options))
            if !p.fixesToNextTier.isEmpty {
                let n = p.fixesToNextTier.count
                out += "<h3 id=\"to-next\">Fix \(n == 1 ? "this one" : "these \(n)") to reach \(next.words) (\(award))</h3>\n<ol class=\"fixlist next\">\n"
                for f in p.fixesToNextTier { out += fixItem(f, result, options) }
                out += "</ol>\n"
                let rest = p.fixes.filter { f in !p.fixesToNextTier.contains(f) }
                if !rest.isEmpty {
                    out += "<h3>Other fixes that add points</h3>\n<ol class=\"fixlist compact\">\n"
                    for f in rest { out += fixItem(f, result, options, compact: true) }
                    out += "</ol>\n"
                }
            } else if !p.fixes.isEmpty {
                out += "<p>No set of fixes among these findings reaches \(next.words) (\(award)) on its own: a missing or weak component needs more writing. The fixes that add the most points:</p>\n<ol class=\"fixlist\">\n"
                for f in p.fixes { out += fixItem(f, result, options) }
                out += "</ol>\n"
            } else {
                out += "<p>No finding here costs points; the tier is held back by what is not written yet.</p>\n"
            }
        } else {
            out += "<p>This draft is predicted at the ceiling, the top award.</p>\n"
            if !p.fixes.isEmpty {
                out += "<h3>Findings that still cost points</h3>\n<ol class=\"fixlist\">\n"
                for f in p.fixes { out += fixItem(f, result, options) }
                out += "</ol>\n"
            }
        }
        return out + "</section>\n\n"
    }

    private func runway(_ p: Prediction) -> String {
        var out = "<section class=\"runway\" aria-labelledby=\"h-runway\">\n<h2 id=\"h-runway\">Credit runway</h2>\n"
        if let r = p.runway {
            out += "<p>At the budget's projected spend of <b>\(Scorecard.dollars(r.monthlySpend)) a month</b>"
            if let w = r.windowDays { out += " and a \(w)-day POC window" }
            out += " (credits are usually valid 12 months):</p>\n<ul class=\"runway-lines\">\n"
            for s in Scorecard.runwaySentences(r) { out += "<li>\(HTMLText.escape(s))</li>\n" }
            out += "</ul>\n"
        } else {
            out += "<p>The budget gives no monthly total, so poclint cannot say how long the credits last. Add a total line to the budget (a monthly figure that the line items add up to).</p>\n"
        }
        return out + "</section>\n\n"
    }

    private func footer(_ options: HTMLReportOptions) -> String {
        var rubric = ""
        let base = options.report.docsBase
        if base.hasSuffix("rules/") {
            let docs = String(base.dropLast("rules/".count))
            rubric = " How the tier is predicted: <a href=\"\(HTMLText.escape(docs + "scoring.md"))\">the scoring rubric</a>."
        }
        return """
        <footer>
        <p>Made on <span class="date">\(HTMLText.escape(options.date))</span> by poclint <span class="version">\(HTMLText.escape(options.report.toolVersion))</span>.
        Model prices from the catalog as of <span class="as-of">\(HTMLText.escape(options.catalogAsOf ?? "unknown"))</span>.\(rubric)
        A prediction from the application's text, not a decision by AWS.</p>
        </footer>

        """
    }

    // MARK: Dates

    /// `YYYY-MM-DD` (UTC) of a time in seconds since 1970.
    public static func isoDate(epochSeconds: Int) -> String {
        // Days to civil date (Howard Hinnant's algorithm).
        let z = Int((Double(epochSeconds) / 86400).rounded(.down)) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
