/// A period a figure is given per. Normalised to a month for comparison.
public enum Period: String, Sendable, Hashable, Codable, CaseIterable {
    case hour, day, week, month, year

    /// How many of this period make a month (30-day month, 730-hour month by default).
    public func perMonth(daysPerMonth: Double = 30) -> Double {
        switch self {
        case .hour: 730
        case .day: daysPerMonth
        case .week: daysPerMonth / 7
        case .month: 1
        case .year: 1.0 / 12
        }
    }

    public var word: String { rawValue }
}

/// A word, number or symbol of a text, with its byte range in the text.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case word(String)
        /// A number; `dollar` when a `$` stands right before it; `percent` when `%` follows.
        case number(Double, dollar: Bool, percent: Bool)
        case symbol(UInt8)
    }
    public let kind: Kind
    public let range: Range<Int>

    public var word: String? {
        if case .word(let w) = kind { return w }
        return nil
    }

    public var number: Double? {
        if case .number(let v, _, _) = kind { return v }
        return nil
    }

    public var isDollar: Bool {
        if case .number(_, let d, _) = kind { return d }
        return false
    }

    public var isPercent: Bool {
        if case .number(_, _, let p) = kind { return p }
        return false
    }

    public func isSymbol(_ c: UInt8) -> Bool {
        if case .symbol(let s) = kind { return s == c }
        return false
    }
}

/// An amount of money in a text: `$1,800`, `$1.8K`, `1800 USD`, `$2.3k/mo`, `$2K to $8K a month`.
public struct Money: Sendable, Hashable {
    public var value: Double
    /// The upper end when the text gives a range.
    public var upper: Double?
    public var period: Period?
    /// Byte range in the text of the figure itself (the first figure of a range).
    public var range: Range<Int>
    /// Byte range of the whole expression (both ends of a range and the period).
    public var fullRange: Range<Int>
    public var isRange: Bool { upper != nil }
}

/// Which tokens a volume counts.
public enum TokenDirection: String, Sendable, Hashable {
    case input, output, total
}

/// A token volume: `10M input tokens a day`, `2 million output tokens per day`.
public struct TokenVolume: Sendable, Hashable {
    public var tokens: Double
    public var direction: TokenDirection
    public var period: Period?
    public var range: Range<Int>

    public init(tokens: Double, direction: TokenDirection, period: Period?, range: Range<Int>) {
        self.tokens = tokens
        self.direction = direction
        self.period = period
        self.range = range
    }
}

/// A day mentioned in a text: `90 days`, `90-day`, `day 45`, `days 46-75`, `12 weeks`.
public struct DayMention: Sendable, Hashable {
    public var day: Int
    /// A length (`90 days`, `90-day`, `12 weeks`) rather than a point (`day 45`).
    public var isLength: Bool
    public var range: Range<Int>
}

/// Reads numbers, money, token volumes and days out of a text, as bytes.
public struct Quantities: Sendable {
    public let tokens: [Token]
    public let money: [Money]
    public let volumes: [TokenVolume]
    public let days: [DayMention]

    public init(_ text: [UInt8]) {
        let toks = Quantities.tokenize(text)
        tokens = toks
        money = Quantities.findMoney(toks)
        volumes = Quantities.findVolumes(toks)
        days = Quantities.findDays(toks)
    }

    // MARK: Tokenizer

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }

    static func tokenize(_ t: [UInt8]) -> [Token] {
        var out: [Token] = []
        var i = 0
        let n = t.count
        while i < n {
            let b = t[i]
            if isDigit(b) || (b == 0x2E && i + 1 < n && isDigit(t[i + 1]) && (i == 0 || !isDigit(t[i - 1]))) {
                let start = i
                var value = 0.0
                var seenDot = false
                var scale = 0.1
                while i < n {
                    let c = t[i]
                    if isDigit(c) {
                        if seenDot { value += Double(c - 0x30) * scale; scale /= 10 } else { value = value * 10 + Double(c - 0x30) }
                        i += 1
                    } else if c == 0x2C && !seenDot && i + 3 < n
                                && isDigit(t[i + 1]) && isDigit(t[i + 2]) && isDigit(t[i + 3])
                                && (i + 4 >= n || !isDigit(t[i + 4])) {
                        i += 1            // thousands separator
                    } else if c == 0x2E && !seenDot && i + 1 < n && isDigit(t[i + 1]) {
                        seenDot = true
                        i += 1
                    } else {
                        break
                    }
                }
                // Attached multiplier: 1.8K, 10M, 1.2B, 2.3k (not "10ms", "8x7B" stays a word).
                if i < n, let mult = multiplier(t[i]), i + 1 >= n || !isAlpha(t[i + 1]) {
                    value *= mult
                    i += 1
                }
                let dollar = start > 0 && t[start - 1] == 0x24
                var percent = false
                var j = i
                while j < n && t[j] == 0x20 { j += 1 }
                if j < n && t[j] == 0x25 { percent = true; i = j + 1 }
                // A number glued to letters ("8x7B", "p95", "v1") is a word, not a figure.
                if i < n && isAlpha(t[i]) && !percent {
                    var k = i
                    while k < n && (isAlpha(t[k]) || isDigit(t[k])) { k += 1 }
                    let word = String(decoding: t[start..<k], as: UTF8.self).lowercased()
                    out.append(Token(kind: .word(word), range: start..<k))
                    i = k
                    continue
                }
                out.append(Token(kind: .number(value, dollar: dollar, percent: percent), range: start..<i))
                continue
            }
            if isAlpha(b) {
                let start = i
                while i < n && (isAlpha(t[i]) || isDigit(t[i])) { i += 1 }
                var w = [UInt8](t[start..<i])
                for k in w.indices where w[k] >= 0x41 && w[k] <= 0x5A { w[k] |= 0x20 }
                // A word glued to digits after letters ("p95") stays one word.
                out.append(Token(kind: .word(String(decoding: w, as: UTF8.self)), range: start..<i))
                continue
            }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                i += 1
                continue
            }
            if b >= 0x80 {
                // En and em dashes read as '-', other non-ASCII characters are skipped.
                if b == 0xE2 && i + 2 < n && t[i + 1] == 0x80 && (t[i + 2] == 0x93 || t[i + 2] == 0x94) {
                    out.append(Token(kind: .symbol(0x2D), range: i..<(i + 3)))
                    i += 3
                    continue
                }
                if b == 0xE2 && i + 2 < n && t[i + 1] == 0x89 && t[i + 2] == 0xA5 {       // ≥
                    out.append(Token(kind: .symbol(0x3E), range: i..<(i + 3)))
                    i += 3
                    continue
                }
                i += b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                continue
            }
            out.append(Token(kind: .symbol(b), range: i..<(i + 1)))
            i += 1
        }
        return out
    }

    static func multiplier(_ b: UInt8) -> Double? {
        switch b {
        case 0x4B, 0x6B: 1_000          // K k
        case 0x4D, 0x6D: 1_000_000      // M m
        case 0x42, 0x62: 1_000_000_000  // B b
        default: nil
        }
    }

    static let multiplierWords: [String: Double] = [
        "thousand": 1_000, "k": 1_000, "million": 1_000_000, "mn": 1_000_000, "mm": 1_000_000,
        "billion": 1_000_000_000, "bn": 1_000_000_000,
    ]

    static let periodWords: [String: Period] = [
        "hour": .hour, "hr": .hour, "hourly": .hour, "h": .hour,
        "day": .day, "daily": .day, "d": .day, "days": .day,
        "week": .week, "weekly": .week, "wk": .week,
        "month": .month, "monthly": .month, "mo": .month, "mth": .month, "months": .month,
        "year": .year, "yearly": .year, "annually": .year, "annual": .year, "yr": .year, "annum": .year,
    ]

    /// A period right after index `i` (exclusive): `/mo`, `per month`, `a day`, `monthly`, `each month`.
    /// Returns the period and the index of its last token.
    static func period(after i: Int, _ t: [Token]) -> (Period, Int)? {
        var j = i + 1
        guard j < t.count else { return nil }
        if t[j].isSymbol(0x2F) {                                   // /
            j += 1
            if j < t.count, let w = t[j].word, let p = periodWords[w] { return (p, j) }
            return nil
        }
        if let w = t[j].word {
            if ["monthly", "daily", "weekly", "hourly", "yearly", "annually"].contains(w), let p = periodWords[w] { return (p, j) }
            if ["per", "a", "an", "each", "every"].contains(w), j + 1 < t.count, let w2 = t[j + 1].word,
               let p = periodWords[w2], !["h", "d", "days", "months"].contains(w2) {
                return (p, j + 1)
            }
        }
        return nil
    }

    // MARK: Money

    static func findMoney(_ t: [Token]) -> [Money] {
        var out: [Money] = []
        var i = 0
        while i < t.count {
            guard case .number(var v, let dollar, let percent) = t[i].kind, !percent else { i += 1; continue }
            var isMoney = dollar
            var end = i
            if i + 1 < t.count, let w = t[i + 1].word, let m = multiplierWords[w], (dollar || (i + 2 < t.count && t[i + 2].word == "usd")) {
                v *= m
                end = i + 1
            }
            if end + 1 < t.count, let w = t[end + 1].word, w == "usd" || w == "dollars" {
                isMoney = true
                end += 1
            }
            if !isMoney, i > 0, t[i - 1].word == "usd" { isMoney = true }
            guard isMoney else { i += 1; continue }
            // The figure as written starts at its `$` (or a leading "USD").
            let figureStart = dollar ? t[i].range.lowerBound - 1 : (i > 0 && t[i - 1].word == "usd" ? t[i - 1].range.lowerBound : t[i].range.lowerBound)
            let figureEnd = end > i && t[end].word != "usd" && t[end].word != "dollars" ? t[end].range.upperBound : t[i].range.upperBound
            var money = Money(value: v, upper: nil, period: nil, range: figureStart..<figureEnd, fullRange: figureStart..<t[end].range.upperBound)
            // A range: "$2K to $8K", "$2,000-$8,000", "$2K – 8K".
            var k = end + 1
            if k < t.count, t[k].isSymbol(0x2D) || t[k].word == "to" {
                k += 1
                if k < t.count, t[k].isSymbol(0x24) { k += 1 }
                if k < t.count, case .number(var u, _, false) = t[k].kind {
                    if k + 1 < t.count, let w = t[k + 1].word, let m = multiplierWords[w] { u *= m; k += 1 }
                    if u > v {
                        money.upper = u
                        end = k
                        if k + 1 < t.count, let w = t[k + 1].word, w == "usd" || w == "dollars" { end += 1 }
                    }
                }
            }
            if let (p, last) = period(after: end, t) {
                money.period = p
                end = last
            }
            money.fullRange = figureStart..<t[end].range.upperBound
            out.append(money)
            i = end + 1
        }
        return out
    }

    // MARK: Token volumes

    static let directionWords: [String: TokenDirection] = [
        "input": .input, "prompt": .input, "in": .input, "output": .output, "completion": .output, "out": .output,
        "generated": .output,
    ]

    /// `10M input tokens a day`; `20M input + 4M output tokens per day`; `12M tokens/day`.
    static func findVolumes(_ t: [Token]) -> [TokenVolume] {
        var out: [TokenVolume] = []
        var i = 0
        while i < t.count {
            guard case .number(var v, false, false) = t[i].kind else { i += 1; continue }
            var j = i + 1
            if j < t.count, let w = t[j].word, let m = multiplierWords[w] { v *= m; j += 1 }
            var direction: TokenDirection? = nil
            if j < t.count, let w = t[j].word, let d = directionWords[w], w != "in" || (j + 1 < t.count && t[j + 1].word?.hasPrefix("token") == true) {
                direction = d
                j += 1
            }
            // Find "tokens" within this clause: directly, or after one more "N output" pair.
            var k = j
            var sawTokens = false
            var steps = 0
            while k < t.count && steps < 6 {
                if let w = t[k].word, w == "tokens" || w == "token" || w == "tok" { sawTokens = true; break }
                if t[k].isSymbol(0x3B) || t[k].isSymbol(0x7C) || (t[k].isSymbol(0x2E) && k + 1 < t.count) { break }
                if t[k].word == "and" || t[k].isSymbol(0x2B) || t[k].isSymbol(0x2C) || t[k].number != nil || t[k].word.flatMap({ directionWords[$0] ?? multiplierWords[$0].map { _ in .total } }) != nil {
                    k += 1; steps += 1; continue
                }
                break
            }
            guard sawTokens, v >= 1 else { i += 1; continue }
            // "10M tokens of input" / "tokens in": direction after the word.
            if direction == nil, k + 1 < t.count, let w = t[k + 1].word, let d = directionWords[w], w != "in" && w != "out" {
                direction = d
            }
            var period: Period? = nil
            var last = k
            if let (p, l) = Quantities.period(after: k, t) {
                period = p
                last = l
            } else if k + 1 < t.count, t[k + 1].word == "of", k + 2 < t.count, let d = t[k + 2].word, directionWords[d] != nil,
                      let (p, l) = Quantities.period(after: k + 2, t) {
                period = p
                last = l
            }
            out.append(TokenVolume(tokens: v, direction: direction ?? .total, period: period,
                                   range: t[i].range.lowerBound..<t[min(j, t.count) - 1].range.upperBound))
            _ = last
            i = max(i + 1, j)
        }
        // Volumes of one clause share the period given once at its end ("20M input + 4M output tokens per day").
        var result = out
        for a in result.indices where result[a].period == nil {
            if let b = result.indices.first(where: { $0 > a && result[$0].period != nil && result[$0].range.lowerBound - result[a].range.upperBound < 40 }) {
                result[a].period = result[b].period
            }
        }
        return result
    }

    // MARK: Days

    /// `90 days`, `90-day`, `a 60-day window`, `day 45`, `days 46-75`, `12 weeks`, `3 months`.
    static func findDays(_ t: [Token]) -> [DayMention] {
        var out: [DayMention] = []
        for i in t.indices {
            if let w = t[i].word, w == "day" || w == "days" || w == "d" {
                // day 45, days 46-75
                if i + 1 < t.count, case .number(let v, false, false) = t[i + 1].kind, v == v.rounded(), v < 10_000, w != "d" {
                    out.append(DayMention(day: Int(v), isLength: false, range: t[i].range.lowerBound..<t[i + 1].range.upperBound))
                    if i + 3 < t.count, t[i + 2].isSymbol(0x2D) || t[i + 2].word == "to", case .number(let u, false, false) = t[i + 3].kind, u > v, u < 10_000 {
                        out.append(DayMention(day: Int(u), isLength: false, range: t[i + 3].range))
                    }
                }
                continue
            }
            guard case .number(let v, false, false) = t[i].kind, v == v.rounded(), v > 0, v < 10_000 else { continue }
            var j = i + 1
            if j < t.count, t[j].isSymbol(0x2D) { j += 1 }
            guard j < t.count, let w = t[j].word else { continue }
            let factor: Int
            switch w {
            case "day", "days": factor = 1
            case "week", "weeks": factor = 7
            case "month", "months": factor = 30
            default: continue
            }
            // "1-14" ranges in a Day column are not lengths: those are read by the timeline rules from tables.
            out.append(DayMention(day: Int(v) * factor, isLength: true, range: t[i].range.lowerBound..<t[j].range.upperBound))
        }
        return out
    }
}
