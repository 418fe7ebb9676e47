/// One match of a rule-pack pattern in the text of a leaf block.
public struct PhraseMatch: Sendable {
    /// Automaton pattern id: `pack.entries[pattern]` says what it stands for.
    public let pattern: Int
    /// Index into `document.texts`.
    public let run: Int
    /// Byte range in the run's text.
    public let textRange: Range<Int>
}

/// The automaton run once over every text of the document (headings, paragraphs, cells).
public struct TextAnalysis: Sendable {
    public let matches: [PhraseMatch]
    /// For each text run, the range of `matches` that falls in it.
    public let byRun: [Range<Int>]

    public init(document: Document, pack: RulePack) {
        var matches: [PhraseMatch] = []
        var byRun: [Range<Int>] = []
        byRun.reserveCapacity(document.texts.count)
        var norm: [UInt8] = []
        var map: [Int32] = []
        let automaton = pack.automaton
        for (ri, run) in document.texts.enumerated() {
            let first = matches.count
            run.bytes.withUnsafeBufferPointer { Normalizer.normalize($0, into: &norm, map: &map) }
            norm.withUnsafeBufferPointer { nb in
                automaton.scan(nb) { pattern, start, end in
                    guard end > start else { return }
                    let ts = Int(map[start])
                    let te = Int(map[end - 1]) + 1
                    matches.append(PhraseMatch(pattern: pattern, run: ri, textRange: ts..<te))
                }
            }
            if matches.count - first > 1 {
                matches[first...].sort { $0.textRange.lowerBound != $1.textRange.lowerBound
                    ? $0.textRange.lowerBound < $1.textRange.lowerBound : $0.textRange.upperBound > $1.textRange.upperBound }
            }
            byRun.append(first..<matches.count)
        }
        self.matches = matches
        self.byRun = byRun
    }
}
