import POCLintCore

/// Applies the safe fixes of a lint result to its text: fixes whose edits overlap an edit
/// already taken wait for the next pass; each pass re-lints the new text, up to ten passes
/// (so two sections inserted at one place land in order).
enum FixApplier {
    struct Outcome {
        /// The fixed text (without the BOM prefix).
        var text: [UInt8]
        /// What was applied: the fix title and the 1-based line of the finding, per pass.
        var applied: [(title: String, line: Int)]
        /// The lint result of the fixed text.
        var result: LintResult
    }

    static let maxPasses = 10

    static func fix(_ result: LintResult, linter: Linter) -> Outcome {
        var current = result
        var applied: [(title: String, line: Int)] = []
        for _ in 0..<maxPasses {
            let (bytes, titles) = applyOnce(current)
            if titles.isEmpty { break }
            applied += titles
            current = linter.lint(SourceText(bytes: bytes), path: result.path, prefix: result.prefix)
        }
        return Outcome(text: current.document.source.bytes, applied: applied, result: current)
    }

    /// One pass: every safe fix that does not overlap one taken before it.
    static func applyOnce(_ result: LintResult) -> ([UInt8], [(title: String, line: Int)]) {
        let source = result.document.source
        var taken: [TextEdit] = []
        var titles: [(title: String, line: Int)] = []
        for d in result.diagnostics {
            guard let fix = d.fix, fix.isSafe, !fix.edits.isEmpty else { continue }
            let edits = fix.edits
            let valid = edits.allSatisfy { $0.range.start >= 0 && $0.range.end <= source.bytes.count }
            let clashes = edits.contains { e in taken.contains { overlaps($0.range, e.range) } }
                || edits.indices.contains { i in edits.indices.contains { j in i < j && overlaps(edits[i].range, edits[j].range) } }
            guard valid, !clashes else { continue }
            taken += edits
            titles.append((fix.title, source.location(of: d.range.start).line))
        }
        var bytes = source.bytes
        for e in taken.sorted(by: { $0.range.start > $1.range.start }) {
            bytes.replaceSubrange(e.range.start..<e.range.end, with: Array(e.replacement.utf8))
        }
        return (bytes, titles)
    }

    /// Ranges that intersect, or two edits at one point (their order would be a guess).
    static func overlaps(_ a: SourceRange, _ b: SourceRange) -> Bool {
        if a.start < b.end && b.start < a.end { return true }
        return a.start == b.start
    }
}
