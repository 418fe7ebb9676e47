import POCLintCore
import POCLintReport

/// One lint of one version of an open document: what diagnostics, code actions and hover read.
public struct LintSnapshot: Sendable {
    public let uri: String
    /// The client's version of the text (nil for a document read from disk).
    public let version: Int?
    /// The server's counter for the text and configuration this lint saw (the pull `resultId`).
    public let generation: Int
    public let result: LintResult

    public var text: SourceText { result.document.source }
}

/// Turns engine results into LSP values.
public enum LSPFeatures {
    static let source = "poclint"

    // MARK: diagnostics

    /// LSP severity: 1 error, 2 warning, 3 information.
    static func severity(_ s: Severity) -> Int {
        switch s {
        case .error: 1
        case .warning: 2
        case .info: 3
        }
    }

    /// The LSP diagnostics of a lint, in the engine's order.
    public static func diagnostics(_ snapshot: LintSnapshot, report: ReportOptions = ReportOptions()) -> [JSON] {
        snapshot.result.diagnostics.map { diagnostic($0, snapshot, report: report) }
    }

    static func diagnostic(_ d: Diagnostic, _ snapshot: LintSnapshot, report: ReportOptions) -> JSON {
        let text = snapshot.text
        var message = d.message
        if let suggestion = d.suggestion, !suggestion.isEmpty { message += "\n" + suggestion }
        var data: [String: JSON] = ["rule": .string(d.ruleID)]
        if let version = snapshot.version { data["version"] = .int(version) }
        if let fix = d.fix { data["fix"] = fixJSON(fix, text) }
        let related: JSON? = d.related.isEmpty ? nil : .array(d.related.map { r in
            .object([
                "location": .object(["uri": .string(snapshot.uri), "range": text.lspRange(of: r.range).json]),
                "message": .string(r.message),
            ])
        })
        return .members([
            ("range", text.lspRange(of: d.range).json),
            ("severity", .int(severity(d.severity))),
            ("code", .string(d.ruleID)),
            ("codeDescription", .object(["href": .string(report.helpURL(d.ruleID))])),
            ("source", .string(source)),
            ("message", .string(message)),
            ("relatedInformation", related),
            ("data", .object(data)),
        ])
    }

    /// A fix as LSP text edits, ranges in the text the lint saw.
    static func fixJSON(_ fix: Fix, _ text: SourceText) -> JSON {
        .object([
            "title": .string(fix.title),
            "isSafe": .bool(fix.isSafe),
            "edits": .array(fix.edits.map { e in
                .object(["range": text.lspRange(of: e.range).json, "newText": .string(e.replacement)])
            }),
        ])
    }

    // MARK: code actions

    /// Quick fixes for the diagnostics of `snapshot` that touch `range`. A diagnostic the
    /// client sends back is matched by rule and range, so the action names the very object
    /// the editor shows; the edits always come from the current lint.
    public static func codeActions(_ snapshot: LintSnapshot, range: LSPRange, clientDiagnostics: [JSON],
                                   report: ReportOptions = ReportOptions()) -> [JSON] {
        let text = snapshot.text
        var actions: [JSON] = []
        for d in snapshot.result.diagnostics {
            guard let fix = d.fix, !fix.edits.isEmpty else { continue }
            let lspRange = text.lspRange(of: d.range)
            let ours = diagnostic(d, snapshot, report: report)
            let theirs = clientDiagnostics.first { c in
                c["code"]?.string == d.ruleID && LSPRange(c["range"]) == lspRange
                    && (c["source"]?.string ?? source) == source
            }
            guard theirs != nil || lspRange.touches(range) else { continue }
            let edits = fix.edits.map { e in
                JSON.object(["range": text.lspRange(of: e.range).json, "newText": .string(e.replacement)])
            }
            actions.append(.members([
                ("title", .string(fix.title)),
                ("kind", .string("quickfix")),
                ("diagnostics", .array([theirs ?? ours])),
                ("isPreferred", fix.isSafe ? .bool(true) : nil),
                ("edit", .object(["changes": .object([snapshot.uri: .array(edits)])])),
            ]))
        }
        return actions
    }

    // MARK: hover

    /// Hover on a section title: the component it was taken for and why; on the document's
    /// title, the predicted tier and the component map. Nil elsewhere.
    public static func hover(_ snapshot: LintSnapshot, at position: LSPPosition) -> JSON? {
        let text = snapshot.text
        let result = snapshot.result
        let doc = result.document
        let offset = text.offset(of: position)
        let hit = doc.sections.indices.last { i in
            let s = doc.sections[i]
            let r = s.kind == .heading ? doc.blocks[s.block].range : s.titleRange
            return r.contains(offset) || r.end == offset
        }
        guard let index = hit else { return nil }
        let section = doc.sections[index]
        let markdown: String
        let isAssigned = result.components.assignments.values.contains { $0.section == index }
        let firstTitle = doc.sections.firstIndex { $0.kind == .heading && $0.level == 1 }
        let partTitle = result.parts.count > 1 && result.parts.contains { $0.part.scope.map { doc.blocks[section.block].range.start == $0.start || (index == 0 && $0.start == 0) } ?? false }
        if result.components.titleSection == index || (!isAssigned && firstTitle == index) || (!isAssigned && partTitle) {
            markdown = titleHover(result, part: result.part(containing: doc.blocks[section.block].range.start))
        } else {
            markdown = sectionHover(result, index)
        }
        let r = section.kind == .heading ? doc.blocks[section.block].range : section.titleRange
        return .object([
            "contents": .object(["kind": .string("markdown"), "value": .string(markdown)]),
            "range": text.lspRange(of: r).json,
        ])
    }

    static func sectionHover(_ result: LintResult, _ index: Int) -> String {
        let doc = result.document
        let section = doc.sections[index]
        if let a = result.components.assignments.values.first(where: { $0.section == index }) {
            let c = a.component
            let part = result.part(containing: section.range.start)
            let order = RulePack.builtIn.profile(part?.part.profile ?? "poc")?.componentIDs ?? []
            let number = (order.firstIndex(of: c) ?? 0) + 1
            var out = "**poclint: \(c.title)** (component \(number) of \(order.count)\(part.map { $0.part.profile == "poc" ? "" : ", \($0.part.profile) application" } ?? ""))\n\n"
            out += "Taken for the \(c.title): \(a.reason).\n\n"
            if let score = part?.prediction?.components.first(where: { $0.component == c }) {
                out += "Score: **\(Scorecard.formatted(score.score))**/100\n\n"
                let evidence = score.evidence.filter { !$0.hasPrefix("section: ") }
                if !evidence.isEmpty {
                    out += "Evidence:\n\n" + evidence.map { "- \($0)\n" }.joined() + "\n"
                }
                if !score.costs.isEmpty {
                    out += "Points lost:\n\n" + score.costs.prefix(8).map {
                        "- `\($0.ruleID)` −\(Scorecard.formatted($0.points)): \(Scorecard.firstSentence($0.message))\n"
                    }.joined()
                    if score.costs.count > 8 { out += "- and \(score.costs.count - 8) more\n" }
                    return out
                }
            }
            out += findingsSummary(result.diagnostics.filter { $0.component == c }, in: doc.source)
            return out
        }
        if let dup = result.components.duplicates.first(where: { $0.section == index }),
           let taken = result.components[dup.component] {
            return "**poclint: \(dup.component.title)** (duplicate)\n\n"
                + "This section also reads as the \(dup.component.title), but '\(doc.sections[taken.section].title)' "
                + "was taken for it first (\(taken.reason)). Merge the two so that reviewers find it in one place."
        }
        let count = RulePack.builtIn.profile(result.part(containing: section.range.start)?.part.profile ?? "poc")?.componentIDs.count ?? 5
        return "**poclint**: '\(section.title)' is not taken for any of the \(count == 5 ? "five" : String(count)) components."
    }

    static func titleHover(_ result: LintResult, part: PartResult?) -> String {
        let doc = result.document
        let profile = RulePack.builtIn.profile(part?.part.profile ?? result.profile) ?? RulePack.builtIn.poc
        let prediction = part?.prediction ?? result.prediction
        var out = "**poclint: the \(profile.title)**\n\n"
        if result.parts.count > 1 || profile.id != "poc" { out += "Profile: `\(profile.id)` (\(part?.part.reason ?? "default"))\n\n" }
        let scores = prediction.map { p in Dictionary(uniqueKeysWithValues: p.components.map { ($0.component, $0) }) } ?? [:]
        if let p = prediction {
            out += "Predicted tier: **\(p.tier.words)** (\(Scorecard.award(p.award))), score \(Scorecard.formatted(p.overall))/100\n\n"
        } else {
            out += "Predicted tier: not available (the linter ran without a predictor).\n\n"
        }
        let order = profile.componentIDs
        let found = order.filter { result.components[$0] != nil }
        out += "Components found: \(found.count) of \(order.count)\n\n"
        for c in order {
            let score = scores[c].map { " — \(Scorecard.formatted($0.score))/100" } ?? ""
            if let a = result.components[c] {
                let line = doc.source.location(of: doc.sections[a.section].titleRange.start).line
                out += "- ✓ \(c.title): '\(doc.sections[a.section].title)' (line \(line))\(score)\n"
            } else {
                out += "- ✗ \(c.title): missing\n"
            }
        }
        if let p = prediction {
            for s in p.signals { out += "\n\(s.met ? "✓" : "✗") \(s.title): \(s.detail)" }
            if !p.signals.isEmpty { out += "\n" }
            if let t = Scorecard.trancheSentence(p) { out += "\nTranches: \(t).\n" }
            if let r = p.runway {
                let sentences = Scorecard.runwaySentences(r)
                if !sentences.isEmpty { out += "\nRunway: " + sentences.joined(separator: "; ") + ".\n" }
            }
            if let next = p.nextTier, !p.fixesToNextTier.isEmpty {
                out += "\nTo reach \(next.words) (\(Scorecard.award(p.nextAward ?? 0))), fix:\n\n"
                for f in p.fixesToNextTier.prefix(5) {
                    let line = doc.source.location(of: f.range.start).line
                    out += "- line \(line): `\(f.ruleID)` \(Scorecard.firstSentence(f.message)) (+\(Scorecard.formatted(f.points)))\n"
                }
                return out
            }
        }
        out += "\n" + findingsSummary(result.diagnostics, in: doc.source)
        return out
    }

    static func findingsSummary(_ diagnostics: [Diagnostic], in text: SourceText) -> String {
        if diagnostics.isEmpty { return "No findings." }
        func count(_ s: Severity, _ word: String) -> String {
            let n = diagnostics.filter { $0.severity == s }.count
            return "\(n) \(word)\(n == 1 || s == .info ? "" : "s")"
        }
        var out = "Findings: \(count(.error, "error")), \(count(.warning, "warning")), \(count(.info, "info"))\n\n"
        for d in diagnostics.prefix(8) {
            let line = text.location(of: d.range.start).line
            let first = d.message.split(separator: "\n").first.map(String.init) ?? d.message
            out += "- line \(line): `\(d.ruleID)` \(first)\n"
        }
        if diagnostics.count > 8 { out += "- and \(diagnostics.count - 8) more\n" }
        return out
    }
}
