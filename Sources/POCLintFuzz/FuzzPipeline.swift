import POCLintCore
import POCLintReport
import POCLintRules

/// The whole pipeline on one input, as the fuzzer and the regression replay run it:
/// bytes -> `SourceDecoder` -> document -> every rule -> every output format.
///
/// Besides "no crash", it checks what every output relies on: each diagnostic's range lies
/// inside the text, and its start and end map to a line and column that exist.
enum FuzzPipeline {
    /// Every rule, the prediction and the facts the cross rules compare, once with the profile
    /// the document chooses (POC by default) and once forced to the accelerator profile.
    static let linters: [Linter] = {
        var accelerator = Configuration()
        accelerator.profileOverride = "accelerator"
        return [RuleRegistry.linter(), RuleRegistry.linter(accelerator)]
    }()

    /// Runs one input; returns the number of output bytes (so that nothing is optimised away).
    @discardableResult
    static func run(_ bytes: [UInt8]) -> Int {
        var produced = 0
        for linter in linters {
            do {
                let result = try linter.lint(bytes: bytes, path: "fuzz.md")
                produced += check(result)
            } catch {
                precondition(!error.description.isEmpty, "an input error without a message")
                // Refused input (not text, invalid UTF-8): still lint what a lossy reading gives,
                // so that every input reaches the parser and the rules.
                var lossy = Array(String(decoding: bytes, as: UTF8.self).utf8)
                for i in lossy.indices where lossy[i] == 0 { lossy[i] = 0x20 }
                let result = linter.lint(SourceText(bytes: lossy), path: "fuzz.md")
                produced += check(result)
            }
        }
        return produced
    }

    private static func check(_ result: LintResult) -> Int {
        let text = result.document.source
        let size = text.bytes.count
        for d in result.diagnostics {
            precondition(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= size,
                         "[\(d.ruleID)] range \(d.range.start)..<\(d.range.end) outside the text (\(size) bytes)")
            let start = text.location(of: d.range.start)
            let end = text.location(of: d.range.end)
            precondition(start.line >= 1 && start.line <= text.lineCount && start.column >= 1,
                         "[\(d.ruleID)] start \(start.line):\(start.column) outside the text")
            precondition(end.line >= start.line && end.line <= text.lineCount,
                         "[\(d.ruleID)] end line \(end.line) before the start or outside the text")
            for r in d.related.map(\.range) + (d.fix?.edits.map(\.range) ?? []) {
                precondition(r.start >= 0 && r.start <= r.end && r.end <= size,
                             "[\(d.ruleID)] related or fix range \(r.start)..<\(r.end) outside the text (\(size) bytes)")
            }
        }
        let files = [FileReport(path: "fuzz.md", result: result)]
        var produced = 0
        for reporter in FuzzReporters.all {
            produced += reporter.render(files, options: FuzzReporters.options).utf8.count
        }
        return produced
    }
}
