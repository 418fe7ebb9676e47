import Foundation
import Testing
import POCLintCore
import POCLintReport
import POCLintRules

/// Each reporter on the line of integration.md §0, `🚀 We use cutting-edge models.`, whose
/// finding `cutting-edge` has a different column in every coordinate system.
struct ReporterTests {
    @Test func textReporterCountsScalars() {
        let out = TextReporter().render([report(rocketDocument)], options: options())
        #expect(out.contains("apps/acme.md:3:10: warning: Vague phrase 'cutting-edge'"))
        #expect(out.contains("= see: https://github.com/poclint/poclint/blob/main/docs/rules/test-flag.md"))
        #expect(out.hasSuffix("1 file linted: 0 errors, 1 warning, 0 info\n"))
    }

    @Test func jsonGivesHumanAndLSPCoordinates() throws {
        let out = JSONReporter().render([report(rocketDocument)], options: options())
        let root = try #require(try parseJSON(out) as? [String: Any])
        #expect(root.int("schema_version") == 1)
        #expect(root.obj("tool").str("name") == "poclint")
        let file = try #require(root.arr("files").first as? [String: Any])
        #expect(file.str("path") == "apps/acme.md")
        let d = try #require(file.arr("diagnostics").first as? [String: Any])
        #expect(d.str("rule") == "test-flag")
        #expect(d.str("severity") == "warning")
        #expect(d.str("component") == "use-case")
        #expect(d.obj("start").int("line") == 3 && d.obj("start").int("column") == 10)
        #expect(d.obj("end").int("line") == 3 && d.obj("end").int("column") == 22)
        #expect(d.obj("range").obj("start").int("line") == 2 && d.obj("range").obj("start").int("character") == 10)
        #expect(d.obj("range").obj("end").int("line") == 2 && d.obj("range").obj("end").int("character") == 22)
        #expect(d.obj("bytes").int("start") == 20 && d.obj("bytes").int("end") == 32)
        #expect(d.str("help_url")?.hasSuffix("/docs/rules/test-flag.md") == true)
        #expect(d.str("suggestion") == "Replace it with a measurable claim.")
        #expect(d["fix"] is NSNull)
        #expect(root.obj("summary").int("warnings") == 1 && root.obj("summary").int("files") == 1)
    }

    @Test func jsonKeyOrderIsStable() {
        let out = JSONReporter().render([report(rocketDocument)], options: options())
        let keys = ["\"schema_version\"", "\"tool\"", "\"files\"", "\"summary\""]
        let positions = keys.map { out.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        let diagKeys = ["\"rule\"", "\"severity\"", "\"message\"", "\"component\"", "\"start\"", "\"end\"", "\"range\"",
                        "\"bytes\"", "\"help_url\"", "\"suggestion\"", "\"fix\"", "\"related\""]
        let dp = diagKeys.map { out.range(of: $0)!.lowerBound }
        #expect(dp == dp.sorted())
        // Same input, same bytes.
        #expect(out == JSONReporter().render([report(rocketDocument)], options: options()))
    }

    @Test func jsonForNoFilesIsValid() throws {
        let out = JSONReporter().render([], options: options())
        let root = try #require(try parseJSON(out) as? [String: Any])
        #expect(root.arr("files").isEmpty)
        #expect(root.obj("summary").int("files") == 0)
    }

    @Test func jsonCarriesFixEditsAndTheComponentMap() throws {
        let md = "# Acme\n\n## Use case\n\n\u{1F680} We use cutting-edge models.\n\n## Budget\n\nTotal $10 a month.\n"
        let out = JSONReporter().render([report(md, rules: [FlagWord(withFix: true)])], options: options([FlagWord(withFix: true)]))
        let root = try #require(try parseJSON(out) as? [String: Any])
        let file = try #require(root.arr("files").first as? [String: Any])
        let d = try #require(file.arr("diagnostics").first as? [String: Any])
        let fix = d.obj("fix")
        #expect(fix.str("title") == "Say what it does")
        #expect(fix["safe"] as? Bool == true)
        let edit = try #require(fix.arr("edits").first as? [String: Any])
        #expect(edit.str("new_text") == "measured")
        #expect(edit.obj("range").obj("start").int("character") == 10)
        let components = file.obj("components")
        #expect(components.obj("use-case")["found"] as? Bool == true)
        #expect(components.obj("use-case").obj("section").str("title") == "Use case")
        #expect(components.obj("use-case").str("reason")?.contains("Use case") == true)
        #expect(components.obj("evaluation")["found"] as? Bool == false)
        #expect(components.obj("evaluation")["section"] is NSNull)
    }

    @Test func jsonEscapesControlCharactersAndKeepsUnicode() throws {
        let v = JSONValue.object([("s", .string("a\"b\\c\nd\u{01}é🚀"))])
        let text = v.serialized(pretty: false)
        #expect(text == "{\"s\":\"a\\\"b\\\\c\\nd\\u0001é🚀\"}")
        let back = try #require(try parseJSON(text) as? [String: Any])
        #expect(back.str("s") == "a\"b\\c\nd\u{01}é🚀")
    }

    @Test func sarifRegionsAreUTF16AndExclusive() throws {
        let out = SARIFReporter().render([report(rocketDocument)], options: options())
        let root = try #require(try parseJSON(out) as? [String: Any])
        #expect(root.str("version") == "2.1.0")
        let run = try #require(root.arr("runs").first as? [String: Any])
        #expect(run.str("columnKind") == "utf16CodeUnits")
        #expect(run.obj("originalUriBaseIds").obj("%SRCROOT%").str("uri") == "file:///work/repo/")
        let rules = run.obj("tool").obj("driver").arr("rules").compactMap { $0 as? [String: Any] }
        #expect(rules.map { $0.str("id") } == ["test-flag"])
        let rule = rules[0]
        #expect(rule.str("name") == "TestFlag")
        #expect(rule.obj("shortDescription").str("text") == "A flagged word")
        #expect(rule.obj("fullDescription").str("text") == "Tests need a finding at a known place.")
        #expect(rule.str("helpUri")?.hasSuffix("test-flag.md") == true)
        #expect(rule.obj("help").str("text")?.isEmpty == false)
        #expect(rule.obj("defaultConfiguration").str("level") == "warning")
        let result = try #require(run.arr("results").first as? [String: Any])
        #expect(result.str("ruleId") == "test-flag")
        let index = try #require(result.int("ruleIndex"))
        #expect(rules[index].str("id") == result.str("ruleId"))
        #expect(result.str("level") == "warning")
        let loc = try #require(result.arr("locations").first as? [String: Any]).obj("physicalLocation")
        #expect(loc.obj("artifactLocation").str("uri") == "apps/acme.md")
        #expect(loc.obj("artifactLocation").str("uriBaseId") == "%SRCROOT%")
        let region = loc.obj("region")
        #expect(region.int("startLine") == 3 && region.int("startColumn") == 11)
        #expect(region.int("endLine") == 3 && region.int("endColumn") == 23)
        #expect(result.obj("partialFingerprints").str("poclint/v1")?.hasPrefix("test-flag:") == true)
    }

    @Test func sarifInfoIsNoteAndFingerprintsSurviveLinesAbove() throws {
        let rules: [any Rule] = [FlagWord(severity: .info)]
        func first(_ md: String) throws -> [String: Any] {
            let out = SARIFReporter().render([report(md, rules: rules)], options: options(rules))
            let root = try #require(try parseJSON(out) as? [String: Any])
            let run = try #require(root.arr("runs").first as? [String: Any])
            return try #require(run.arr("results").first as? [String: Any])
        }
        let a = try first(rocketDocument)
        let b = try first("# Acme\n\nA new paragraph above.\n\n\u{1F680} We use cutting-edge models.\n")
        #expect(a.str("level") == "note")
        #expect(a.obj("partialFingerprints").str("poclint/v1") == b.obj("partialFingerprints").str("poclint/v1"))
    }

    @Test func sarifAbsolutePathsUnderTheBaseBecomeRelativeAndEncoded() throws {
        let file = report(rocketDocument, path: "/work/repo/apps/acme inc.md")
        let out = SARIFReporter().render([file], options: options())
        #expect(out.contains("\"uri\": \"apps/acme%20inc.md\""))
        let outside = SARIFReporter().render([report(rocketDocument, path: "/elsewhere/a.md")], options: options())
        #expect(outside.contains("\"uri\": \"file:///elsewhere/a.md\""))
    }

    @Test func sarifForNoFilesStillHasARun() throws {
        let out = SARIFReporter().render([], options: options())
        let root = try #require(try parseJSON(out) as? [String: Any])
        let run = try #require(root.arr("runs").first as? [String: Any])
        #expect(run.arr("results").isEmpty)
        #expect(run.str("columnKind") == "utf16CodeUnits")
    }

    @Test func githubAnnotationUsesScalarColumns() {
        let out = GitHubReporter().render([report(rocketDocument)], options: options())
        #expect(out.hasPrefix("::warning file=apps/acme.md,line=3,col=10,endLine=3,endColumn=22,title=poclint test-flag::Vague phrase 'cutting-edge': say what the model does.%0AReplace it with a measurable claim.%0Ahttps://"))
        #expect(out.hasSuffix("\n"))
        #expect(out.split(separator: "\n").count == 1)
    }

    @Test func githubEscapesPropertiesAndMessages() {
        #expect(GitHubReporter.escapeData("100% vague:\r\nrewrite") == "100%25 vague:%0D%0Arewrite")
        #expect(GitHubReporter.escapeProperty("apps/acme, inc.md") == "apps/acme%2C inc.md")
        #expect(GitHubReporter.escapeProperty("a: b") == "a%3A b")
        let out = GitHubReporter().render([report(rocketDocument, path: "./apps/acme, inc.md")], options: options())
        #expect(out.hasPrefix("::warning file=apps/acme%2C inc.md,line=3,"))
    }

    @Test func githubSeverityWords() {
        let err = GitHubReporter().render([report(rocketDocument, rules: [FlagWord(severity: .error)])], options: options())
        let info = GitHubReporter().render([report(rocketDocument, rules: [FlagWord(severity: .info)])], options: options())
        #expect(err.hasPrefix("::error "))
        #expect(info.hasPrefix("::notice "))
    }

    @Test func githubGivesEachApplicationsPredictionAsANotice() throws {
        let md = try String(contentsOf: repositoryRoot.appendingPathComponent("fixtures/accelerator/combined-hvac-field-service.md"), encoding: .utf8)
        let result = RuleRegistry.linter().lint(md, path: "a.md")
        let notices = GitHubReporter().render([FileReport(path: "a.md", result: result)], options: options())
            .split(separator: "\n").filter { $0.hasPrefix("::notice") && $0.contains("poclint prediction") }
        #expect(notices.count == 2)
        #expect(notices[0].hasPrefix("::notice file=a.md,line=1,title=poclint prediction (poc)::predicted ceiling ($50K)"))
        #expect(notices[1].contains("line=97,title=poclint prediction (accelerator)::predicted ceiling ($1M)"))
        var quiet = options()
        quiet.scorecard = false
        #expect(!GitHubReporter().render([FileReport(path: "a.md", result: result)], options: quiet).contains("poclint prediction"))
    }

    @Test func githubMultiLineFindingOmitsColumns() {
        let md = "# Acme\n\nWe use cutting-\nedge models.\n"
        let result = Linter(rules: []).lint(md, path: "a.md")
        let d = Diagnostic(ruleID: "test-flag", severity: .warning, message: "m", range: SourceRange(15, 28))
        let file = FileReport(path: "a.md", result: LintResult(path: "a.md", document: result.document, components: result.components, diagnostics: [d], prefix: [], parts: result.parts))
        let out = GitHubReporter().render([file], options: options())
        #expect(out.hasPrefix("::warning file=a.md,line=3,endLine=4,title=poclint test-flag::m"))
    }

    @Test func reportersByName() {
        for name in Reporters.names { #expect(Reporters.named(name) != nil) }
        #expect(Reporters.named("xml") == nil)
    }
}
