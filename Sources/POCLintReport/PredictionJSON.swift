import POCLintCore

/// The prediction as JSON, shared by the JSON envelope (`files[].prediction`) and SARIF
/// (`runs[].properties.predictions`). Keys in a fixed order.
public enum PredictionJSON {
    public static func value(_ p: Prediction, _ text: SourceText) -> JSONValue {
        .object([
            ("profile", .string(p.profile)),
            ("tier", .string(p.tier.rawValue)),
            ("award", .int(Int(p.award))),
            ("score", .double(p.overall)),
            ("components", .array(p.components.map { c in
                .object([
                    ("component", .string(c.component.rawValue)),
                    ("present", .bool(c.present)),
                    ("score", .double(c.score)),
                    ("evidence", .array(c.evidence.map { .string($0) })),
                    ("costs", .array(c.costs.map { cost in
                        .object([("rule", .string(cost.ruleID)), ("message", .string(cost.message)), ("points", .double(cost.points))])
                    })),
                ])
            })),
            ("fixes", .array(p.fixes.map { fix($0, text) })),
            ("next_tier", .string(p.nextTier?.rawValue)),
            ("next_award", p.nextAward.map { .int(Int($0)) } ?? .null),
            ("fixes_to_next_tier", .array(p.fixesToNextTier.map { fix($0, text) })),
            ("runway", p.runway.map(runway) ?? .null),
            ("signals", .array(p.signals.map { s in
                .object([("id", .string(s.id)), ("title", .string(s.title)), ("met", .bool(s.met)), ("detail", .string(s.detail))])
            })),
            ("tranches", .array(p.tranches.map { t in
                .object([("month", .int(t.month)), ("amount", .int(Int(t.amount))), ("milestone", .string(t.milestone)),
                         ("covers_projection", t.covers.map { .bool($0) } ?? .null)])
            })),
        ])
    }

    /// The members of `value(p)` written into an open object (the same bytes, no tree).
    static func writeMembers(_ p: Prediction, _ text: SourceText, _ w: inout JSONStream) {
        w.key("profile")
        w.string(p.profile)
        w.key("tier")
        w.string(p.tier.rawValue)
        w.key("award")
        w.int(Int(p.award))
        w.key("score")
        w.double(p.overall)
        w.key("components")
        w.openArray()
        for c in p.components {
            w.item()
            w.openObject()
            w.key("component")
            w.string(c.component.rawValue)
            w.key("present")
            w.bool(c.present)
            w.key("score")
            w.double(c.score)
            w.key("evidence")
            w.openArray()
            for e in c.evidence {
                w.item()
                w.string(e)
            }
            w.closeArray()
            w.key("costs")
            w.openArray()
            for cost in c.costs {
                w.item()
                w.openObject()
                w.key("rule")
                w.string(cost.ruleID)
                w.key("message")
                w.string(cost.message)
                w.key("points")
                w.double(cost.points)
                w.closeObject()
            }
            w.closeArray()
            w.closeObject()
        }
        w.closeArray()
        w.key("fixes")
        writeFixes(p.fixes, text, &w)
        w.key("next_tier")
        w.string(p.nextTier?.rawValue)
        w.key("next_award")
        if let a = p.nextAward { w.int(Int(a)) } else { w.null() }
        w.key("fixes_to_next_tier")
        writeFixes(p.fixesToNextTier, text, &w)
        w.key("runway")
        if let r = p.runway { w.value(runway(r)) } else { w.null() }
        w.key("signals")
        w.openArray()
        for s in p.signals {
            w.item()
            w.openObject()
            w.key("id")
            w.string(s.id)
            w.key("title")
            w.string(s.title)
            w.key("met")
            w.bool(s.met)
            w.key("detail")
            w.string(s.detail)
            w.closeObject()
        }
        w.closeArray()
        w.key("tranches")
        w.openArray()
        for t in p.tranches {
            w.item()
            w.openObject()
            w.key("month")
            w.int(t.month)
            w.key("amount")
            w.int(Int(t.amount))
            w.key("milestone")
            w.string(t.milestone)
            w.key("covers_projection")
            if let c = t.covers { w.bool(c) } else { w.null() }
            w.closeObject()
        }
        w.closeArray()
    }

    static func writeFixes(_ fixes: [RankedFix], _ text: SourceText, _ w: inout JSONStream) {
        w.openArray()
        for f in fixes {
            let start = text.location(of: f.range.start)
            w.item()
            w.openObject()
            w.key("rule")
            w.string(f.ruleID)
            w.key("message")
            w.string(f.message)
            w.key("suggestion")
            w.string(f.suggestion)
            w.key("component")
            w.string(f.component?.rawValue)
            w.key("line")
            w.int(start.line)
            w.key("column")
            w.int(start.column)
            w.key("points")
            w.double(f.points)
            w.closeObject()
        }
        w.closeArray()
    }

    /// The parts of a document that holds two applications: profile, why, lines, prediction.
    public static func parts(_ result: LintResult) -> JSONValue {
        let text = result.document.source
        return .array(result.parts.map { part in
            let scope = part.part.scope ?? SourceRange(0, text.bytes.count)
            let last = max(scope.start, scope.end - 1)
            return .object([
                ("profile", .string(part.part.profile)),
                ("reason", .string(part.part.reason)),
                ("start_line", .int(text.location(of: scope.start).line)),
                ("end_line", .int(text.location(of: last).line)),
                ("prediction", part.prediction.map { value($0, text) } ?? .null),
            ])
        })
    }

    static func fix(_ f: RankedFix, _ text: SourceText) -> JSONValue {
        let start = text.location(of: f.range.start)
        return .object([
            ("rule", .string(f.ruleID)),
            ("message", .string(f.message)),
            ("suggestion", .string(f.suggestion)),
            ("component", .string(f.component?.rawValue)),
            ("line", .int(start.line)),
            ("column", .int(start.column)),
            ("points", .double(f.points)),
        ])
    }

    static func runway(_ r: Runway) -> JSONValue {
        .object([
            ("monthly_spend", .double(r.monthlySpend)),
            ("requested", r.requested.map { .double($0) } ?? .null),
            ("window_days", r.windowDays.map { .int($0) } ?? .null),
            ("outlasts_window", r.outlastsWindow.map { .bool($0) } ?? .null),
            ("exceeds_twelve_months", r.exceedsTwelveMonths.map { .bool($0) } ?? .null),
            ("lines", .array(r.lines.map { l in
                .object([("basis", .string(l.basis)), ("credit", .double(l.credit)), ("months", .double(l.months))])
            })),
            ("summary", .array(Scorecard.runwaySentences(r).map { .string($0) })),
        ])
    }
}
