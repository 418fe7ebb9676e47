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
