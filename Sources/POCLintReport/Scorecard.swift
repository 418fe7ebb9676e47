import POCLintCore

/// The prediction in words for people: a scorecard block per file and, for many files, one
/// table across them. Shared by the text reporter (and the HTML report).
public enum Scorecard {
    /// "$50K", "$25K", "$0".
    public static func award(_ v: Double) -> String {
        v >= 1_000_000 ? "$\(formatted(v / 1_000_000))M" : v >= 1000 ? "$\(formatted(v / 1000))K" : "$\(formatted(v))"
    }

    /// "$4,170".
    public static func dollars(_ v: Double) -> String {
        let n = Int(v.rounded())
        var digits = String(n)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return "$" + digits + out
    }

    /// One decimal at most: 12, 10.8.
    public static func formatted(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    public static func componentTitle(_ c: Component) -> String { c.shortTitle }

    /// "$25,000 covers 10.8 months at $2,320/month".
    public static func runwaySentences(_ r: Runway) -> [String] {
        var out: [String] = []
        for line in r.lines {
            let what = line.basis == "requested" ? "\(dollars(line.credit)) requested" : "\(dollars(line.credit)) (\(line.basis))"
            out.append("\(what) covers \(formatted(line.months)) months at \(dollars(r.monthlySpend))/month")
        }
        if r.exceedsTwelveMonths == true, let req = r.requested {
            out.append("the \(dollars(req)) requested is more than 12 months of projected spend (\(dollars(12 * r.monthlySpend)))")
        }
        if r.requested == nil, let smallest = r.lines.map(\.credit).min(), 12 * r.monthlySpend < smallest {
            out.append("credits are usually valid 12 months: twelve months of projected spend is \(dollars(12 * r.monthlySpend))")
        }
        if r.outlastsWindow == false {
            out.append("the credit runs out before the \(r.windowDays ?? 90)-day POC window ends")
        }
        return out
    }

    /// The block printed after a file's findings.
    public static func block(_ path: String, _ p: Prediction, _ text: SourceText) -> String {
        let what = p.profile == "poc" ? "" : " \(p.profile) application:"
        var out = "\n\(path):\(what) predicted \(p.tier.words.uppercased()) (\(award(p.award))), score \(formatted(p.overall))/100\n"
        let width = p.components.map { componentTitle($0.component).count }.max() ?? 0
        for c in p.components {
            let name = componentTitle(c.component).padding(to: width)
            let score = (c.present ? formatted(c.score) : "--").leftPadding(to: 5)
            let evidence = c.evidence.filter { !$0.hasPrefix("section: ") }.joined(separator: "; ")
            out += "  \(name) \(score)  \(c.present ? evidence : "missing")\n"
        }
        if let r = p.runway {
            for s in runwaySentences(r) { out += "  runway: \(s)\n" }
        }
        for s in relevantSignals(p) {
            out += "  signal: \(s.met ? "met    " : "not met") \(s.title) (\(s.detail))\n"
        }
        if let s = trancheSentence(p) { out += "  tranches: \(s)\n" }
        if let next = p.nextTier {
            if !p.fixesToNextTier.isEmpty {
                let n = p.fixesToNextTier.count
                out += "  to reach \(next.words) (\(award(p.nextAward ?? 0))), fix \(n == 1 ? "this" : "these \(n)"):\n"
                for (i, f) in p.fixesToNextTier.enumerated() { out += fixLine(i + 1, f, text) }
            } else if !p.fixes.isEmpty {
                let missing = p.signals.filter { !$0.met }.map(\.title)
                if !missing.isEmpty { out += "  \(next.words) also needs: \(missing.joined(separator: "; "))\n" }
                out += "  fixes that matter most:\n"
                for (i, f) in p.fixes.prefix(3).enumerated() { out += fixLine(i + 1, f, text) }
            }
        }
        return out
    }

    /// The signals of the predicted tier and of the tiers above it (what holds the award where
    /// it is, and what the next tier needs), in the rubric's order.
    public static func relevantSignals(_ p: Prediction) -> [SignalResult] {
        guard let profile = RulePack.builtIn.profile(p.profile) else { return p.signals }
        let rank = profile.rank(p.tier)
        let wanted = Set(profile.scoring.tiers.filter { profile.rank($0.id) >= rank && profile.rank($0.id) <= rank + 1 }
            .flatMap { $0.requires ?? [] })
        return p.signals.filter { wanted.contains($0.id) }
    }

    /// "$1,000,000 in 4 tranches: $250,000 at acceptance, $250,000 at month 3 (production traffic on Bedrock), ...".
    public static func trancheSentence(_ p: Prediction) -> String? {
        guard !p.tranches.isEmpty else { return nil }
        let parts = p.tranches.map { t -> String in
            let when = t.month == 0 ? "at \(t.milestone)" : "at month \(t.month) (\(t.milestone))"
            return "\(dollars(t.amount)) \(when)"
        }
        var s = "\(dollars(p.award)) in \(p.tranches.count) tranches: " + parts.joined(separator: ", ")
        if let short = p.tranches.firstIndex(where: { $0.covers == false }) {
            s += "; the projected consumption outruns the credits released by tranche \(short + 1)"
        }
        return s
    }

    static func fixLine(_ n: Int, _ f: RankedFix, _ text: SourceText) -> String {
        let line = text.location(of: f.range.start).line
        return "    \(n). line \(line) [\(f.ruleID)] \(firstSentence(f.message)) (+\(formatted(f.points)))\n"
    }

    /// The first sentence of a message (messages put what is wrong first).
    public static func firstSentence(_ s: String) -> String {
        var prev: Character = " "
        var idx = s.startIndex
        while idx < s.endIndex {
            let c = s[idx]
            let next = s.index(after: idx)
            if (prev != " ") && (c == "." || c == ";") && (next == s.endIndex || s[next] == " ") && !(prev.isNumber && next < s.endIndex && s[next].isNumber) {
                return String(s[..<next])
            }
            prev = c
            idx = next
        }
        return s
    }

    /// One line of the table, kept without the rest of the prediction (a streamed report
    /// writes the table after every file is gone).
    public struct Row: Sendable {
        /// The file's path as the table shows it (with the profile for a two-part document).
        public let path: String
        public let profile: String
        public let tier: Tier
        public let award: Double
        public let overall: Double
        /// `[rule-id] First sentence.` of the top fix, or `-`.
        public let fix: String

        public init(_ path: String, _ p: Prediction) {
            self.path = path
            profile = p.profile
            tier = p.tier
            award = p.award
            overall = p.overall
            let top = p.fixesToNextTier.first ?? p.fixes.first
            fix = top.map { "[\($0.ruleID)] \(Scorecard.firstSentence($0.message))" } ?? "-"
        }
    }

    /// One table across files: grouped by profile (in `rules/profiles.yml` order), best tier
    /// first, then by path.
    public static func table(_ files: [(path: String, prediction: Prediction)]) -> String {
        table(rows: files.map { Row($0.path, $0.prediction) })
    }

    public static func table(rows unsorted: [Row]) -> String {
        guard !unsorted.isEmpty else { return "" }
        let pack = RulePack.builtIn
        func key(_ r: Row) -> (Int, Int) {
            let i = pack.profiles.firstIndex { $0.id == r.profile } ?? pack.profiles.count
            return (i, -(pack.profile(r.profile)?.rank(r.tier) ?? 0))
        }
        let rows = unsorted.sorted { a, b in
            key(a) != key(b) ? key(a) < key(b) : a.path < b.path
        }
        let pathWidth = max(4, rows.map(\.path.count).max()!)
        var out = "\n\("file".padding(to: pathWidth))  tier                   score  top fix\n"
        for r in rows {
            let tier = "\(r.tier.words) (\(award(r.award)))".padding(to: 21)
            out += "\(r.path.padding(to: pathWidth))  \(tier) \(formatted(r.overall).leftPadding(to: 5))  \(r.fix)\n"
        }
        return out
    }
}


extension String {
    func padding(to n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPadding(to n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
