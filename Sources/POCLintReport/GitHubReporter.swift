import POCLintCore

/// GitHub Actions workflow commands, one line per finding and, unless `--quiet`, one notice
/// per application with its predicted tier (docs/formats/github.md):
/// `::warning file=apps/acme.md,line=3,col=10,endLine=3,endColumn=22,title=poclint vague-phrase::message`.
/// Columns count Unicode scalars from 1; the end column is exclusive; `col`/`endColumn`
/// are given only when the finding starts and ends on one line, as GitHub requires.
public struct GitHubReporter: StreamingReporter {
    public init() {}

    public func render(_ files: [FileReport], options: ReportOptions) -> String {
        ReportStream.render(self, files, options: options)
    }

    public func streamHeader(_ options: ReportOptions) -> [UInt8] { [] }

    public func streamPart(_ file: FileReport, _ options: ReportOptions) -> (bytes: [UInt8], deferred: [UInt8]) {
        var out = ""
        let text = file.result.document.source
        for d in file.result.diagnostics {
            out += line(d, path: file.path, text: text, options: options) + "\n"
        }
        if options.scorecard {
            for part in file.result.parts {
                guard let p = part.prediction else { continue }
                out += predictionLine(p, part: part, path: file.path, text: text) + "\n"
            }
        }
        return (Array(out.utf8), [])
    }

    public var streamSeparator: [UInt8] { [] }

    public func streamFooter(_ run: StreamedRun, _ options: ReportOptions, _ write: ([UInt8]) -> Void) {}

    /// `::notice file=app.md,line=1,title=poclint prediction (accelerator)::predicted median ($300K), score 71/100 ...`
    /// at the first line of the application.
    func predictionLine(_ p: Prediction, part: PartResult, path: String, text: SourceText) -> String {
        let line = text.location(of: part.part.scope?.start ?? 0).line
        let params = ["file=" + Self.escapeProperty(Self.relative(path)), "line=\(line)",
                      "title=" + Self.escapeProperty("poclint prediction (\(p.profile))")]
        var message = "predicted \(p.tier.words) (\(Scorecard.award(p.award))), score \(Scorecard.formatted(p.overall))/100"
        if let next = p.nextTier, !p.fixesToNextTier.isEmpty {
            let n = p.fixesToNextTier.count
            message += "; \(n) fix\(n == 1 ? "" : "es") to reach \(next.words) (\(Scorecard.award(p.nextAward ?? 0)))"
        }
        for s in Scorecard.relevantSignals(p) where !s.met { message += "\n\(s.title): not met (\(s.detail))" }
        return "::notice \(params.joined(separator: ","))::\(Self.escapeData(message))"
    }

    func line(_ d: Diagnostic, path: String, text: SourceText, options: ReportOptions) -> String {
        let span = Span(d.range, in: text)
        var params = ["file=" + Self.escapeProperty(Self.relative(path))]
        params.append("line=\(span.start.line)")
        if span.start.line == span.end.line {
            params.append("col=\(span.start.column)")
            params.append("endLine=\(span.end.line)")
            params.append("endColumn=\(span.end.column)")
        } else {
            params.append("endLine=\(span.end.line)")
        }
        params.append("title=" + Self.escapeProperty("poclint \(d.ruleID)"))
        var message = d.message
        if let s = d.suggestion { message += "\n" + s }
        message += "\n" + options.helpURL(d.ruleID)
        return "::\(Self.command(d.severity)) \(params.joined(separator: ","))::\(Self.escapeData(message))"
    }

    static func command(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    static func relative(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }

    /// The message: `%`, CR and LF escaped (actions/toolkit `escapeData`).
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A property value: as the message, plus `:` and `,` (actions/toolkit `escapeProperty`).
    public static func escapeProperty(_ s: String) -> String {
        var out = ""
        for c in escapeData(s).unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
