import Foundation
import POCLintCore

extension LintContext {
    /// The sentence of a run that holds `range`: split at `.`, `;`, `?`, `!` followed by a space
    /// (so "0.92" and "Claude 3.5" stay whole).
    func sentence(_ run: Int, around range: Range<Int>) -> Range<Int> {
        let b = document.texts[run].bytes
        var start = range.lowerBound
        while start > 0 {
            let c = b[start - 1]
            if (c == 0x2E || c == 0x3B || c == 0x3F || c == 0x21) && start < b.count && b[start] == 0x20 { break }
            start -= 1
        }
        var end = range.upperBound
        while end < b.count {
            let c = b[end]
            if (c == 0x2E || c == 0x3B || c == 0x3F || c == 0x21) && (end + 1 == b.count || b[end + 1] == 0x20) { break }
            end += 1
        }
        return start..<end
    }

    /// Whether a word of a lexicon list occurs in `range` of a run, or in the run's bold lead-in label.
    func hasTerm(_ list: String, run: Int, in range: Range<Int>, includeLabel: Bool = true) -> Bool {
        let ti = pack.term(list)
        let text = document.texts[run]
        let label = includeLabel ? leadingStrong(run) : nil
        for m in matches(inRun: run) where pack.entries[m.pattern].contains(PatternEntry(kind: .term, index: ti)) {
            if range.contains(m.textRange.lowerBound) && m.textRange.upperBound <= range.upperBound { return true }
            if let label, label.contains(m.textRange.lowerBound) { return true }
        }
        _ = text
        return false
    }

    /// The text range of a run's leading bold label (`**Fallback.** ...`), if any.
    func leadingStrong(_ run: Int) -> Range<Int>? {
        let text = document.texts[run]
        guard let s = text.inlines.first(where: { $0.kind == .strong && $0.depth == 0 }), s.textRange.lowerBound == 0 else { return nil }
        return s.textRange
    }

    /// Words of a lexicon list found in the runs of a component.
    func componentTerms(_ list: String, _ c: Component) -> [String] {
        terms(list, in: runs(c))
    }

    /// Number of words in the document's prose (headings, paragraphs, cells).
    var wordCount: Int {
        memo("words") {
            var n = 0
            for run in document.texts {
                // A word starts at each byte above 0x20 after one at or below it (or at the
                // start): sixteen bytes at a time, each compared with the byte before it.
                run.bytes.withUnsafeBufferPointer { b in
                    guard let base = b.baseAddress, !b.isEmpty else { return }
                    let raw = UnsafeRawPointer(base)
                    if b[0] > 0x20 { n += 1 }
                    var i = 1
                    let blank = SIMD16<UInt8>(repeating: 0x20)
                    while i + 16 <= b.count {
                        let word = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) .> blank
                        let before = raw.loadUnaligned(fromByteOffset: i - 1, as: SIMD16<UInt8>.self) .> blank
                        // The mask's lanes (0 or 0xFF) as two words: eight bits set per word start
                        // (`wrappedSum` on a SIMD value is a lane-by-lane loop here).
                        let starts = unsafeBitCast(word .& .!before, to: (UInt64, UInt64).self)
                        n += (starts.0.nonzeroBitCount + starts.1.nonzeroBitCount) >> 3
                        i += 16
                    }
                    while i < b.count {
                        if b[i] > 0x20 && b[i - 1] <= 0x20 { n += 1 }
                        i += 1
                    }
                }
            }
            return n
        }
    }

    /// The text of a source range as one line (for messages).
    func quote(_ range: SourceRange) -> String {
        var s = source.string(range)
        s = String(s.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        while s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        return s
    }
}

/// Dollar amounts as people write them: `$1,800`, `$0.07`, `$1.5M`.
func dollars(_ v: Double) -> String {
    if v >= 100 || v == v.rounded() {
        let n = Int(v.rounded())
        var digits = String(abs(n))
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return (n < 0 ? "-$" : "$") + digits + out
    }
    return "$" + formatNumber(v, decimals: v < 1 ? 3 : 2)
}

/// A number without trailing zeros: 10, 2.5, 0.035.
func formatNumber(_ v: Double, decimals: Int = 3) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
    // C's printf, as String(format:) would give, without its CoreFoundation detour (measured:
    // most of the cost of a short file's length finding).
    var buffer = [CChar](repeating: 0, count: 64)
    let n = withVaList([Int32(decimals), v]) { vsnprintf(&buffer, 64, "%.*f", $0) }
    var s = n > 0 && n < 64 ? buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } : String(format: "%.\(decimals)f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}

/// Token counts as people write them: 10M, 0.8M, 500K.
func tokenCount(_ v: Double) -> String {
    if v >= 1_000_000_000 { return formatNumber(v / 1_000_000_000, decimals: 2) + "B" }
    if v >= 1_000_000 { return formatNumber(v / 1_000_000, decimals: 2) + "M" }
    if v >= 1_000 { return formatNumber(v / 1_000, decimals: 1) + "K" }
    return formatNumber(v)
}
