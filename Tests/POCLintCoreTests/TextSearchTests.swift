import Testing
@testable import POCLintCore

/// `ASCIISearch` skips sixteen bytes at a time on letter pairs; it must answer what a plain
/// case-insensitive search answers, at every alignment and at range edges.
struct TextSearchTests {
    static func run(_ text: String) -> TextRun {
        var r = TextRun(block: 0, anchor: 0)
        r.bytes = Array(text.utf8)
        return r
    }

    static func naive(_ text: [UInt8], _ needles: [String], _ range: Range<Int>) -> Bool {
        let lower = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return needles.contains { nd in
            let n = Array(nd.utf8)
            guard n.count <= range.count else { return n.isEmpty }
            return (range.lowerBound...(range.upperBound - n.count)).contains { Array(lower[$0..<$0 + n.count]) == n }
        }
    }

    @Test(arguments: 0..<40)
    func answersWhatAPlainSearchAnswers(_ seed: Int) {
        var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        let pieces = ["p", "P", "o", "c", "POC", "pilot", "Pilo", "proof of concept", " ", "x", "é", ".", "credit", "CReDiT", "ask", "as",
                      "Seek", " FROM ", "0123456789abcdef"]
        let text = (0..<next(60)).map { _ in pieces[next(pieces.count)] }.joined()
        let run = Self.run(text)
        let n = run.bytes.count
        let lo = n == 0 ? 0 : next(n + 1)
        let hi = lo + (n - lo == 0 ? 0 : next(n - lo + 1))
        let poc = Self.naive(run.bytes, ["poc", "proof of concept", "pilot"], 0..<n)
        #expect(ASCIISearch("poc", "proof of concept", "pilot").occurs(in: run) == poc, "\(text)")
        #expect(ASCIISearch("poc", "proof of concept", "pilot").occurs(in: run, lo..<hi)
                == Self.naive(run.bytes, ["poc", "proof of concept", "pilot"], lo..<hi), "\(text) \(lo)..<\(hi)")
        #expect(ASCIISearch("credit").occurs(in: run) == Self.naive(run.bytes, ["credit"], 0..<n), "\(text)")
        #expect(ASCIISearch("request", "ask", "apply", "seek").occurs(in: run, lo..<hi)
                == Self.naive(run.bytes, ["request", "ask", "apply", "seek"], lo..<hi), "\(text) \(lo)..<\(hi)")
        // A prepared search, reused across texts; five pairs (no sixteen-byte filter) and a
        // needle that is not a pair of letters.
        let five = ASCIISearch("poc", "pilot", "credit", "ask", "seek")
        #expect(five.occurs(in: run, lo..<hi) == Self.naive(run.bytes, ["poc", "pilot", "credit", "ask", "seek"], lo..<hi))
        let odd = ASCIISearch("p", " from ")
        #expect(odd.occurs(in: run) == Self.naive(run.bytes, ["p", " from "], 0..<n))
    }

    @Test func edges() {
        #expect(!ASCIISearch("poc").occurs(in: Self.run("")))
        #expect(ASCIISearch("").occurs(in: Self.run("abc")))
        #expect(ASCIISearch("poc").occurs(in: Self.run("xxxxxxxxxxxxxxxPOC")))
        #expect(!ASCIISearch("poc").occurs(in: Self.run("xxxxxxxxxxxxxxxPO")))
        #expect(!ASCIISearch("poc").occurs(in: Self.run("the POC"), 0..<6))
        #expect(ASCIISearch("poc").occurs(in: Self.run("the POC"), 4..<7))
        // Needles of one letter: no sixteen-byte filter, every byte is looked at.
        #expect(ASCIISearch("a", "b", "c", "d", "end").occurs(in: Self.run("zzzzzzzzzzzzEnd")))
    }
}
