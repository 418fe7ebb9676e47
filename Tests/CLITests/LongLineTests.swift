import Foundation
import Testing
import POCLintCore

/// Long lines: positions on a 1 MB line are found without scanning the line from its start
/// for every finding (`SourceText` keeps checkpoints), and they are the positions a plain
/// scan gives.
@Suite struct LongLineTests {
    /// Every coordinate, counted the slow way from the start of the line.
    func naiveLocation(_ text: SourceText, _ offset: Int) -> (line: Int, column: Int, utf16: Int) {
        let lineIdx = text.lineIndex(of: offset)
        let start = text.lineStarts[lineIdx]
        let prefix = String(decoding: text.bytes[start..<offset], as: UTF8.self)
        return (lineIdx + 1, prefix.unicodeScalars.count + 1, prefix.utf16.count)
    }

    @Test func checkpointedPositionsEqualAPlainScan() {
        // Mixed widths (1 to 4 bytes), long and short lines, CRLF and CR.
        let pieces = ["a", "é", "—", "🚀", " ", "word ", "“q”"]
        var s = ""
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        for line in 0..<6 {
            let count = line % 2 == 0 ? 3_000 + next() % 2_000 : next() % 40
            for _ in 0..<count { s += pieces[next() % pieces.count] }
            s += ["\n", "\r\n", "\r"][line % 3]
        }
        let text = SourceText(s)
        var offsets = [0, text.bytes.count]
        for _ in 0..<400 { offsets.append(next() % (text.bytes.count + 1)) }
        for raw in offsets {
            let got = text.location(of: raw)
            let want = naiveLocation(text, got.offset)
            #expect((got.line, got.column, got.utf16Column) == (want.line, want.column, want.utf16),
                    "offset \(raw) (snapped to \(got.offset))")
        }
    }

    /// 30,000 positions on a 1 MB line (a finding every 35 bytes or so): without checkpoints each
    /// would rescan the line from its start (10^10 steps); with them each scans at most 1 KB.
    @Test func thirtyThousandPositionsOnAOneMegabyteLineAreFoundInBoundedTime() throws {
        let sentence = "Résumé — we will explore 🚀 LLM opportunities. "
        let text = SourceText("# Title\n\n" + String(repeating: sentence, count: (1 << 20) / sentence.utf8.count) + "\n")
        let last = try withHangGuard(seconds: 60) { () -> SourcePosition in
            let step = (text.lineContentRange(3).length - 1) / 30_000
            var position = text.location(of: 0)
            for k in 0..<30_000 { position = text.location(of: 9 + k * step) }
            return position
        }
        #expect(last.line == 3)
        #expect(naiveLocation(text, last.offset).column == last.column)
    }
}
