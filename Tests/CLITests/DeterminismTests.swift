import Foundation
import Testing
import POCLintCore
import POCLintReport
import POCLintRules

/// The same input and configuration give byte-identical output: run after run (each process
/// seeds Swift's hashing differently, so dictionary order cannot leak into the output), and
/// whether files are linted together on all cores or one at a time.
@Suite struct DeterminismTests {
    /// Fifty-odd different drafts: the fixtures, variants of the sample application (each
    /// component dropped, vague, duplicated or alone; LF and CRLF; BOM; front matter) and,
    /// when the corpus is there, the spec examples in ten groups.
    static func drafts() throws -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        let fixtures = repositoryRoot.appendingPathComponent("fixtures")
        // Every fixture, the accelerator ones in their subfolder included (their evidence lists
        // once came out in hash order).
        for name in (FileManager.default.subpaths(atPath: fixtures.path) ?? []).sorted()
        where name.hasSuffix(".md") {
            out.append(("fixture-" + name.replacingOccurrences(of: "/", with: "-"), readBytes(fixtures.appendingPathComponent(name).path)))
        }
        let sections = ["## Use case", "## Model selection", "## Evaluation plan", "## Budget", "## Timeline"]
        var texts: [(String, String)] = [("sample", sampleApplication), ("twice", sampleApplication + sampleApplication)]
        for (i, heading) in sections.enumerated() {
            texts.append(("without-\(i)", sampleApplication.replacingOccurrences(of: heading, with: "## Notes")))
            texts.append(("vague-\(i)", sampleApplication.replacingOccurrences(
                of: heading + "\n\n", with: heading + "\n\nWe will explore LLM opportunities; TBD. ")))
            texts.append(("duplicate-\(i)", sampleApplication + heading + "\n\nAgain, $2K to $8K a month.\n"))
            texts.append(("only-\(i)", "# Draft\n\n" + heading + "\n\nTBD\n"))
        }
        for (name, text) in texts {
            out.append((name + ".md", Array(text.utf8)))
            out.append((name + "-crlf.md", Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)))
        }
        out.append(("bom.md", [0xEF, 0xBB, 0xBF] + Array(sampleApplication.utf8)))
        out.append(("front-matter.md", Array(("---\ntitle: x\n---\n" + sampleApplication).utf8)))
        // Spec examples, in ten groups, inside an application.
        let examples = SpecExamples.all.filter { !$0.markdown.contains("\0") }
        let size = examples.count / 10 + 1
        for g in 0..<10 where g * size < examples.count {
            let chunk = examples.dropFirst(g * size).prefix(size).map(\.markdown).joined(separator: "\n")
            out.append(("spec-\(g).md", Array((sampleApplication + "\n" + chunk).utf8)))
        }
        return out
    }

    static let summaryLine = #"^[0-9]+ files? linted"#

    /// The per-file part of a text report: without the run's trailer (the cross-file table
    /// `file  tier  score ...` and the `N files linted` summary) and without blank lines.
    func perFilePart(_ output: String) -> [Substring] {
        var out: [Substring] = []
        var inTable = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { inTable = false; continue }
            if line.range(of: #"^file +tier +score"#, options: .regularExpression) != nil { inTable = true }
            if inTable || line.range(of: Self.summaryLine, options: .regularExpression) != nil { continue }
            out.append(line)
        }
        return out
    }

    @Test func repeatedRunsOverAFolderAreByteIdenticalInEveryFormat() throws {
        let dir = try TemporaryDirectory(prefix: "determinism")
        let drafts = try Self.drafts()
        #expect(drafts.count >= 50)
        for d in drafts { try dir.write(d.name, d.bytes) }
        for format in try outputFormats() {
            let args = ["lint", "--format", format, "--fail-on", "never", dir.path]
            let first = try poclint(args)
            #expect(first.exitedNormally && first.status == 0, "\(format): \(first)")
            #expect(!first.stdoutData.isEmpty)
            for _ in 0..<2 {
                let again = try poclint(args)
                #expect(again.stdoutData == first.stdoutData, "--format \(format) differs between runs")
            }
        }
    }

    @Test func aFolderRunEqualsEachFileLintedAlone() throws {
        let dir = try TemporaryDirectory(prefix: "determinism")
        let drafts = try Self.drafts()
        for d in drafts { try dir.write(d.name, d.bytes) }
        let together = try poclint(["lint", "--fail-on", "never", dir.path])
        #expect(together.exitedNormally, "\(together)")
        var alone: [Substring] = []
        for name in drafts.map(\.name).sorted() {
            let r = try poclint(["lint", "--fail-on", "never", dir.path + "/" + name])
            #expect(r.exitedNormally, "\(r)")
            alone += perFilePart(r.stdout)
        }
        let joined = perFilePart(together.stdout)
        #expect(joined.count > 100)
        let firstDifference = zip(joined, alone).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(joined == alone, "the folder run differs from the files linted one by one, first at line \(firstDifference.map { String($0) } ?? "end"): \(firstDifference.map { "\(joined[$0]) | \(alone[$0])" } ?? "")")
    }

    @Test func concurrentLintingInProcessEqualsSequential() throws {
        let drafts = try Self.drafts()
        let render: @Sendable ([UInt8]) -> String = { bytes in
            guard let result = try? fullLinter.lint(bytes: bytes, path: "d.md") else { return "input error" }
            return TextReporter().render([FileReport(path: "d.md", result: result)], options: ReportOptions())
        }
        let sequential = drafts.map { render($0.bytes) }
        final class Slots: @unchecked Sendable {
            let buffer: UnsafeMutableBufferPointer<String>
            init(_ n: Int) {
                buffer = .allocate(capacity: max(n, 1))
                buffer.initialize(repeating: "")
            }
            deinit {
                buffer.deinitialize()
                buffer.deallocate()
            }
        }
        let inputs = drafts.map(\.bytes)
        for _ in 0..<2 {
            // One slot per input, each written by exactly one worker.
            let slots = Slots(inputs.count)
            DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
                slots.buffer[i] = render(inputs[i])
            }
            #expect(Array(slots.buffer.prefix(inputs.count)) == sequential)
        }
    }
}
