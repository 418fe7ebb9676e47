import ArgumentParser
import Testing
@testable import poclint

/// `LintCommand.quickParse` (the start-up path that skips ArgumentParser) makes the command
/// ArgumentParser makes, property by property, or leaves the arguments to ArgumentParser.
struct QuickParseTests {
    /// Every stored property of a command as text; one given no value reads `*definition*`.
    static func properties(_ command: LintCommand) -> [String] {
        Mirror(reflecting: command).children.map { "\($0.label ?? "?") = \(String(describing: $0.value))" }
    }

    static let plain: [[String]] = [
        ["lint", "a.md"],
        ["lint", "--fail-on", "never", "a.md"],
        ["lint", "--format", "json", "--fail-on", "never", "a.md"],
        ["lint", "--format=sarif", "a.md", "docs", "-"],
        ["lint", "a.md", "--output", "out.json", "--format", "github", "b.md"],
        ["lint", "--max-warnings", "3", "--exit-zero", "--quiet", "--no-color", "dir"],
        ["lint", "--max-warnings=0", "--fail-on=warning", "a.md"],
        ["lint", "--min-tier", "standard", "--min-tier", "accelerator:median", "a.md"],
        ["lint", "--profile", "accelerator", "--config", "c.yml", "a.md"],
        ["lint", "--print-config"],
        ["lint", "--print-config", "a.md"],
        ["lint", "--fix", "--dry-run", "a.md"],
        ["lint", "--fix", "a.md"],
        ["lint", "--fix", "--dry-run", "-"],
        ["lint", "lint"],
    ]

    @Test(arguments: plain)
    func sameCommandAsArgumentParser(_ arguments: [String]) throws {
        let quick = try #require(LintCommand.quickParse(arguments))
        let parsed = try #require(try POCLintMain.parseAsRoot(arguments) as? LintCommand)
        let properties = Self.properties(quick)
        #expect(properties == Self.properties(parsed))
        #expect(!properties.contains { $0.contains("*definition*") }, "quickParse does not set: \(properties)")
    }

    /// Every option `lint --help` lists is one quickParse reads (or it would fall back for it).
    @Test func everyOptionIsCovered() {
        let help = POCLintMain.helpMessage(for: LintCommand.self, columns: 200)
        // The option column: lines that start with an option name.
        let options = help.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { $0.hasPrefix("-") }
            .flatMap { $0.split(separator: " ", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.filter { $0.hasPrefix("--") } }
            .map { String($0.prefix { $0 != "," && $0 != " " }) }
        let covered = Set(Self.plain.joined().compactMap { $0.hasPrefix("--") ? String($0.split(separator: "=")[0]) : nil })
        #expect(Set(options).subtracting(["--help", "--version"]).subtracting(covered).isEmpty,
                "options of `lint --help` not in the tests: \(Set(options).subtracting(covered))")
    }

    static let others: [[String]] = [
        [], ["lint"], ["--version"], ["--help"], ["rules"], ["report", "a.md"], ["help", "lint"],
        ["lint", "--help"], ["lint", "-h"], ["lint", "help"], ["lint", ""], ["lint", "--", "a.md"],
        ["lint", "a.md", "--format", "xml"], ["lint", "--format", "json", "--format", "text", "a.md"],
        ["lint", "--format", "a.md"], ["lint", "--format"], ["lint", "--format=", "a.md"],
        ["lint", "--quiet=yes", "a.md"], ["lint", "--quiet", "--quiet", "a.md"], ["lint", "-q", "a.md"],
        ["lint", "--max-warnings", "-1", "a.md"], ["lint", "--max-warnings", "x", "a.md"],
        ["lint", "--output", "-", "a.md"], ["lint", "--dry-run", "a.md"], ["lint", "--fix", "-"],
        ["lint", "--unknown", "a.md"], ["lint", "--profile", "nope", "a.md"], ["lint", "--min-tier", "gold", "a.md"],
        ["lint", "--generate-completion-script", "bash"], ["lint", "a.md", "--experimental-dump-help"],
    ]

    @Test(arguments: others)
    func otherArgumentsGoToArgumentParser(_ arguments: [String]) {
        #expect(LintCommand.quickParse(arguments) == nil)
    }
}
