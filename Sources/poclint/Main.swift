import ArgumentParser
import Foundation
import POCLintCore

@main
struct POCLintMain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poclint",
        abstract: "A linter for Amazon Bedrock POC credit applications written in Markdown.",
        discussion: """
        Checks the five components reviewers score (use case, model selection rationale, \
        evaluation methodology, budget projection, 60/90-day timeline), flags vague phrasing, \
        checks the numbers and predicts the award tier.

        Start with:  poclint lint application.md
        """,
        version: POCLint.version,
        subcommands: [LintCommand.self, ReportCommand.self, LSPCommand.self],
        groupedSubcommands: [CommandGroup(name: "Everyday commands", subcommands: [
            InitCommand.self, RulesCommand.self, ExplainCommand.self, CostCommand.self,
        ])],
        defaultSubcommand: nil)

    /// Maps errors to exit codes: usage and input errors exit 2 with one line on stderr.
    static func main() {
        do {
            // `poclint lint` with plain arguments skips ArgumentParser (QuickParse.swift).
            if let command = LintCommand.quickParse(Array(CommandLine.arguments.dropFirst())) {
                try command.run()
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("poclint: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 1 {
                exit(withError: error)
            }
            if code == .validationFailure || code.rawValue == 64 {
                // One line: the problem, without the usage block.
                var message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? ""
                if message.hasPrefix("Error: ") { message.removeFirst(7) }
                FileHandle.standardError.write(Data("poclint: \(message.isEmpty ? "usage error" : message) (see --help)\n".utf8))
                Foundation.exit(2)
            }
            FileHandle.standardError.write(Data("poclint: \(error)\n".utf8))
            Foundation.exit(2)
        }
    }
}
