/// The arithmetic of a Bedrock inference budget, shared by `poclint cost` and the budget
/// rules: tokens × price per million tokens, per day × days in a month; runway = credit ÷
/// monthly cost.
public enum CostMath {
    /// Monthly cost in dollars of a token volume per day on a model.
    /// (input_M × input price + output_M × output price) × days.
    public static func monthlyCost(inputTokensPerDay: Double, outputTokensPerDay: Double,
                                   inputPricePerMTok: Double, outputPricePerMTok: Double,
                                   daysPerMonth: Double = 30) -> Double {
        (inputTokensPerDay / 1_000_000 * inputPricePerMTok + outputTokensPerDay / 1_000_000 * outputPricePerMTok) * daysPerMonth
    }

    /// Months a credit lasts at a monthly cost (infinite when the cost is zero).
    public static func runwayMonths(credit: Double, monthlyCost: Double) -> Double {
        monthlyCost > 0 ? credit / monthlyCost : .infinity
    }

    /// A rate as typed on a command line: `10M/day`, `2,000,000/day`, `300M/month`,
    /// `1.5B/week`, `500K/hour`, `10M` (a day). Returns tokens per day.
    public static func parseTokenRate(_ text: String, daysPerMonth: Double = 30) -> Double? {
        let lower = String(text.lowercased().filter { !$0.isWhitespace })
        let parts = lower.split(separator: "/", maxSplits: 1).map(String.init)
        guard let amount = parts.first, !amount.isEmpty, let tokens = parseCount(amount) else { return nil }
        var period = Period.day
        if parts.count == 2 {
            let word = parts[1]
            let periods: [(String, Period)] = [("h", .hour), ("hr", .hour), ("hour", .hour), ("d", .day), ("day", .day),
                                               ("w", .week), ("wk", .week), ("week", .week), ("mo", .month), ("month", .month),
                                               ("y", .year), ("yr", .year), ("year", .year)]
            guard let p = periods.first(where: { $0.0 == word })?.1 else { return nil }
            period = p
        }
        let perMonth = tokens * period.perMonth(daysPerMonth: daysPerMonth)
        return perMonth / daysPerMonth
    }

    /// `10M`, `2.5m`, `500K`, `1B`, `2,000,000`, `10million` → the number.
    public static func parseCount(_ text: String) -> Double? {
        var t = text.lowercased().filter { $0 != "," && $0 != "_" && !$0.isWhitespace }
        var factor = 1.0
        let suffixes: [(String, Double)] = [("million", 1e6), ("billion", 1e9), ("thousand", 1e3), ("mtok", 1e6),
                                            ("k", 1e3), ("m", 1e6), ("b", 1e9)]
        for (s, f) in suffixes where t.hasSuffix(s) {
            factor = f
            t.removeLast(s.count)
            break
        }
        if t.hasPrefix("$") { t.removeFirst() }
        guard !t.isEmpty, let v = Double(t), v.isFinite, v >= 0 else { return nil }
        return v * factor
    }
}

extension RulePack {
    /// The model a name stands for: an id, a display name, an alias or a Bedrock model id;
    /// a version-less family name ("Claude Haiku") stands for the family's assumed model.
    public func model(named name: String) -> ModelsFile.Model? {
        let key = Normalizer.key(name)
        guard !key.isEmpty else { return nil }
        for m in models.models {
            let names = [m.id, m.display_name] + m.aliases + (m.bedrock_model_id.map { [$0] } ?? [])
            if names.contains(where: { Normalizer.key($0) == key }) { return m }
        }
        for f in models.families where ([f.name] + f.aliases).contains(where: { Normalizer.key($0) == key }) {
            return model(id: f.assumed)
        }
        return nil
    }
}
