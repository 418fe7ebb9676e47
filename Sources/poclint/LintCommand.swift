import ArgumentParser
import Dispatch
import Foundation
import POCLintCore
import POCLintReport
import POCLintRules

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
}

enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never
    var severity: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        case .never: nil
        }
    }
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint Bedrock POC credit applications written in Markdown.",
        discussion: """
        PATH is a Markdown file, a directory (searched for *.md and *.markdown) or - for \
        standard input.

        Exit status: 0 when nothing reaches the failing severity (--fail-on), 1 when \
        something does, 2 on a usage, configuration or input error.
        """)

    @Argument(help: "Files, directories or - (standard input).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Lowest severity that makes the exit status 1: error, warning, info or never.")
    var failOn: FailLevel = .error

    @Flag(name: .long, help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(name: .long, help: "Report errors only.")
    var quiet = false

    mutating func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory to lint (or - for standard input)") }
    }

    func run() throws {
        let inputs: [InputFile]
        do {
            inputs = try FileCollector.collect(paths)
        } catch {
            throw CLIError(error.description)
        }
        let linter = Linter(rules: RuleRegistry.all, configuration: Configuration())
        let outcome = LintRun.run(inputs, linter: linter)
        if let failure = outcome.failures.first {
            throw CLIError(failure.description)
        }
        var reports = outcome.reports
        if quiet {
            reports = reports.map { FileReport(path: $0.path, result: $0.result.filtered { $0.severity == .error }) }
        }
        var options = ReportOptions()
        options.color = !noColor && Terminal.wantsColor
        let output = TextReporter().render(reports, options: options)
        FileHandle.standardOutput.write(Data(output.utf8))
        if let level = failOn.severity,
           reports.contains(where: { $0.result.diagnostics.contains { $0.severity >= level } }) {
            throw ExitCode(1)
        }
    }
}

/// A one-line error for stderr with exit status 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

enum Terminal {
    static var wantsColor: Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(STDOUT_FILENO) != 0
    }
}

/// Lints many files on all cores; results come back in input order.
enum LintRun {
    struct Outcome {
        var reports: [FileReport]
        var failures: [InputError]
    }

    static func run(_ inputs: [InputFile], linter: Linter) -> Outcome {
        let results = ResultSlots(count: inputs.count)
        let lintOne: @Sendable (Int) -> Void = { i in
            let input = inputs[i]
            let name = input.isStdin ? "<stdin>" : input.path
            do throws(InputError) {
                let bytes = try FileCollector.read(input)
                results.slots[i] = .success(try linter.lint(bytes: bytes, path: name))
            } catch {
                results.slots[i] = .failure(error)
            }
        }
        if inputs.count > 1 {
            DispatchQueue.concurrentPerform(iterations: inputs.count, execute: lintOne)
        } else if inputs.count == 1 {
            lintOne(0)
        }
        var outcome = Outcome(reports: [], failures: [])
        for i in 0..<inputs.count {
            switch results.slots[i]! {
            case .success(let r): outcome.reports.append(FileReport(path: r.path, result: r))
            case .failure(let e): outcome.failures.append(e)
            }
        }
        return outcome
    }
}

/// One slot per input, each written by exactly one worker, read after all have finished.
private final class ResultSlots: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<Result<LintResult, InputError>?>
    init(count: Int) {
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}
