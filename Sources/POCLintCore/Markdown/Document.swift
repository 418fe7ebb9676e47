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

extension TextRun {
    /// Whether the text contains any of `needles` (ASCII, lower-case), ignoring ASCII case: one
    /// pass over the text however many needles (rules ask "poc, proof of concept or pilot?" of
    /// every run of a document).
    public func containsAnyASCII(_ needles: StaticString..., in range: Range<Int>? = nil) -> Bool {
        Self.containsAny(needles, in: bytes, range ?? 0..<bytes.count)
    }

    /// Whether the text contains `needle` (ASCII, lower-case), ignoring ASCII case. No Foundation,
    /// no String: cheap enough for every run.
    public func containsASCII(_ needle: StaticString, in range: Range<Int>? = nil) -> Bool {
        Self.containsAny([needle], in: bytes, range ?? 0..<bytes.count)
    }

    private static func containsAny(_ needles: [StaticString], in bytes: [UInt8], _ r: Range<Int>) -> Bool {
        if needles.contains(where: { $0.utf8CodeUnitCount == 0 }) { return true }
        let r = r.clamped(to: 0..<bytes.count)
        // The distinct first bytes, both cases, packed in a word: up to 8 (with more, every
        // byte is looked at).
        var firsts: UInt64 = 0
        var firstCount = 0
        func add(_ c: UInt8) {
            for k in 0..<min(firstCount, 8) where UInt8(truncatingIfNeeded: firsts >> (8 * UInt64(k))) == c { return }
            if firstCount < 8 { firsts |= UInt64(c) << (8 * UInt64(firstCount)) }
            firstCount += 1
        }
        for nd in needles {
            let f = nd.utf8Start[0]
            add(f)
            if f >= 0x61 && f <= 0x7A { add(f & ~0x20) }
        }
        return bytes.withUnsafeBufferPointer { b -> Bool in
            guard let base = b.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            let skipWords = firstCount <= 8
            var i = r.lowerBound
            while i < r.upperBound {
                // Eight bytes at a time while none of them can start a needle.
                if skipWords {
                    while i + 8 <= r.upperBound {
                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        var hit = false
                        for k in 0..<firstCount where Bytes.has(w, UInt8(truncatingIfNeeded: firsts >> (8 * UInt64(k)))) { hit = true; break }
                        if hit { break }
                        i += 8
                    }
                    guard i < r.upperBound else { return false }
                }
                let c = b[i]
                let l = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                for nd in needles {
                    let n = nd.utf8CodeUnitCount
                    guard i + n <= r.upperBound, nd.utf8Start[0] == l else { continue }
                    var k = 1
                    while k < n && (b[i + k] >= 0x41 && b[i + k] <= 0x5A ? b[i + k] | 0x20 : b[i + k]) == nd.utf8Start[k] { k += 1 }
                    if k == n { return true }
                }
                i += 1
            }
            return false
        }
    }
}
