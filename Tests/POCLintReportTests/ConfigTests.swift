import Foundation
import Testing
import POCLintCore

/// `.poclint.yml`: checks with file:line:col, the key-by-key merge of `extends`, discovery
/// and the pack built from data-pack extensions.
struct ConfigTests {
    let rules: [RuleDescription] = [
        FlagWord().description,
        RuleDescription(id: "with-options", title: "t", detail: "d", rationale: "r", severity: .error, component: nil,
                        triggering: [], nonTriggering: [],
                        options: [RuleOption("threshold", default: "0.5", "a number"), RuleOption("strict", default: "false", "a flag")]),
    ] + SuppressionRules.all

    func parse(_ yaml: String) throws(ConfigError) -> ConfigFile {
        try ConfigFile.parse(yaml, path: ".poclint.yml", directory: "/nonexistent", rules: rules)
    }

    func error(_ yaml: String) -> String {
        do {
            _ = try parse(yaml)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func errorsCarryLineAndColumn() {
        #expect(error("rulez: {}\n") .hasPrefix(".poclint.yml:1:1: unknown key 'rulez' (did you mean 'rules'?)"))
        #expect(error("rules:\n  test-flga: off\n").hasPrefix(".poclint.yml:2:3: unknown rule id 'test-flga' (did you mean 'test-flag'?)"))
        #expect(error("rules:\n  test-flag: loud\n").hasPrefix(".poclint.yml:2:14: rule 'test-flag': severity must be"))
        #expect(error("window: 45\n").hasPrefix(".poclint.yml:1:9: window must be 60 or 90"))
        #expect(error("rules: [a]\n").hasPrefix(".poclint.yml:1:8: rules must be a mapping"))
        #expect(error("rules:\n  with-options: {options: {treshold: 1}}\n").contains("has no option 'treshold' (did you mean 'threshold'?)"))
        #expect(error("rules:\n  with-options: {options: {threshold: high}}\n").contains("must be a number"))
        #expect(error("rules:\n  with-options: {options: {strict: 3}}\n").contains("must be true or false"))
        #expect(error("phrases:\n  - phrase: x\n").hasPrefix(".poclint.yml:2:5: phrase 'x' needs say_instead"))
        #expect(error("phrases:\n  - phrase: x\n    say_instead: y\n    components: [budgte]\n").contains("unknown component 'budgte'"))
        #expect(error("components:\n  budgt: {headings: [x]}\n").contains("unknown component 'budgt' (did you mean 'budget'?)"))
        #expect(error("budget_tolerance: abc\n").hasPrefix(".poclint.yml:1:19: budget_tolerance must be a number"))
        #expect(error("budget_tolerance: 2\n").contains("fraction"))
        #expect(error("requested_credit: lots\n").contains("requested_credit must be an amount"))
        #expect(error("rules: {a: [\n").hasPrefix(".poclint.yml:2:1: invalid YAML"))
        #expect(error("extends: nope.yml\n").contains("extends 'nope.yml': no such file"))
        #expect(error("- a\n- b\n").contains("a configuration is a mapping"))
        #expect(error("models:\n  - input_per_mtok: 1\n").contains("needs id"))
        #expect(error("catalog_as_of: soon\n").contains("must be a date"))
    }

    @Test func valuesAreRead() throws {
        let c = try parse("""
        rules:
          test-flag: off
          with-options: {severity: warning, options: {threshold: 0.8, strict: true}}
        budget_tolerance: 5%
        window: 60
        requested_credit: "$25K"
        catalog_as_of: "2026-08"
        """)
        #expect(c.rules["test-flag"]?.severity == "off")
        #expect(c.rules["with-options"]?.options["threshold"] == .number(0.8))
        #expect(c.rules["with-options"]?.options["strict"] == .bool(true))
        #expect(c.budgetTolerance == 0.05)
        #expect(c.window == 60)
        #expect(c.requestedCredit == 25_000)
        #expect(c.catalogAsOf == "2026-08")
        let config = try ConfigBuilder.configuration(c, rules: rules)
        #expect(config.setting("test-flag").enabled == false)
        #expect(config.setting("with-options").severity == .warning)
        #expect(config.requiredWindow == 60)
        #expect(config.budgetTolerance == 0.05)
    }

    @Test func emptyFileConfiguresNothing() throws {
        let c = try parse("")
        #expect(c.rules.isEmpty && c.window == nil)
        #expect(try parse("# only a comment\n").rules.isEmpty)
    }

    @Test func mergeIsKeyByKey() throws {
        let base = try parse("""
        rules:
          with-options: {severity: info, options: {threshold: 0.8, strict: true}}
          test-flag: error
        components: {budget: {headings: [burn plan]}}
        window: 90
        budget_tolerance: 0.2
        models:
          - {id: claude-sonnet-4, input_per_mtok: 3.3, output_per_mtok: 16.5}
        """)
        let child = try parse("""
        rules:
          with-options: {options: {threshold: 0.9}}
        components: {budget: {headings: [cost plan]}}
        window: 60
        models:
          - {id: claude-sonnet-4, output_per_mtok: 17}
        """)
        let m = ConfigMerge.merge(base, over: child)
        #expect(m.rules["with-options"]?.severity == "info")
        #expect(m.rules["with-options"]?.options == ["threshold": .number(0.9), "strict": .bool(true)])
        #expect(m.rules["test-flag"]?.severity == "error")
        #expect(m.components[.budget]?.headings == ["burn plan", "cost plan"])
        #expect(m.window == 60)
        #expect(m.budgetTolerance == 0.2)
        #expect(m.models.count == 1 && m.models[0].input_per_mtok == 3.3 && m.models[0].output_per_mtok == 17)
    }

    @Test func packExtensionsReachTheLinter() throws {
        let c = try parse("""
        phrases:
          - phrase: north star
            components: [any]
            severity: error
            say_instead: Name the metric.
        components:
          budget: {headings: [burn plan]}
        models:
          - {id: claude-sonnet-4, input_per_mtok: 4}
          - {id: acme-llm, display_name: Acme LLM, input_per_mtok: 1, output_per_mtok: 2}
        catalog_as_of: "2026-09"
        """)
        let config = try ConfigBuilder.configuration(c, rules: rules)
        #expect(config.pack.model(id: "claude-sonnet-4")?.input_per_mtok == 4)
        #expect(config.pack.model(id: "claude-sonnet-4")?.output_per_mtok == 15)
        #expect(config.pack.model(named: "Acme LLM")?.output_per_mtok == 2)
        #expect(config.pack.models.as_of == "2026-09")
        #expect(config.pack.phrases.phrases.contains { $0.phrase == "north star" && $0.severity == .error })
        let md = "# Acme\n\n## Burn plan\n\nTotal $10 a month.\n"
        let result = Linter(rules: [], configuration: config).lint(md)
        #expect(result.components[.budget] != nil)
        #expect(RulePack.builtIn.model(id: "claude-sonnet-4")?.input_per_mtok == 3)
    }

    @Test func newModelWithoutPricesIsAnError() throws {
        let c = try parse("models:\n  - id: acme-llm\n    input_per_mtok: 1\n")
        #expect(throws: ConfigError.self) { try ConfigBuilder.configuration(c, rules: rules) }
    }

    @Test func discoveryStopsAtTheRepositoryRootAndExtendsIsRelative() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("poclint-config-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: root) }
        try fm.createDirectory(atPath: root + "/repo/.git", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/repo/apps/acme", withIntermediateDirectories: true)
        try "window: 90\n".write(toFile: root + "/.poclint.yml", atomically: true, encoding: .utf8)
        let loader = ConfigLoader(rules: rules, workingDirectory: root)
        // Above the repository root: not found.
        #expect(loader.discover(forFileIn: root + "/repo/apps/acme") == nil)
        try fm.createDirectory(atPath: root + "/repo/shared", withIntermediateDirectories: true)
        try "window: 60\nrules: {test-flag: info}\n".write(toFile: root + "/repo/shared/base.yml", atomically: true, encoding: .utf8)
        try "extends: ../shared/base.yml\nrules: {test-flag: warning}\n".write(toFile: root + "/repo/apps/.poclint.yml", atomically: true, encoding: .utf8)
        let loader2 = ConfigLoader(rules: rules, workingDirectory: root)
        let found = try #require(loader2.discover(forFileIn: root + "/repo/apps/acme"))
        #expect(found.hasSuffix("/repo/apps/.poclint.yml"))
        let resolved = try loader2.resolve(found)
        #expect(resolved.values.window == 60)
        #expect(resolved.values.rules["test-flag"]?.severity == "warning")
        #expect(resolved.files.count == 2)
        let config = try loader2.configuration(found)
        #expect(config.requiredWindow == 60)
        #expect(config.setting("test-flag").severity == .warning)
        #expect(config.source == "repo/apps/.poclint.yml")
    }

    @Test func extendsCycleIsAnError() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("poclint-cycle-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: dir) }
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "extends: b.yml\n".write(toFile: dir + "/a.yml", atomically: true, encoding: .utf8)
        try "extends: a.yml\n".write(toFile: dir + "/b.yml", atomically: true, encoding: .utf8)
        let loader = ConfigLoader(rules: rules, workingDirectory: dir)
        #expect(throws: ConfigError.self) { try loader.resolve(dir + "/a.yml") }
    }

    @Test func printedConfigurationReadsBack() throws {
        let c = try parse("""
        rules:
          with-options: {severity: warning, options: {threshold: 0.8}}
        phrases:
          - {phrase: "north \\"star\\"", say_instead: "Name: the metric.", components: [use-case]}
        window: 60
        """)
        let text = ConfigPrinter.render(c, files: [".poclint.yml"], rules: rules)
        let back = try parse(text)
        #expect(back.window == 60)
        #expect(back.rules["with-options"]?.options["threshold"] == .number(0.8))
        #expect(back.rules["test-flag"]?.severity == "warning")
        #expect(back.phrases.first?.phrase == "north \"star\"")
    }

    @Test func nearestNames() {
        #expect(NearestNames.suggest("vague-phrse", among: ["vague-phrase", "missing-component"]) == ["vague-phrase"])
        #expect(NearestNames.suggest("zzz", among: ["vague-phrase"]).isEmpty)
        #expect(NearestNames.distance("kitten", "sitting") == 3)
    }

    @Test func costMath() {
        // The domain's reference workload: 10M input + 2M output tokens a day.
        #expect(CostMath.monthlyCost(inputTokensPerDay: 10e6, outputTokensPerDay: 2e6, inputPricePerMTok: 3, outputPricePerMTok: 15) == 1800)
        #expect(CostMath.monthlyCost(inputTokensPerDay: 10e6, outputTokensPerDay: 2e6, inputPricePerMTok: 15, outputPricePerMTok: 75) == 9000)
        #expect(abs(CostMath.runwayMonths(credit: 25_000, monthlyCost: 1800) - 13.89) < 0.01)
        #expect(CostMath.parseTokenRate("10M/day") == 10e6)
        #expect(CostMath.parseTokenRate("300M/month") == 10e6)
        #expect(CostMath.parseTokenRate("2,000,000/day") == 2e6)
        #expect(CostMath.parseTokenRate("70M/week") == 10e6)
        #expect(CostMath.parseTokenRate("10Q/day") == nil)
        #expect(CostMath.parseTokenRate("10M/fortnight") == nil)
        #expect(ConfigFile.parseDollars("$25K") == 25_000)
        #expect(ConfigFile.parseDollars("50,000") == 50_000)
        #expect(RulePack.builtIn.model(named: "Claude Sonnet 4")?.id == "claude-sonnet-4")
        #expect(RulePack.builtIn.model(named: "claude haiku")?.input_per_mtok == 0.25)
    }
}
