/// The kind of a block node of the document tree.
public enum BlockKind: String, Sendable, Hashable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading
    case thematicBreak, table, tableRow, tableCell, footnoteDefinition, other
}

/// The kind of an inline node.
public enum InlineKind: String, Sendable, Hashable {
    case text, softBreak, lineBreak, code, html, emphasis, strong, link, image
    case strikethrough, footnoteReference, other
}

/// A block node: its kind, its place in the tree and its exact source range.
public struct Block: Sendable {
    public let kind: BlockKind
    /// Index of the parent block, `-1` for the document.
    public let parent: Int
    public internal(set) var children: [Int] = []
    /// Byte range in the source, from the first to just past the last character of the block.
    public internal(set) var range: SourceRange
    public let startLine: Int
    public internal(set) var endLine: Int
    /// Heading level 1-6, 0 for other blocks.
    public let headingLevel: Int
    public let isSetextHeading: Bool
    /// For a table row: whether it is the header row.
    public let isHeaderRow: Bool
    /// For a list: whether it is ordered.
    public let isOrderedList: Bool
    /// For a task list item: whether it is checked (`nil` when it is not a task item).
    public let taskChecked: Bool?
    /// For a leaf text block (paragraph, heading, table cell): index into `Document.texts`.
    public internal(set) var text: Int?
    /// Raw literal of a code or HTML block.
    public internal(set) var literal: String?
    /// Info string of a fenced code block.
    public let fenceInfo: String?
}

/// An inline node inside a `TextRun`, with its range in the run's text and in the source.
public struct Inline: Sendable {
    public let kind: InlineKind
    /// Byte range in `TextRun.bytes` that the node's text covers.
    public internal(set) var textRange: Range<Int>
    public internal(set) var sourceRange: SourceRange
    /// For links and images: the destination.
    public let destination: String?
    /// Depth of nesting inside other inlines (0 = direct child of the block).
    public let depth: Int
}

/// The plain text of one leaf block (a paragraph, heading or table cell): inline markup
/// removed, soft and hard breaks read as one space. Every byte maps back to the source.
public struct TextRun: Sendable {
    struct Segment: Sendable {
        var textStart: Int
        var sourceStart: Int
        var length: Int
    }

    /// Index of the block that holds this text.
    public let block: Int
    /// UTF-8 bytes of the plain text.
    public internal(set) var bytes: [UInt8] = []
    public internal(set) var inlines: [Inline] = []
    var segments: [Segment] = []
    /// Where the block's text starts in the source (used for empty runs).
    let anchor: Int

    /// The plain text as a String (built on demand).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[max(0, range.lowerBound)..<min(bytes.count, range.upperBound)], as: UTF8.self)
    }

    /// Source offset of a text offset. Offsets past the end map to just past the last mapped byte.
    public func sourceOffset(_ textOffset: Int) -> Int {
        guard !segments.isEmpty else { return anchor }
        let seg = segments[segmentIndex(textOffset)]
        if textOffset < seg.textStart { return seg.sourceStart }
        let delta = textOffset - seg.textStart
        if delta < seg.length { return seg.sourceStart + delta }
        return seg.sourceStart + seg.length
    }

    /// Source range of a range of the text. The end maps from the last byte, so a range that
    /// ends at a soft break does not run onto the next line. A last byte that maps to no
    /// source byte (a zero-length segment, possibly at the very end of the file) ends the
    /// range where it maps, never one past it.
    public func sourceRange(_ range: Range<Int>) -> SourceRange {
        let start = sourceOffset(range.lowerBound)
        guard range.upperBound > range.lowerBound else { return SourceRange(start, start) }
        let last = range.upperBound - 1
        let end = sourceOffset(last) + (isMapped(last) ? 1 : 0)
        return SourceRange(start, max(start, end))
    }

    /// The last segment that starts at or before `textOffset` (the first when none does).
    func segmentIndex(_ textOffset: Int) -> Int {
        var lo = 0
        var hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].textStart <= textOffset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Whether a text byte stands for a byte of the source (not a zero-length segment).
    func isMapped(_ textOffset: Int) -> Bool {
        guard !segments.isEmpty else { return false }
        let seg = segments[segmentIndex(textOffset)]
        return textOffset >= seg.textStart && textOffset - seg.textStart < seg.length
    }

    /// Source range of the whole text.
    public var sourceRange: SourceRange { sourceRange(0..<bytes.count) }
}

/// A part of the document introduced by a heading or by a bold lead-in label
/// (`**Budget.** Our monthly cost ...`).
public struct Section: Sendable {
    public enum Kind: String, Sendable { case heading, label }
    public let kind: Kind
    /// The heading block, or the paragraph that starts with the label.
    public let block: Int
    /// Heading level; a label counts one level below the heading it sits under.
    public let level: Int
    public let title: String
    /// Source range of the title text (the heading's text, or the bold label).
    public let titleRange: SourceRange
    /// Range of the whole section, title included, up to the next section of the same or a higher level.
    public internal(set) var range: SourceRange
    /// Range after the title up to the end of the section.
    public internal(set) var bodyRange: SourceRange
    /// Index of the enclosing section, if any.
    public internal(set) var parent: Int?
}

/// A GFM table: its header cells and body rows, as indices of cell blocks.
public struct Table: Sendable {
    public let block: Int
    public internal(set) var header: [Int] = []
    public internal(set) var rows: [[Int]] = []
}

/// An HTML block or inline HTML (comments carry suppressions).
public struct HTMLFragment: Sendable {
    public let range: SourceRange
    public let literal: String
    public let isBlock: Bool
}

/// A parsed Markdown document: the source, the block tree, the text of every leaf block,
/// the outline of sections and the tables.
public struct Document: Sendable {
    public let source: SourceText
    public internal(set) var blocks: [Block] = []
    public internal(set) var texts: [TextRun] = []
    public internal(set) var sections: [Section] = []
    public internal(set) var tables: [Table] = []
    public internal(set) var html: [HTMLFragment] = []
    /// Byte range of YAML front matter that was skipped, if any.
    public internal(set) var frontMatter: SourceRange?

    init(source: SourceText) {
        self.source = source
    }

    /// The text run of a block, if it is a leaf text block.
    public func text(of block: Int) -> TextRun? {
        blocks[block].text.map { texts[$0] }
    }

    /// Text runs whose block lies within `range` (in document order).
    public func texts(in range: SourceRange) -> [TextRun] {
        texts.filter { range.contains(blocks[$0.block].range.start) }
    }

    /// Whether `block` is inside a block of the given kind (or is one).
    public func isInside(_ block: Int, _ kind: BlockKind) -> Bool {
        var b = block
        while b >= 0 {
            if blocks[b].kind == kind { return true }
            b = blocks[b].parent
        }
        return false
    }

    /// The first level-1 heading (the document's title), if any.
    public var titleSection: Section? {
        sections.first { $0.kind == .heading && $0.level == 1 }
    }
}

/// A search for any of a few ASCII needles (lower-case) in texts, ignoring ASCII case, prepared
/// once for many texts (rules ask "poc, proof of concept or pilot?" of every run of a document).
public struct ASCIISearch: Sendable {
    private let needles: [[UInt8]]
    /// For each byte, whether it starts a needle (either case).
    private let starts: [Bool]
    /// The distinct first two letters of the needles, as splats, for the sixteen-byte filter
    /// (empty: every byte is looked at; a needle of one byte or of non-letters, or more than
    /// four pairs).
    private let pairFirsts: [SIMD16<UInt8>]
    private let pairSeconds: [SIMD16<UInt8>]
    private let matchesEmpty: Bool

    public init(_ needles: StaticString...) { self.init(needles) }

    public init(_ needles: [StaticString]) {
        let list = needles.map { nd in Array(UnsafeBufferPointer(start: nd.utf8Start, count: nd.utf8CodeUnitCount)) }
        self.needles = list.filter { !$0.isEmpty }
        matchesEmpty = list.contains { $0.isEmpty }
        var firsts = [Bool](repeating: false, count: 256)
        var pairs: [(UInt8, UInt8)] = []
        var filter = true
        for nd in self.needles {
            firsts[Int(nd[0])] = true
            if nd[0] >= 0x61 && nd[0] <= 0x7A { firsts[Int(nd[0] & ~0x20)] = true }
            guard nd.count >= 2, (0x61...0x7A).contains(nd[0]), (0x61...0x7A).contains(nd[1]) else { filter = false; continue }
            if !pairs.contains(where: { $0 == (nd[0], nd[1]) }) { pairs.append((nd[0], nd[1])) }
        }
        if pairs.count > 4 { filter = false }
        starts = firsts
        pairFirsts = filter ? pairs.map { SIMD16(repeating: $0.0) } : []
        pairSeconds = filter ? pairs.map { SIMD16(repeating: $0.1) } : []
    }

    /// Whether a needle occurs in `range` of the run's text (all of it by default).
    public func occurs(in run: TextRun, _ range: Range<Int>? = nil) -> Bool {
        if matchesEmpty { return true }
        let r = (range ?? 0..<run.bytes.count).clamped(to: 0..<run.bytes.count)
        return run.bytes.withUnsafeBufferPointer { b -> Bool in
            guard let base = b.baseAddress else { return false }
            @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
            // Whether a needle starts at i.
            func matchAt(_ i: Int) -> Bool {
                let l = lower(b[i])
                for nd in needles where nd[0] == l && i + nd.count <= r.upperBound {
                    var k = 1
                    while k < nd.count && lower(b[i + k]) == nd[k] { k += 1 }
                    if k == nd.count { return true }
                }
                return false
            }
            var i = r.lowerBound
            // Sixteen bytes at a time: a block is looked at byte by byte only when a needle's
            // first two letters occur in it (`x | 0x20` folds exactly the upper-case letters
            // onto the lower-case ones, and no other byte onto a letter).
            if !pairFirsts.isEmpty {
                let raw = UnsafeRawPointer(base)
                let fold = SIMD16<UInt8>(repeating: 0x20)
                while i + 17 <= r.upperBound {
                    let a = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) | fold
                    let c = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self) | fold
                    var hit = (a .== pairFirsts[0]) .& (c .== pairSeconds[0])
                    for k in 1..<pairFirsts.count { hit = hit .| ((a .== pairFirsts[k]) .& (c .== pairSeconds[k])) }
                    // The mask's lanes (0 or 0xFF) as two words: `any` on a SIMD mask is a
                    // lane-by-lane loop here. Lane j keeps bit j % 8 of its half, and a half's
                    // bytes add up (distinct bits: no carries) in the top byte of a multiply.
                    let lanes = unsafeBitCast(hit, to: (UInt64, UInt64).self)
                    if lanes.0 | lanes.1 != 0 {
                        let weight: UInt64 = 0x8040_2010_0804_0201
                        var bits = UInt16(((lanes.0 & weight) &* 0x0101_0101_0101_0101) >> 56)
                            | UInt16(((lanes.1 & weight) &* 0x0101_0101_0101_0101) >> 56) << 8
                        while bits != 0 {
                            if matchAt(i + bits.trailingZeroBitCount) { return true }
                            bits &= bits &- 1
                        }
                    }
                    i += 16
                }
            }
            // The rest (a short run is all rest) byte by byte, looking closer only at a byte that
            // starts a needle.
            starts.withUnsafeBufferPointer { first in
                while i < r.upperBound {
                    if first[Int(b[i])] && matchAt(i) { break }
                    i += 1
                }
            }
            return i < r.upperBound
        }
    }
}
