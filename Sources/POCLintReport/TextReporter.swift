import POCLintCore

/// Human output: `file:line:col: severity: message [rule-id]`, the source line with a caret
/// underline, the rule's page, and a summary line. Colour only when asked (a terminal).
public struct TextReporter: StreamingReporter {
    public init() {}

    public func render(_ files: [FileReport], options: ReportOptions) -> String {
        ReportStream.render(self, files, options: options)
    }

    public func streamHeader(_ options: ReportOptions) -> [UInt8] { [] }

    /// A file's findings, then its scorecard block.
    public func streamPart(_ file: FileReport, _ options: ReportOptions) -> (bytes: [UInt8], deferred: [UInt8]) {
        var out = ""
        let text = file.result.document.source
        for d in file.result.diagnostics {
            let loc = text.location(of: d.range.start)
            let sev = paint(d.severity.rawValue, color: Self.color(d.severity), options)
            out += "\(paint("\(file.path):\(loc.line):\(loc.column):", color: "1", options)) \(sev): \(d.message) \(paint("[\(d.ruleID)]", color: "2", options))\n"
            out += snippet(text, d.range, options)
            if let s = d.suggestion { out += "  = help: \(s)\n" }
            out += "  = see: \(options.helpURL(d.ruleID))\n"
        }
        if options.scorecard {
            for p in file.result.predictions { out += Scorecard.block(file.path, p, text) }
        }
        return (Array(out.utf8), [])
    }

    public var streamSeparator: [UInt8] { [] }

    /// The table across files (when there are several) and the summary line.
    public func streamFooter(_ run: StreamedRun, _ options: ReportOptions, _ write: ([UInt8]) -> Void) {
        var out = ""
        if options.scorecard && (run.files.count > 1 || run.files.contains { $0.parts > 1 }) {
            out += Scorecard.table(rows: run.files.flatMap(\.rows))
        }
        let c = run.counts
        out += "\n" + summary(files: run.files.count, [.error: c.error, .warning: c.warning, .info: c.info], options)
        write(Array(out.utf8))
    }

    static func color(_ s: Severity) -> String {
        switch s {
        case .error: "1;31"
        case .warning: "1;33"
        case .info: "1;36"
        }
    }

    func paint(_ s: String, color: String, _ o: ReportOptions) -> String {
        o.color ? "\u{1B}[\(color)m\(s)\u{1B}[0m" : s
    }

    /// The first line of the range with a caret underline (tabs kept so carets align).
    /// How much of a long line to show around a finding (bytes on each side, and of the
    /// finding itself): a pasted paragraph of 1 MB on one line must not print 1 MB per finding.
    static let context = 60
    static let maxMarked = 120

    func snippet(_ text: SourceText, _ range: SourceRange, _ o: ReportOptions) -> String {
        let start = text.location(of: range.start)
        let lineRange = text.lineContentRange(start.line)
        let endOffset = min(max(range.end, start.offset), lineRange.end)
        let bytes = text.bytes
        func boundary(_ i: Int) -> Int {
            var i = i
            while i > lineRange.start && i < lineRange.end && (bytes[i] & 0xC0) == 0x80 { i -= 1 }
            return i
        }
        let from = boundary(max(lineRange.start, start.offset - Self.context))
        let markEnd = boundary(min(endOffset, start.offset + Self.maxMarked))
        let to = boundary(min(lineRange.end, markEnd + Self.context))
        let lead = from > lineRange.start ? "…" : ""
        let tail = to < lineRange.end ? "…" : ""
        let line = lead + text.string(SourceRange(from, to)) + tail
        let prefix = lead + text.string(SourceRange(from, start.offset))
        let marked = text.string(SourceRange(start.offset, max(start.offset, markEnd)))
        let pad = String(prefix.unicodeScalars.map { $0 == "\t" ? "\t" : " " })
        let width = max(1, marked.unicodeScalars.count)
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count)
        return "\(gutter) |\n\(number) | \(line)\n\(gutter) | \(pad)\(paint(String(repeating: "^", count: width), color: "1;32", o))\n"
    }

    func summary(files: Int, _ counts: [Severity: Int], _ o: ReportOptions) -> String {
        let e = counts[.error] ?? 0, w = counts[.warning] ?? 0, i = counts[.info] ?? 0
        let total = e + w + i
        let fileWord = files == 1 ? "file" : "files"
        if total == 0 { return "\(files) \(fileWord) linted: no problems\n" }
        func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        return "\(files) \(fileWord) linted: \(n(e, "error")), \(n(w, "warning")), \(i) info\n"
    }
}
