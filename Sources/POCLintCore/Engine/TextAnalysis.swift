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
/// cells). Names and phrases are scanned for once, up front, over every text; the common
/// words of the term lists only in the runs a rule asks about, once per run.
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
        for ri in document.texts.indices {
            let first = matches.count
            TextAnalysis.scan(document.texts[ri], ri, pack.automaton, pack.eagerIDs, into: &matches)
            byRun.append(first..<matches.count)
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
