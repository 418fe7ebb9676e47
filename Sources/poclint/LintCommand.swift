import ArgumentParser
import Dispatch
import Foundation
import POCLintCore
import POCLintReport
import POCLintRules

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github
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
        standard input. Each file is linted with the nearest .poclint.yml above it (up to the \
        repository root), unless --config names one.

        Exit status: 0 when nothing reaches the failing severity (--fail-on) and the warnings \
        stay within --max-warnings; 1 otherwise; 2 on a usage, configuration or input error \
        (one line on stderr).
        """)

    @Argument(help: "Files, directories or - (standard input).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to FILE (the human report then goes to standard output).", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: "Lowest severity that makes the exit status 1: error, warning, info or never.")
    var failOn: FailLevel = .error

    @Option(name: .long, help: ArgumentHelp("Exit 1 when there are more than N warnings.", valueName: "N"))
    var maxWarnings: Int?

    @Flag(name: .long, help: "Exit 0 even when findings reach --fail-on or --max-warnings (2 still means an error).")
    var exitZero = false

    @Option(name: .long, help: ArgumentHelp("Exit 1 when a document's predicted tier is below TIER (POC: ceiling, standard, floor, rejection-risk; accelerator: ceiling, upper-median, median, lower-median, floor, rejection-risk). PROFILE:TIER gates one profile only; repeat for several.", valueName: "TIER"))
    var minTier: [String] = []

    @Option(name: .long, help: ArgumentHelp("Lint every single-application document with this profile: \(RulePack.builtIn.profiles.map(\.id).joined(separator: ", ")) (a document holding two applications is always linted as two parts).", valueName: "PROFILE"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Use this configuration file for every input (no search for .poclint.yml).", valueName: "FILE"))
    var config: String?

    @Flag(name: .long, help: "Print the merged configuration that applies to the first PATH (or the current folder) and exit.")
    var printConfig = false

    @Flag(name: .long, help: "Apply the safe fixes, write the files back, and report what remains.")
    var fix = false

    @Flag(name: .long, help: "With --fix: print the changes as a unified diff instead of writing them.")
    var dryRun = false

    @Flag(name: .long, help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(name: .long, help: "Report errors only.")
    var quiet = false

    mutating func validate() throws {
        if paths.isEmpty && !printConfig { throw ValidationError("give at least one file or directory to lint (or - for standard input)") }
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
        if let n = maxWarnings, n < 0 { throw ValidationError("--max-warnings takes a number of 0 or more") }
        if fix && paths.contains("-") && !dryRun { throw ValidationError("--fix cannot write standard input back; use --fix --dry-run to see the diff") }
        if let profile { try ProfileOption.validate(profile) }
        _ = try TierGate(minTier)
    }

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let loader = ConfigLoader(rules: RuleCatalog.descriptions, workingDirectory: cwd)
        if let config, !PathUtil.isFile(PathUtil.absolute(config, relativeTo: cwd)) {
            throw CLIError("\(config): configuration file not found")
        }
        if printConfig {
            try printConfiguration(loader)
            return
        }
        var inputs: [InputFile]
        do {
            inputs = try FileCollector.collect(paths)
        } catch {
            throw CLIError(error.description)
        }
        // A stable order whatever the order of the arguments: standard input first, then by path.
        inputs.sort { a, b in a.isStdin != b.isStdin ? a.isStdin : a.path < b.path }

        // One linter per configuration file; files that share a configuration share its pack.
        var linters: [Linter] = []
        var linterIndex: [String: Int] = [:]
        var assignment: [Int] = []
        for input in inputs {
            let path = try configPath(for: input, loader, cwd: cwd)
            let key = path ?? ""
            if let i = linterIndex[key] {
                assignment.append(i)
                continue
            }
            let configuration: Configuration
            do {
                configuration = try loader.configuration(path)
            } catch {
                throw CLIError(error.description)
            }
            var configured = configuration
            configured.profileOverride = profile
            linterIndex[key] = linters.count
            assignment.append(linters.count)
            linters.append(RuleRegistry.linter(configured))
        }

        if !fix {
            try lintStreaming(inputs, linters: assignment.map { linters[$0] })
            return
        }
        let outcome = LintRun.run(inputs, linters: assignment.map { linters[$0] }, keepTrees: fix)
        // A file that cannot be read is one line on stderr; the others are still linted and
        // reported, and the exit status is 2.
        for failure in outcome.failures {
            FileHandle.standardError.write(Data("poclint: \(failure.description)\n".utf8))
        }
        if !outcome.failures.isEmpty && outcome.reports.isEmpty { throw ExitCode(2) }
        let survivors = inputs.enumerated().filter { i, _ in outcome.succeeded[i] }
        var reports = CrossFiles.compare(outcome.reports, linters: survivors.map { linters[assignment[$0.offset]] })
        do {
            if fix {
                reports = try applyFixes(reports, inputs: survivors.map(\.element), linters: survivors.map { linters[assignment[$0.offset]] })
                if dryRun { try finish(reports, printReport: false); return }
            }
            try finish(reports, printReport: true)
        } catch let code as ExitCode where code == ExitCode(1) && !outcome.failures.isEmpty {
            throw ExitCode(2)
        }
        if !outcome.failures.isEmpty { throw ExitCode(2) }
    }

    func reportOptions() -> ReportOptions {
        var options = ReportOptions()
        options.scorecard = !quiet
        options.rules = RuleCatalog.descriptions
        options.baseDirectory = FileManager.default.currentDirectoryPath
        return options
    }

    func configPath(for input: InputFile, _ loader: ConfigLoader, cwd: String) throws -> String? {
        if let config { return config }
        let dir = input.isStdin ? cwd : PathUtil.parent(PathUtil.absolute(input.path, relativeTo: cwd))
        return loader.discover(forFileIn: dir)
    }

    func printConfiguration(_ loader: ConfigLoader) throws {
        let cwd = FileManager.default.currentDirectoryPath
        var path = config
        if path == nil {
            let target = paths.first.map { PathUtil.absolute($0, relativeTo: cwd) } ?? cwd
            var isDir: ObjCBool = false
            let dir = FileManager.default.fileExists(atPath: target, isDirectory: &isDir) && isDir.boolValue ? target : PathUtil.parent(target)
            path = loader.discover(forFileIn: dir)
        }
        var values = ConfigFile()
        var files: [String] = []
        var pack = RulePack.builtIn
        if let path {
            do {
                let r = try loader.resolve(path)
                values = r.values
                files = r.files.map { PathUtil.display($0, base: cwd) }
                pack = try loader.configuration(path).pack
            } catch {
                throw CLIError(error.description)
            }
        }
        let text = ConfigPrinter.render(values, files: files, rules: RuleCatalog.descriptions, pack: pack)
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Applies safe fixes (or, with --dry-run, prints their diff) and returns the reports of
    /// what remains.
    func applyFixes(_ reports: [FileReport], inputs: [InputFile], linters: [Linter]) throws -> [FileReport] {
        var out: [FileReport] = []
        var diff = ""
        for (i, report) in reports.enumerated() {
            let outcome = FixApplier.fix(report.result, linter: linters[i])
            guard !outcome.applied.isEmpty else {
                out.append(report)
                continue
            }
            let name = report.path
            if dryRun {
                diff += UnifiedDiff.diff(report.result.document.source.bytes, outcome.text,
                                         oldName: "a/" + name, newName: "b/" + name)
            } else {
                do {
                    try AtomicWriter.write(report.result.prefix + outcome.text, to: inputs[i].path)
                } catch {
                    throw CLIError("\(name): cannot write the fixed file: \(error)")
                }
                let list = outcome.applied.map { "\($0.title) (line \($0.line))" }.joined(separator: "; ")
                let n = outcome.applied.count
                FileHandle.standardError.write(Data("poclint: \(name): fixed \(n) problem\(n == 1 ? "" : "s"): \(list)\n".utf8))
            }
            out.append(FileReport(path: report.path, result: outcome.result))
        }
        if dryRun {
            FileHandle.standardOutput.write(Data(diff.utf8))
        }
        return out
    }

    func finish(_ all: [FileReport], printReport: Bool) throws {
        var reports = all
        if quiet {
            reports = reports.map { FileReport(path: $0.path, result: $0.result.filtered { $0.severity == .error }) }
        }
        if printReport {
            var options = reportOptions()
            let reporter = Reporters.named(format.rawValue) ?? TextReporter()
            if let output {
                let data = Data(reporter.render(reports, options: options).utf8)
                do {
                    try AtomicWriter.write(Array(data), to: output)
                } catch {
                    throw CLIError("\(output): cannot write the report: \(error)")
                }
                if format != .text {
                    var human = options
                    human.color = !noColor && Terminal.wantsColor
                    FileHandle.standardOutput.write(Data(TextReporter().render(reports, options: human).utf8))
                }
            } else {
                options.color = format == .text && !noColor && Terminal.wantsColor
                FileHandle.standardOutput.write(Data(reporter.render(reports, options: options).utf8))
                if format != .text && !quiet {
                    let counts = SeverityCounts(reports)
                    FileHandle.standardError.write(Data("poclint: \(reports.count) file\(reports.count == 1 ? "" : "s") linted: \(counts.phrase)\n".utf8))
                }
            }
        }
        try exitStatus(reports.map(FileSummary.init))
    }

    /// Exit status 1 when findings reach --fail-on, the warnings exceed --max-warnings or a
    /// prediction is below --min-tier (unless --exit-zero); the reasons on stderr.
    func exitStatus(_ files: [FileSummary]) throws {
        let counts = SeverityCounts(summaries: files)
        var failing = false
        if let level = failOn.severity {
            failing = files.contains { f in
                switch level {
                case .error: f.counts.error > 0
                case .warning: f.counts.error + f.counts.warning > 0
                case .info: f.counts.total > 0
                }
            }
        }
        if let n = maxWarnings, counts.warning > n {
            failing = true
            FileHandle.standardError.write(Data("poclint: \(counts.warning) warnings, more than --max-warnings \(n)\n".utf8))
        }
        let gate = try TierGate(minTier)
        if !gate.isEmpty {
            for f in files {
                for p in f.tiers {
                    switch gate.check(profile: p.profile, tier: p.tier) {
                    case .pass: continue
                    case .below(let limit):
                        failing = true
                        let what = f.parts > 1 ? " (\(p.profile) application)" : ""
                        FileHandle.standardError.write(Data("poclint: \(f.path)\(what) predicts \(p.tier.rawValue), below --min-tier \(limit)\n".utf8))
                    case .notATier(let message):
                        throw CLIError("\(f.path): \(message)")
                    }
                }
            }
        }
        if failing && !exitZero { throw ExitCode(1) }
    }
}

/// A one-line error for stderr with exit status 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

enum Terminal {
    static var wantsColor: Bool {
        // getenv, not ProcessInfo.environment (which copies the whole environment into a dictionary).
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        return isatty(STDOUT_FILENO) != 0
    }
}

/// Writes a file atomically: a temporary file beside it, then a rename. The file keeps its
/// permissions.
enum AtomicWriter {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        if let errno = OutputBuffer.writeAll(file.fd, bytes) {
            file.abort()
            throw Failure(description: String(cString: strerror(errno)))
        }
        try file.commit()
    }
}

/// Lints many files on all cores; results come back in input order (sorted by path).
enum LintRun {
    struct Outcome {
        var reports: [FileReport]
        var failures: [InputError]
        /// For each input, whether it was linted (its report is in `reports`, in order).
        var succeeded: [Bool] = []
    }

    static func run(_ inputs: [InputFile], linter: Linter, keepTrees: Bool = false) -> Outcome {
        run(inputs, linters: Array(repeating: linter, count: inputs.count), keepTrees: keepTrees)
    }

    /// `linters[i]` lints `inputs[i]`. With `keepTrees` the results keep their whole document.
    static func run(_ inputs: [InputFile], linters: [Linter], keepTrees: Bool = false) -> Outcome {
        let results = ResultSlots(count: inputs.count)
        let lintOne: @Sendable (Int) -> Void = { i in
            let input = inputs[i]
            let name = input.isStdin ? "<stdin>" : input.path
            do throws(InputError) {
                let bytes = try FileCollector.read(input)
                let result = try linters[i].lint(bytes: bytes, path: name)
                // Keep only what the reporters read: the tree of every file would stay alive
                // until the end of the run otherwise (about 12x the size of the text).
                results.slots[i] = .success(keepTrees ? result : result.compacted())
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
            case .success(let r):
                outcome.reports.append(FileReport(path: r.path, result: r))
                outcome.succeeded.append(true)
            case .failure(let e):
                outcome.failures.append(e)
                outcome.succeeded.append(false)
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


