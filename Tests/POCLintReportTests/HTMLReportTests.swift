import Foundation
import Testing
import POCLintCore
import POCLintReport
import POCLintRules

/// `poclint report`: the HTML page. Escaping, the chart, the badge, one highlight per
/// finding at its exact range, nothing of the machine, nothing loaded from elsewhere.
struct HTMLReportTests {
    static let date = "2026-01-02"

    func page(_ markdown: String, path: String = "apps/acme.md") -> (html: String, result: LintResult) {
        let result = RuleRegistry.linter().lint(markdown, path: path)
        let options = HTMLReportOptions(date: Self.date)
        return (HTMLReport().render(FileReport(path: path, result: result), options: options), result)
    }

    func fixture(_ name: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("fixtures/\(name)"), encoding: .utf8)
    }

    static var fixtureNames: [String] {
        let dir = repositoryRoot.appendingPathComponent("fixtures")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    /// Every start tag in the page: (name, the whole tag).
    func tags(_ html: String) -> [(name: String, tag: String)] {
        let re = try! NSRegularExpression(pattern: "<([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>")
        let ns = html as NSString
        return re.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            (ns.substring(with: $0.range(at: 1)).lowercased(), ns.substring(with: $0.range))
        }
    }

    func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    static let hostile = """
    # Acme <script>document.title='PWNED'</script> & "Sons" 'Ltd'

    <script>document.title='PWNED'</script>

    <img src=x onerror="document.getElementById('badge').textContent='PWNED'">

    <div onclick="alert(1)">an HTML block</div>

    We bring generative AI to <b onmouseover="alert(1)">our</b> platform, see [this](javascript:alert(1)) and
    ![logo](https://evil.example/x.png) and <iframe src="https://evil.example"></iframe>.

    ```html
    <script>alert('code')</script>
    ```

    | a | b |
    |---|---|
    | <style>body{display:none}</style> | <link rel=stylesheet href=https://evil.example/x.css> |

    """

    /// Only these elements may appear: the page's own structure. Anything the application
    /// brings (script, img, iframe, style, link, b, div with handlers ...) is text.
    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "main", "section", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "a", "mark", "sup", "ol", "ul", "li",
        "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "em", "strong", "del", "br", "hr",
        "blockquote", "b", "svg", "g", "rect", "line", "text", "tspan", "desc",
    ]

    @Test func applicationHTMLIsShownOnlyEscaped() {
        let (html, _) = page(Self.hostile)
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("<img"))
        #expect(!lower.contains("<iframe"))
        #expect(!lower.contains("<link"))
        #expect(count("<style", in: lower) == 1, "only the page's own stylesheet")
        #expect(html.contains("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=&quot;document.getElementById(&#39;badge&#39;).textContent=&#39;PWNED&#39;&quot;&gt;"))
        #expect(html.contains("&lt;script&gt;alert(&#39;code&#39;)&lt;/script&gt;"))
        #expect(html.contains("&lt;b onmouseover=&quot;alert(1)&quot;&gt;"))
        #expect(html.contains("&lt;style&gt;</code>body{display:none}<code class=\"raw-inline\" title=\"HTML, shown as text\">&lt;/style&gt;"))
        #expect(html.contains("&lt;link rel=stylesheet href=https://evil.example/x.css&gt;"))
        #expect(!html.contains("javascript:"))
        for t in tags(html) {
            #expect(Self.allowedTags.contains(t.name), "unexpected element: \(t.tag)")
            #expect(t.tag.range(of: "\\son[a-z]+\\s*=", options: [.regularExpression, .caseInsensitive]) == nil, "event handler: \(t.tag)")
        }
        // The page title comes from the document's title, escaped, and is not PWNED.
        #expect(html.contains("<title>Review: Acme document.title=&#39;PWNED&#39; &amp; &quot;Sons&quot; &#39;Ltd&#39;"))
    }

    @Test func noResourceIsLoadedFromElsewhere() throws {
        for name in ["floor-real-estate-listings.md", "excellent-claims-drafting.md"] {
            let (html, _) = page(try fixture(name))
            for t in tags(html) {
                #expect(!t.tag.lowercased().contains(" src="), "no src at all: \(t.tag)")
                if t.tag.lowercased().contains("href=") { #expect(t.name == "a", "href only on links: \(t.tag)") }
            }
            let css = html.components(separatedBy: "<style>")[1].components(separatedBy: "</style>")[0]
            #expect(!css.contains("url("))
            #expect(!css.contains("@import"))
            #expect(!css.contains("http"))
            // A Content Security Policy forbids scripts and every load from elsewhere.
            #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline';"))
        }
    }

    @Test func bothApplicationsOfADocumentGetTheirOutcomeWithUniqueIDs() throws {
        let (html, result) = page(try fixture("accelerator/combined-hvac-field-service.md"))
        #expect(result.parts.count == 2)
        #expect(html.contains("Bedrock POC credit application + Generative AI Accelerator application · review by poclint"))
        #expect(html.contains("Predicted outcome: Generative AI Accelerator application"))
        #expect(html.contains("Signals and tranches") && html.contains("Credit runway"))
        // Six bars for the accelerator's sections after the POC's five; the accelerator's ladder has six tiers.
        #expect(count("<rect class=\"bar ", in: html) == 11)
        #expect(html.contains("upper median") && html.contains("$1M"))
        var ids: [String: Int] = [:]
        var rest = html[...]
        while let r = rest.range(of: " id=\"") {
            let after = rest[r.upperBound...]
            let id = after.prefix { $0 != "\"" }
            ids[String(id), default: 0] += 1
            rest = after
        }
        #expect(ids.filter { $0.value > 1 }.isEmpty, "\(ids.filter { $0.value > 1 })")
    }

    @Test func fiveBarsWithTextLabels() throws {
        let (html, result) = page(try fixture("floor-real-estate-listings.md"))
        #expect(count("<rect class=\"bar ", in: html) == 5)
        for c in RulePack.builtIn.poc.componentIDs { #expect(html.contains("<rect class=\"bar band-") && html.contains("data-component=\"\(c.rawValue)\"")) }
        let p = try #require(result.prediction)
        for c in p.components {
            // The name and the number are text, not colour alone.
            #expect(html.contains(">\(Scorecard.componentTitle(c.component))</text>"))
            #expect(html.contains("<tspan font-weight=\"700\">\(Scorecard.formatted(c.score))</tspan>"))
        }
        #expect(html.contains("data-component=\"use-case\" data-score=\"88\""))
        #expect(html.contains("band-fair"))
        #expect(html.contains("<tspan fill=\"#424a53\"> strong</tspan>"))
    }

    @Test func badgeSaysTierAwardAndScore() throws {
        let (html, result) = page(try fixture("floor-real-estate-listings.md"))
        #expect(result.prediction?.tier == .floor)
        #expect(html.contains("<p class=\"badge tier-floor\" id=\"badge\" data-tier=\"floor\"><span class=\"badge-label\">predicted</span> <span class=\"badge-tier\">floor</span> <span class=\"badge-award\">$10K</span></p>"))
        #expect(html.contains("<span class=\"score-num\">52.8</span>"))
        #expect(html.contains("<li class=\"tier-floor current\">"))
        let (excellent, _) = page(try fixture("excellent-claims-drafting.md"))
        #expect(excellent.contains("<span class=\"badge-tier\">ceiling</span> <span class=\"badge-award\">$50K</span>"))
        #expect(excellent.contains("This draft is predicted at the ceiling"))
    }

    @Test func fixesRunwayAndFooter() throws {
        let (html, result) = page(try fixture("floor-real-estate-listings.md"))
        #expect(html.contains("Fix these 3 to reach standard ($25K)"))
        #expect(count("<span class=\"pts\">", in: html) == result.prediction?.fixes.count)
        #expect(html.contains("<span class=\"pts\">+6</span>"))
        #expect(html.contains("<a href=\"#f-5\">line 31</a> (finding 5)"))
        let runway = try #require(result.prediction?.runway)
        for s in Scorecard.runwaySentences(runway) { #expect(html.contains("<li>\(s)</li>")) }
        #expect(html.contains("$10,000 (floor) covers 1.9 months at $5,295/month"))
        #expect(html.contains("Made on <span class=\"date\">2026-01-02</span> by poclint <span class=\"version\">\(POCLint.version)</span>"))
        #expect(html.contains("as of <span class=\"as-of\">\(RulePack.builtIn.models.as_of)</span>"))
    }

    @Test func oneHighlightPerFindingInEveryFixture() throws {
        var names = Self.fixtureNames
        #expect(names.count >= 10)
        names.append("(hostile)")
        names.append("(empty)")
        for name in names {
            let text = name == "(hostile)" ? Self.hostile : name == "(empty)" ? "" : try fixture(name)
            let (html, result) = page(text)
            #expect(count("class=\"hl finding", in: html) == result.diagnostics.count, "\(name)")
            #expect(count("<li class=\"note sev-", in: html) == result.diagnostics.count, "\(name)")
            for k in 1...max(1, result.diagnostics.count) where !result.diagnostics.isEmpty {
                #expect(count("id=\"f-\(k)\"", in: html) == 1, "\(name): finding \(k)")
                #expect(count("id=\"n-\(k)\"", in: html) == 1, "\(name): note \(k)")
            }
            // Marks nest properly: as many closed as opened.
            #expect(count("<mark ", in: html) == count("</mark>", in: html), "\(name)")
        }
    }

    @Test func highlightsCoverExactlyTheFindingsText() throws {
        let (html, result) = page(try fixture("floor-real-estate-listings.md"))
        let source = result.document.source.bytes
        var checked = 0
        for (k, d) in result.diagnostics.enumerated() {
            let text = String(decoding: source[d.range.start..<d.range.end], as: UTF8.self)
            // Where the finding's text has no markup, its highlight holds exactly that text.
            let escaped = text.replacingOccurrences(of: "'", with: "&#39;")
            let re = "id=\"f-\(k + 1)\" data-finding=\"\(k + 1)\" title=\"[^\"]*\">(<mark [^>]*>)*\(NSRegularExpression.escapedPattern(for: escaped))</mark>"
            #expect(html.range(of: re, options: .regularExpression) != nil, "finding \(k + 1) [\(d.ruleID)] '\(text)'")
            checked += 1
        }
        #expect(checked == 10)
        #expect(html.contains(">best model for the job</mark><sup class=\"ref\"><a href=\"#n-5\""))
        #expect(html.contains(">$5,295</mark>"))
        #expect(html.contains(">Day 120</mark>"))
    }

    @Test func highlightsCrossInlineMarkupAndFindingsAcrossBlocksGetAMarker() {
        // A finding inside emphasis splits into pieces; one piece carries `finding`.
        let md = "# Acme\n\n## Use case\n\nWe use *very cutting-edge* models and **cutting-edge** ones.\n"
        let result = Linter(rules: [FlagWord(), SpanRule()]).lint(md, path: "a.md")
        let html = HTMLReport().render(FileReport(path: "a.md", result: result), options: HTMLReportOptions(date: Self.date))
        #expect(count("class=\"hl finding", in: html) == result.diagnostics.count)
        #expect(html.contains("<em>very <mark class=\"hl finding sev-warning\""))
        #expect(html.contains("<strong><mark class=\"hl finding sev-warning\""))
        // The rule below reports from the title to the end of the document: a marker.
        #expect(html.contains("class=\"hl finding marker sev-info\""))
    }

    @Test func noPathOfTheMachine() throws {
        let (html, _) = page(try fixture("floor-real-estate-listings.md"), path: "floor-real-estate-listings.md")
        let cwd = FileManager.default.currentDirectoryPath
        #expect(!html.contains(repositoryRoot.path))
        if cwd.count > 1 { #expect(!html.contains(cwd)) }
        let home = NSHomeDirectory()
        if home.count > 1 { #expect(!html.contains(home + "/")) }
        #expect(!html.contains("file://"))
        #expect(html.contains("<p class=\"file\">floor-real-estate-listings.md · 2026-01-02</p>"))
    }

    @Test func samePageForTheSameInput() throws {
        let text = try fixture("standard-support-deflection.md")
        #expect(page(text).html == page(text).html)
    }

    @Test func datesAreUTCDays() {
        #expect(HTMLReport.isoDate(epochSeconds: 0) == "1970-01-01")
        #expect(HTMLReport.isoDate(epochSeconds: 951_782_400) == "2000-02-29")
        #expect(HTMLReport.isoDate(epochSeconds: 1_700_000_000) == "2023-11-14")
        #expect(HTMLReport.isoDate(epochSeconds: 1_767_225_599) == "2025-12-31")
    }
}

/// Reports one info finding from the title to the end of the document (spans blocks).
private struct SpanRule: Rule {
    var description: RuleDescription {
        RuleDescription(id: "test-span", title: "Spans blocks", detail: "d", rationale: "r", severity: .info, component: nil,
                        triggering: [.document("x")], nonTriggering: [])
    }

    func check(_ context: LintContext) {
        context.report(SourceRange(2, context.source.bytes.count), "The whole document.")
    }
}
