import ArgumentParser
import Foundation
import POCLintCore
import POCLintReport
import POCLintRules

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML review of one application: tier, scorecard, fixes, runway, highlighted findings.",
        discussion: """
        The page has no script and loads nothing from elsewhere: open it in any browser, print \
        it to PDF or send it. The application is linted exactly as `poclint lint` would (the \
        nearest .poclint.yml above it, or --config).

        Without -o the review is written beside the application as NAME.review.html. An \
        existing file is replaced only if it is a poclint report (or with --force); the \
        application itself is never overwritten. -o - writes the page to standard output.

        The date on the page is today's (UTC), or SOURCE_DATE_EPOCH's when it is set.

        Exit status: 0 when the review is written, whatever it finds; 2 on a usage, \
        configuration, input or output error (one line on stderr).
        """)

    @Argument(help: ArgumentHelp("The application (a Markdown file, or - for standard input).", valueName: "APPLICATION.md"))
    var path: String

    @Option(name: [.short, .long], help: ArgumentHelp("Write the review to FILE (- for standard output). Default: NAME.review.html beside the application.", valueName: "FILE"))
    var output: String?

    @Flag(name: .long, help: "Replace FILE even if it is not a poclint report.")
    var force = false

    @Option(name: .long, help: ArgumentHelp("Review the application with this profile: \(RulePack.builtIn.profiles.map(\.id).joined(separator: ", ")).", valueName: "PROFILE"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Use this configuration file (no search for .poclint.yml).", valueName: "FILE"))
    var config: String?

    mutating func validate() throws {
        if path == "-" && output == nil {
            throw ValidationError("reading standard input: give -o FILE (or -o - for standard output)")
        }
        if output?.isEmpty == true { throw ValidationError("-o needs a file name") }
        if let profile { try ProfileOption.validate(profile) }
    }

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let isStdin = path == "-"
        if !isStdin {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw CLIError("\(path): no such file")
            }
            if isDir.boolValue { throw CLIError("\(path): is a directory; poclint report takes one application (a Markdown file)") }
        }

        // Configuration: the same discovery as `poclint lint`.
        let loader = ConfigLoader(rules: RuleCatalog.descriptions, workingDirectory: cwd)
        if let config, !PathUtil.isFile(PathUtil.absolute(config, relativeTo: cwd)) {
            throw CLIError("\(config): configuration file not found")
        }
        let configPath: String?
        if let config {
            configPath = config
        } else {
            let dir = isStdin ? cwd : PathUtil.parent(PathUtil.absolute(path, relativeTo: cwd))
            configPath = loader.discover(forFileIn: dir)
        }
        var configuration: Configuration
        do {
            configuration = try loader.configuration(configPath)
        } catch {
            throw CLIError(error.description)
        }
        configuration.profileOverride = profile

        let shown = isStdin ? "<stdin>" : Self.displayPath(path)
        let result: LintResult
        do throws(InputError) {
            let bytes = try FileCollector.read(InputFile(path: path, isStdin: isStdin))
            result = try RuleRegistry.linter(configuration).lint(bytes: bytes, path: shown)
        } catch {
            throw CLIError(error.description)
        }

        var report = ReportOptions()
        report.rules = RuleCatalog.descriptions
        let options = HTMLReportOptions(report: report, date: Self.today(), configuration: configuration)
        let html = HTMLReport().render(FileReport(path: shown, result: result), options: options)

        if output == "-" {
            FileHandle.standardOutput.write(Data(html.utf8))
            return
        }
        let target = output ?? Self.defaultOutput(for: path)
        try checkTarget(target, cwd: cwd)
        do {
            try AtomicWriter.write(Array(html.utf8), to: target)
        } catch {
            throw CLIError("\(target): cannot write the review: \(error)")
        }
        let counts = SeverityCounts(result.diagnostics)
        var line = "wrote \(target)"
        if let p = result.prediction {
            line += ": predicted \(p.tier.words) (\(Scorecard.award(p.award))), score \(Scorecard.formatted(p.overall))/100"
        }
        line += ", \(counts.total) finding\(counts.total == 1 ? "" : "s") (\(counts.phrase))\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// Refuses to replace the application itself, a directory, or a file that is not a
    /// poclint report (unless --force).
    func checkTarget(_ target: String, cwd: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDir) else { return }
        if isDir.boolValue { throw CLIError("\(target): is a directory; give -o a file name") }
        if path != "-" {
            let a = PathUtil.absolute(target, relativeTo: cwd)
            let b = PathUtil.absolute(path, relativeTo: cwd)
            if a == b || Self.sameFile(a, b) {
                throw CLIError("\(target): is the application itself; give -o another file")
            }
        }
        if !force && !Self.isReport(target) {
            throw CLIError("\(target) already exists and is not a poclint report; use --force to overwrite it")
        }
    }

    /// The path as the page shows it: as given when relative, the file name when absolute or
    /// when it climbs out of the working directory (the page names nothing of the machine).
    static func displayPath(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        if p.hasPrefix("/") || p.hasPrefix("~") || p.split(separator: "/").contains("..") { return name }
        return p.isEmpty ? name : p
    }

    /// `drafts/acme.md` -> `drafts/acme.review.html`.
    static func defaultOutput(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        var name = url.lastPathComponent
        for ext in [".markdown", ".md"] where name.lowercased().hasSuffix(ext) && name.count > ext.count {
            name = String(name.dropLast(ext.count))
            break
        }
        let file = name + ".review.html"
        if let slash = path.lastIndex(of: "/") { return String(path[...slash]) + file }
        return file
    }

    /// Whether the file starts like a page written by `poclint report`.
    static func isReport(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = h.readData(ofLength: 4096)
        return String(decoding: head, as: UTF8.self).contains("<meta name=\"generator\" content=\"\(HTMLReport.generatorPrefix)")
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Today (UTC), or the day of SOURCE_DATE_EPOCH for reproducible output.
    static func today() -> String {
        if let v = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let s = Int(v) {
            return HTMLReport.isoDate(epochSeconds: s)
        }
        return HTMLReport.isoDate(epochSeconds: Int(Date().timeIntervalSince1970))
    }
}
