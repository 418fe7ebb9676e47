import Foundation
import Testing
@testable import POCLintCore

/// The automaton against a plain search: every occurrence of ` pattern ` in ` text `,
/// overlapping ones included, reported by end, longest first, a repeated key in index order.
struct PhraseAutomatonTests {
    typealias Match = [Int]

    static func naive(_ patterns: [String], _ text: [UInt8]) -> [Match] {
        var out: [(end: Int, length: Int, index: Int, start: Int)] = []
        for (pi, p) in patterns.enumerated() {
            let needle = Array(" \(p) ".utf8)
            guard needle.count <= text.count else { continue }
            for s in 0...(text.count - needle.count) where Array(text[s..<s + needle.count]) == needle {
                out.append((s + needle.count, needle.count, pi, s))
            }
        }
        out.sort { a, b in a.end != b.end ? a.end < b.end : a.length != b.length ? a.length > b.length : a.index < b.index }
        return out.map { [$0.index, $0.start + 1, $0.end - 1] }
    }

    static func scan(_ automaton: PhraseAutomaton, _ text: [UInt8]) -> [Match] {
        var got: [Match] = []
        text.withUnsafeBufferPointer { automaton.scan($0) { got.append([$0, $1, $2]) } }
        return got
    }

    /// A deterministic generator (xorshift), so a failure can be replayed.
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
    }

    static func words(_ r: inout Random, alphabet: [String], count: Int) -> String {
        (0..<count).map { _ in
            (0..<(1 + r.next(4))).map { _ in alphabet[r.next(alphabet.count)] }.joined()
        }.joined(separator: " ")
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func matchesWhatAPlainSearchFinds(seed: Int) {
        var r = Random(state: 0x9E37_79B9_7F4A_7C15 &* UInt64(seed))
        let alphabet = seed % 2 == 0 ? ["a", "b"] : ["a", "b", "c", "é", "1"]
        // Short and long patterns (past the dense depth), some repeated, some prefixes of others.
        var patterns: [String] = []
        for _ in 0..<(20 + r.next(60)) {
            patterns.append(Self.words(&r, alphabet: alphabet, count: 1 + r.next(6)))
        }
        for _ in 0..<5 { patterns.append(patterns[r.next(patterns.count)]) }
        let automaton = PhraseAutomaton(patterns: patterns)
        #expect(automaton.patternLengths == patterns.map { $0.utf8.count + 2 })
        for _ in 0..<30 {
            var text = Array(" \(Self.words(&r, alphabet: alphabet, count: 1 + r.next(40))) ".utf8)
            if r.next(3) == 0 {
                // A pattern inside, so that long matches happen.
                text = Array(" \(Self.words(&r, alphabet: alphabet, count: 2)) \(patterns[r.next(patterns.count)]) \(Self.words(&r, alphabet: alphabet, count: 2)) ".utf8)
            }
            #expect(Self.scan(automaton, text) == Self.naive(patterns, text), "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func emptyAndDegenerateInputs() {
        let none = PhraseAutomaton(patterns: [])
        #expect(Self.scan(none, Array(" a b ".utf8)).isEmpty)
        let one = PhraseAutomaton(patterns: ["a"])
        #expect(Self.scan(one, []).isEmpty)
        #expect(Self.scan(one, Array(" a a ".utf8)) == [[0, 1, 2], [0, 3, 4]])
        let deep = PhraseAutomaton(patterns: ["a b c d e f g h", "c d e f g", "a b c d e f g h"])
        let text = Array(" x a b c d e f g h y ".utf8)
        #expect(Self.scan(deep, text) == Self.naive(["a b c d e f g h", "c d e f g", "a b c d e f g h"], text))
    }

    /// `scanText` reads raw text: it must find what normalising first and scanning finds,
    /// at the same input offsets (the normaliser's map applied).
    static func normalizedThenScanned(_ automaton: PhraseAutomaton, _ raw: [UInt8]) -> [Match] {
        var norm: [UInt8] = []
        var map: [Int32] = []
        raw.withUnsafeBufferPointer { Normalizer.normalize($0, into: &norm, map: &map) }
        var got: [Match] = []
        norm.withUnsafeBufferPointer { nb in
            automaton.scan(nb) { p, start, end in
                guard end > start else { return }
                got.append([p, Int(map[start]), Int(map[end - 1]) + 1])
            }
        }
        return got
    }

    static func rawScanned(_ automaton: PhraseAutomaton, _ raw: [UInt8]) -> [Match] {
        var got: [Match] = []
        raw.withUnsafeBufferPointer { automaton.scanText($0) { got.append([$0, $1, $2]) } }
        return got
    }

    @Test(arguments: [11, 12, 13, 14, 15, 16])
    func rawScanFindsWhatNormalisingFirstFinds(seed: Int) {
        var r = Random(state: 0xD1B5_4A32_D192_ED03 &* UInt64(seed))
        // Words, case, ASCII punctuation, separator scalars (no-break space, dashes, curly
        // quotes, ellipsis), other non-ASCII letters, line ends.
        let pieces = ["a", "B", "c", "é", "1", " ", "  ", ",", ".", "-", "\u{00A0}", "\u{2014}", "\u{2019}",
                      "\u{2026}", "日", "\r\n", "\n", "(", "**", "Ab"]
        var patterns: [String] = []
        for _ in 0..<(10 + r.next(30)) {
            patterns.append(Normalizer.key(Self.words(&r, alphabet: ["a", "b", "c", "é", "1", "日"], count: 1 + r.next(4))))
        }
        // One pattern longer than the smallest ring (16 bytes), so the ring is sized by it.
        patterns.append(Normalizer.key(String(repeating: "ab ", count: 20)))
        patterns = patterns.filter { !$0.isEmpty }
        let automaton = PhraseAutomaton(patterns: patterns)
        for _ in 0..<40 {
            var text = (0..<(1 + r.next(60))).map { _ in pieces[r.next(pieces.count)] }.joined()
            if r.next(3) == 0 { text = "x " + patterns[r.next(patterns.count)].uppercased() + "; y" }
            if r.next(5) == 0 { text = String(repeating: "AB, ", count: 25) }
            var raw = Array(text.utf8)
            // A truncated multibyte sequence at the end (as a slice of a run could hold).
            if r.next(4) == 0 { raw += [0xE2, 0x80] }
            #expect(Self.rawScanned(automaton, raw) == Self.normalizedThenScanned(automaton, raw), "\(text)")
        }
        #expect(Self.rawScanned(automaton, []) == Self.normalizedThenScanned(automaton, []))
        #expect(Self.rawScanned(PhraseAutomaton(patterns: []), Array("a b".utf8)).isEmpty)
    }

    /// Two texts scanned in turn find, in each, what scanning it alone finds.
    @Test(arguments: [21, 22, 23])
    func twoTextsAtOnceFindWhatEachAloneFinds(seed: Int) {
        var r = Random(state: 0xA076_1D64_78BD_642F &* UInt64(seed))
        let pieces = ["a", "B", "c", "é", " ", ",", "\u{2014}", "ab", "AB C", "日", "\n"]
        var patterns = (0..<30).map { _ in Normalizer.key(Self.words(&r, alphabet: ["a", "b", "c", "é", "日"], count: 1 + r.next(3))) }
        patterns = patterns.filter { !$0.isEmpty }
        let automaton = PhraseAutomaton(patterns: patterns)
        for _ in 0..<40 {
            // Texts of different lengths, either one empty at times.
            let a = Array((0..<r.next(50)).map { _ in pieces[r.next(pieces.count)] }.joined().utf8)
            let b = Array((0..<r.next(50)).map { _ in pieces[r.next(pieces.count)] }.joined().utf8)
            var gotA: [Match] = [], gotB: [Match] = []
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    automaton.scanTexts(pa, pb, { gotA.append([$0, $1, $2]) }, { gotB.append([$0, $1, $2]) })
                }
            }
            #expect(gotA == Self.rawScanned(automaton, a))
            #expect(gotB == Self.rawScanned(automaton, b))
        }
    }
}
