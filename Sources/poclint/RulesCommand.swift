import ArgumentParser
import Foundation
import POCLintCore
import POCLintReport

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule: id, profile, component, default severity and title.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "Output format: text (a table) or json.")
    var format: Format = .text

    func run() throws {
        let rules = RuleCatalog.descriptions
        let options = ReportOptions()
        switch format {
        case .json:
            let value = JSONValue.array(rules.map { r in
                .object([
                    ("id", .string(r.id)),
                    ("name", .string(r.name)),
                    ("title", .string(r.title)),
                    ("component", .string(r.component?.rawValue)),
                    ("profiles", .array(r.profiles.map { .string($0) })),
                    ("severity", .string(r.severity.rawValue)),
                    ("rationale", .string(r.rationale)),
                    ("options", .array(r.options.map { o in
                        .object([("name", .string(o.name)), ("default", .string(o.defaultValue)), ("summary", .string(o.summary))])
                    })),
                    ("help_url", .string(options.helpURL(r.id))),
                ])
            })
            FileHandle.standardOutput.write(Data((value.serialized() + "\n").utf8))
        case .text:
            let header = ["RULE", "PROFILE", "COMPONENT", "SEVERITY", "TITLE"]
            let rows = rules.map { [$0.id, $0.profiles.joined(separator: ","), $0.component?.rawValue ?? "document", $0.severity.rawValue, $0.title] }
            var widths = header.map(\.count)
            for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ") + "\n"
            }
            var out = line(header)
            for row in rows { out += line(row) }
            out += "\n\(rules.count) rules. `poclint explain RULE-ID` shows a rule's page; set severities in .poclint.yml.\n"
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a rule's page: what it checks, why, examples and options.")

    @Argument(help: "A rule id, e.g. missing-component (see `poclint rules`).")
    var ruleID: String

    func run() throws {
        let id = ruleID.lowercased()
        guard let rule = RuleCatalog.description(id) else {
            throw CLIError("unknown rule '\(ruleID)'\(NearestNames.hint(id, among: RuleCatalog.ids)); `poclint rules` lists them")
        }
        let page = EmbeddedDocs.pages[id] ?? Self.generatedPage(rule)
        FileHandle.standardOutput.write(Data((page.hasSuffix("\n") ? page : page + "\n").utf8))
    }

    /// A page built from the rule's description, for a rule whose page is not written yet.
    static func generatedPage(_ r: RuleDescription) -> String {
        var out = "# \(r.id)\n\n**\(r.title)** · \(r.severity.rawValue) · \(r.component?.title ?? "whole document")\n\n"
        out += "## Why\n\n\(r.rationale)\n"
        if !r.options.isEmpty {
            out += "\n## Options\n\n"
            for o in r.options { out += "- `\(o.name)` (default `\(o.defaultValue)`): \(o.summary)\n" }
        }
        return out
    }
}
