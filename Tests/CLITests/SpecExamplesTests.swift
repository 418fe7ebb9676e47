import Foundation
import Testing
import POCLintCore
import POCLintReport
import POCLintRules

/// Every example of the CommonMark and GFM specifications, and cmark-gfm's adversarial
/// samples, go through the linter without a crash, within bounded time, with every diagnostic
/// inside its text; then through the binary in every output format it offers.
@Suite(.enabled(if: corpusRoot != nil, "the shared corpus (../shared/corpus) is not there"))
struct SpecExamplesTests {
    @Test func theCorpusHoldsTheSpecExamples() {
        let perFile = Dictionary(grouping: SpecExamples.all, by: \.file).mapValues(\.count)
        #expect(perFile["commonmark-spec/spec.md", default: 0] > 600, "\(perFile)")
        #expect(perFile["cmark-gfm/test/spec.md", default: 0] > 600, "\(perFile)")
        #expect(perFile.count == SpecExamples.files.count, "\(perFile)")
        #expect(!SpecExamples.adversarial.isEmpty)
    }

    /// Each example as written, with CRLF line endings, and spliced into the use case section
    /// of a whole application (so that every component rule reads it).
    @Test(arguments: SpecExamples.files)
    func everyExampleLintsInProcess(_ file: String) throws {
        let examples = SpecExamples.all.filter { $0.file == file }
        try #require(!examples.isEmpty)
        let problems = try withHangGuard(seconds: 600) { () -> [String] in
            var problems: [String] = []
            for example in examples {
                let spliced = sampleApplication.replacingOccurrences(
                    of: "## Model selection", with: example.markdown + "\n## Model selection")
                let variants = [
                    example.markdown,
                    example.markdown.replacingOccurrences(of: "\n", with: "\r\n"),
                    spliced,
                ]
                for (v, text) in variants.enumerated() {
                    problems += lintAndCheck(Array(text.utf8), name: "\(example) variant \(v)")
                }
            }
            return problems
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func adversarialSamplesLintInProcess() throws {
        let problems = try withHangGuard(seconds: 300) { () -> [String] in
            SpecExamples.adversarial.flatMap { sample in
                // Each sample, and the sample repeated as cmark's benchmark does (bigger inputs).
                lintAndCheck(sample.bytes, name: sample.name)
                    + lintAndCheck(Array(repeating: sample.bytes, count: 20).flatMap { $0 }, name: sample.name + " x20")
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    /// All examples as files in one folder, linted by the binary once per output format;
    /// JSON and SARIF must parse.
    @Test func everyExampleLintsThroughTheBinaryInEveryFormat() throws {
        let dir = try TemporaryDirectory(prefix: "spec")
        // An example with a NUL byte is "not a text file" for the binary, and one refused
        // file stops a run (exit 2): those are checked alone.
        for example in SpecExamples.all where example.markdown.contains("\0") {
            let path = try dir.write("nul-\(example.number).md", example.markdown)
            let r = try poclint(["lint", path])
            #expect(r.exitedNormally && r.status == 2 && r.stderr.contains("not a text file"), "\(example): \(r)")
            try FileManager.default.removeItem(atPath: path)
        }
        for example in SpecExamples.all where !example.markdown.contains("\0") {
            let name = example.file.replacingOccurrences(of: "/", with: "_") + "-\(example.number).md"
            try dir.write(name, example.markdown)
        }
        for (i, sample) in SpecExamples.adversarial.enumerated() {
            try dir.write("adversarial-\(i).md", sample.bytes)
        }
        let formats = try outputFormats()
        #expect(formats.contains("text"), "\(formats)")
        for format in formats {
            // 1,400 files in one run: the hang guard is four single-file guards.
            let r = try poclint(["lint", "--format", format, "--fail-on", "never", dir.path], timeout: 4 * hangTimeout)
            #expect(r.exitedNormally, "--format \(format): \(r)")
            #expect(r.status == 0, "--format \(format): \(r)")
            #expect(!r.stdoutData.isEmpty, "--format \(format) printed nothing")
            if format == "json" || format == "sarif" {
                #expect((try? JSONSerialization.jsonObject(with: r.stdoutData)) != nil,
                        "--format \(format) is not JSON: \(r.stdout.prefix(300))")
            }
        }
    }
}

/// The `--format` values `poclint lint --help` lists (`(values: text, json, ...; default: ...)`).
func outputFormats() throws -> [String] {
    let help = try poclint(["lint", "--help"]).stdout
    guard let option = help.range(of: "--format <") else { return ["text"] }
    let rest = help[option.upperBound...]
    guard let values = rest.range(of: "(values:") else { return ["text"] }
    let list = rest[values.upperBound...].prefix { $0 != ";" && $0 != ")" }
    let names = list.split(separator: ",").map { $0.split(whereSeparator: \.isWhitespace).joined() }.filter { !$0.isEmpty }
    return names.isEmpty ? ["text"] : names
}

/// The linter every in-process test uses: all rules, default configuration.
let fullLinter = Linter(rules: RuleRegistry.all)

/// Lints bytes in process and renders the text report; returns what is wrong (nothing, when
/// every diagnostic lies inside the text). A crash ends the test run, which also fails it.
func lintAndCheck(_ bytes: [UInt8], name: String) -> [String] {
    let result: LintResult
    do {
        result = try fullLinter.lint(bytes: bytes, path: "example.md")
    } catch {
        if error.description.isEmpty { return ["\(name): an input error without a message"] }
        // Refused (a NUL byte): lint the text with the NULs blanked, so the parser still reads it.
        let blanked = Array(String(decoding: bytes.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).utf8)
        result = fullLinter.lint(SourceText(bytes: blanked), path: "example.md")
    }
    var problems: [String] = []
    let text = result.document.source
    for d in result.diagnostics {
        let ranges = [d.range] + d.related.map(\.range) + (d.fix?.edits.map(\.range) ?? [])
        for r in ranges where r.start < 0 || r.end > text.bytes.count || r.start > r.end {
            problems.append("\(name): [\(d.ruleID)] range \(r.start)..<\(r.end) outside \(text.bytes.count) bytes")
        }
        let start = text.location(of: d.range.start)
        if start.line < 1 || start.line > text.lineCount || start.column < 1 {
            problems.append("\(name): [\(d.ruleID)] starts at \(start.line):\(start.column), outside the text")
        }
    }
    let rendered = TextReporter().render([FileReport(path: "example.md", result: result)], options: ReportOptions())
    if rendered.isEmpty { problems.append("\(name): empty text report") }
    return problems
}

/// Runs `body` on its own thread and fails the test if it has not finished after `seconds`
/// (a hang guard, not a timing: the limit is many times what the work needs).
func withHangGuard<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () -> T) throws -> T {
    let box = HangGuardBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.start()
    guard done.wait(timeout: .now() + seconds) == .success, let value = box.value else {
        Issue.record("did not finish within \(Int(seconds)) s: a hang")
        throw HangError()
    }
    return value
}

struct HangError: Error {}

/// Carries a result from the guarded thread; written once, read after the semaphore.
private final class HangGuardBox<T>: @unchecked Sendable {
    var value: T?
}
