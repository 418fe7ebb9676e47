/// One match of a rule-pack pattern in the text of a leaf block.
public struct PhraseMatch: Sendable {
    /// Automaton pattern id: `pack.entries[pattern]` says what it stands for.
    public let pattern: Int
    /// Index into `document.texts`.
    public let run: Int
    /// Byte range in the run's text.
    public let textRange: Range<Int>
}

/// The rule packs' patterns matched in every text of the document (headings, paragraphs,
/// cells). Names, phrases and content cues are scanned for once, up front, over every text
/// (two runs at a time); the common words of the term lists only in the runs a rule asks
/// about, once per run.
public final class TextAnalysis {
    /// Matches of the eager automaton, grouped by run.
    public let matches: [PhraseMatch]
    /// For each text run, the range of `matches` that falls in it.
    public let byRun: [Range<Int>]
    private let document: Document
    private let pack: RulePack
    /// `all(ri)` once computed, by run (an array, not a dictionary: no hashing per lookup).
    private var complete: [[PhraseMatch]?]

    public init(document: Document, pack: RulePack) {
        self.document = document
        self.pack = pack
        var matches: [PhraseMatch] = []
        var byRun: [Range<Int>] = []
        byRun.reserveCapacity(document.texts.count)
        // Two runs at a time (`PhraseAutomaton.scanTexts`); the second run's matches wait in
        // `second` and follow the first's.
        let texts = document.texts
        let automaton = pack.automaton, ids = pack.eagerIDs
        var second: [PhraseMatch] = []
        // The run whose matches start at `first` is complete: sorted, and its range recorded.
        func close(from first: Int) {
            if matches.count - first > 1 { TextAnalysis.sort(&matches[first...]) }
            byRun.append(first..<matches.count)
        }
        var ri = 0
        while ri < texts.count {
            let first = matches.count
            if ri + 1 < texts.count {
                second.removeAll(keepingCapacity: true)
                let rb = ri + 1
                texts[ri].bytes.withUnsafeBufferPointer { a in
                    texts[rb].bytes.withUnsafeBufferPointer { b in
                        automaton.scanTexts(a, b, { p, ts, te in
                            matches.append(PhraseMatch(pattern: ids[p], run: ri, textRange: ts..<te))
                        }, { p, ts, te in
                            second.append(PhraseMatch(pattern: ids[p], run: rb, textRange: ts..<te))
                        })
                    }
                }
                close(from: first)
                let firstB = matches.count
                matches.append(contentsOf: second)
                close(from: firstB)
                ri += 2
            } else {
                TextAnalysis.scan(texts[ri], ri, automaton, ids, into: &matches)
                byRun.append(first..<matches.count)
                ri += 1
            }
        }
        self.matches = matches
        self.byRun = byRun
        self.complete = Array(repeating: nil, count: document.texts.count)
    }

    /// Every match of a run, names and term-list words alike, sorted by start (longest first).
    public func all(_ ri: Int) -> [PhraseMatch] {
        if let done = complete[ri] { return done }
        var out = Array(matches[byRun[ri]])
        TextAnalysis.scan(document.texts[ri], ri, pack.lazyAutomaton, pack.lazyIDs, into: &out)
        TextAnalysis.sort(&out[...])
        complete[ri] = out
        return out
    }

    /// Appends the matches of `automaton` in a run, sorted by start (longest first).
    static func scan(_ run: TextRun, _ ri: Int, _ automaton: PhraseAutomaton, _ ids: [Int],
                     into matches: inout [PhraseMatch]) {
        let first = matches.count
        run.bytes.withUnsafeBufferPointer { text in
            automaton.scanText(text) { pattern, ts, te in
                matches.append(PhraseMatch(pattern: ids[pattern], run: ri, textRange: ts..<te))
            }
        }
        if matches.count - first > 1 { sort(&matches[first...]) }
    }

    static func sort(_ m: inout ArraySlice<PhraseMatch>) {
        m.sort { $0.textRange.lowerBound != $1.textRange.lowerBound
            ? $0.textRange.lowerBound < $1.textRange.lowerBound : $0.textRange.upperBound > $1.textRange.upperBound }
    }
}
