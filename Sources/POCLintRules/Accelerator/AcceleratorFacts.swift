import POCLintCore

/// A fact read from the text: its value, the run and the bytes it was read from.
struct TextFact<T> {
    let value: T
    let run: Int
    let range: Range<Int>
}

/// What the accelerator rules and the prediction read from an application: the funding stage,
/// the lead investor, traction figures. Read once per part (`context.acceleratorFacts`).
struct AcceleratorFacts {
    struct StageMention {
        /// Index in the profile's `stages` (earliest first).
        let index: Int
        let id: String
        let run: Int
        let range: Range<Int>
        /// In a sentence that plans a round ("we plan to raise a Series B in 2027").
        let future: Bool
        /// The sentence says who led the round ("led by Northwind Ventures").
        let led: Bool
    }

    var stages: [StageMention] = []
    var users: TextFact<Double>?
    var mrr: TextFact<Double>?
    var lois: TextFact<Double>?
    /// Some traction word occurs (with or without a number).
    var tractionWords: [String] = []

    /// The current stage: the latest stage stated in a sentence that does not plan a round.
    var currentStage: StageMention? {
        stages.filter { !$0.future }.max { $0.index < $1.index }
    }

    init(_ context: LintContext) {
        let stageIDs = context.profile.scoring.stages ?? []
        let pack = context.pack
        let stageLists = stageIDs.map { pack.termListIndex("stage_" + $0) }
        let future = pack.termListIndex("future_round")
        let lead = pack.termListIndex("institutional_lead")
        let users = pack.termListIndex("traction_users")
        let revenue = pack.termListIndex("traction_revenue")
        let lois = pack.termListIndex("traction_lois")
        let revenueList = pack.termListIndex("traction_revenue")
        let other = pack.termListIndex("traction_other")
        for ri in context.allRuns {
            let matches = context.matches(inRun: ri)
            if matches.isEmpty { continue }
            let text = context.document.texts[ri]
            var q: Quantities?
            for m in matches {
                let entries = pack.entries[m.pattern]
                func has(_ list: Int?) -> Bool {
                    guard let list else { return false }
                    return entries.contains(PatternEntry(kind: .term, index: list))
                }
                if let si = stageLists.firstIndex(where: { has($0) }) {
                    let sentence = context.sentence(ri, around: m.textRange)
                    stages.append(StageMention(
                        index: si, id: stageIDs[si], run: ri, range: m.textRange,
                        future: future.map { context.hasTerm(index: $0, run: ri, in: sentence) } ?? false,
                        led: lead.map { context.hasTerm(index: $0, run: ri, in: sentence) } ?? false))
                }
                let isUsers = has(users), isRevenue = has(revenue), isLOI = has(lois)
                if isUsers || isRevenue || isLOI || has(other) {
                    let word = text.string(m.textRange).lowercased()
                    if !tractionWords.contains(word) { tractionWords.append(word) }
                }
                guard isUsers || isRevenue || isLOI else { continue }
                if q == nil { q = context.quantities(ri) }
                let sentence = context.sentence(ri, around: m.textRange)
                if isUsers || isLOI, let n = Self.count(before: m.textRange, in: q!, sentence: sentence) {
                    let fact = TextFact(value: n.value, run: ri, range: n.range.lowerBound..<m.textRange.upperBound)
                    if isLOI {
                        if self.lois == nil || n.value > self.lois!.value { self.lois = fact }
                    } else if self.users == nil || n.value > self.users!.value {
                        self.users = fact
                    }
                }
            }
            // Revenue: each amount of a sentence with a revenue word, read with the revenue word
            // nearest to it ("$45K MRR ($540K ARR)": both are $45K a month).
            guard let revenueList else { continue }
            let words = context.termMatches(index: revenueList, in: [ri])
            guard !words.isEmpty else { continue }
            if q == nil { q = context.quantities(ri) }
            for amount in q!.money where !amount.isRange {
                let sentence = context.sentence(ri, around: amount.range)
                let inSentence = words.filter { sentence.contains($0.textRange.lowerBound) }
                guard let nearest = inSentence.min(by: { Self.distance($0.textRange, amount.range) < Self.distance($1.textRange, amount.range) }) else { continue }
                let monthly = Self.monthly(amount, word: text.string(nearest.textRange).lowercased())
                if self.mrr == nil || monthly > self.mrr!.value { self.mrr = TextFact(value: monthly, run: ri, range: amount.range) }
            }
        }
    }

    /// A count written just before a word ("40,000 monthly active users", "12K users", "3 signed
    /// letters of intent"): a number, not money nor a percentage, at most three words before.
    static func count(before word: Range<Int>, in q: Quantities, sentence: Range<Int>) -> (value: Double, range: Range<Int>)? {
        guard let wi = q.tokens.firstIndex(where: { $0.range.lowerBound >= word.lowerBound }) else { return nil }
        var i = wi - 1
        var words = 0
        while i >= 0 && q.tokens[i].range.lowerBound >= sentence.lowerBound && words <= 3 {
            let t = q.tokens[i]
            if let v = t.number {
                if t.isDollar || t.isPercent { return nil }
                return (v, t.range)
            }
            if t.word != nil { words += 1 } else if !t.isSymbol(0x2C) && !t.isSymbol(0x2B) { return nil }
            i -= 1
        }
        return nil
    }

    /// An amount read as monthly revenue: "$62K MRR", "$1.2M ARR" (a twelfth), "$40K a month
    /// in revenue", "$480K a year".
    static func monthly(_ amount: Money, word: String) -> Double {
        if let p = amount.period { return p == .year ? amount.value / 12 : amount.value * p.perMonth() }
        let annual = word == "arr" || word.contains("annual") || word.contains("run rate")
        return annual ? amount.value / 12 : amount.value
    }

    static func distance(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        a.upperBound <= b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound >= b.upperBound ? a.lowerBound - b.upperBound : 0
    }
}

extension LintContext {
    var acceleratorFacts: AcceleratorFacts {
        memo("accelerator-facts") { AcceleratorFacts(self) }
    }

    /// Whether a word of lexicon list `index` lies inside `range` of a run.
    func hasTerm(index: Int, run: Int, in range: Range<Int>) -> Bool {
        let entry = PatternEntry(kind: .term, index: index)
        for m in matches(inRun: run) where m.textRange.lowerBound >= range.lowerBound && m.textRange.upperBound <= range.upperBound {
            if pack.entries[m.pattern].contains(entry) { return true }
        }
        return false
    }

    /// The matches of a lexicon list in the given runs, leftmost-longest.
    func termMatches(_ list: String, in runs: [Int]) -> [PhraseMatch] {
        guard let ti = pack.termListIndex(list) else { return [] }
        return termMatches(index: ti, in: runs)
    }

    func termMatches(index ti: Int, in runs: [Int]) -> [PhraseMatch] {
        let entry = PatternEntry(kind: .term, index: ti)
        var out: [PhraseMatch] = []
        for ri in runs {
            var reach = -1
            for m in matches(inRun: ri) where pack.entries[m.pattern].contains(entry) {
                if m.textRange.upperBound <= reach { continue }
                out.append(m)
                reach = m.textRange.upperBound
            }
        }
        return out
    }
}
