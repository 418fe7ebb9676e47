import CMarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses Markdown with cmark-gfm (tables, strikethrough, autolinks, task lists) and builds
/// a `Document`. The only file that talks to the C library: every cmark object made here is
/// freed here, exactly once.
public enum MarkdownParser {
    /// Registers the GFM extensions once per process (the C call is not thread-safe).
    private static let extensionNames: [String] = {
        cmark_gfm_core_extensions_ensure_registered()
        return ["table", "strikethrough", "autolink", "tasklist"]
    }()

    /// Parses `source` into a document.
    public static func parse(_ source: SourceText) -> Document {
        var document = Document(source: source)
        let frontMatter = FrontMatter.range(in: source.bytes)
        document.frontMatter = frontMatter

        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES) else { return document }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        if let fm = frontMatter {
            // Front matter is blanked (newlines kept) so that every line keeps its number.
            var blanked = source.bytes
            for i in fm.start..<fm.end where blanked[i] != 0x0A && blanked[i] != 0x0D { blanked[i] = 0x20 }
            blanked.withUnsafeBufferPointer { buf in
                buf.baseAddress.map { cmark_parser_feed(parser, $0, buf.count) }
            }
        } else {
            source.bytes.withUnsafeBufferPointer { buf in
                buf.baseAddress.map { cmark_parser_feed(parser, $0, buf.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return document }
        defer { cmark_node_free(root) }

        // About a block per line (more in tables, fewer in paragraphs): a first capacity, so
        // that a large document's arrays are not copied through every doubling.
        document.blocks.reserveCapacity(source.lineCount + 8)
        document.texts.reserveCapacity(source.lineCount / 2 + 8)
        source.bytes.withUnsafeBufferPointer { src in
            var builder = TreeBuilder(source: source, src: src)
            builder.walk(root, into: &document)
            builder.finish(&document)
        }
        OutlineBuilder.build(&document)
        return document
    }
}

/// Walks cmark's tree with `cmark_iter` (no recursion: 10,000-deep nesting is fine).
private struct TreeBuilder {
    let source: SourceText
    let src: UnsafeBufferPointer<UInt8>
    var blockStack: [Int] = []
    var run: TextRun?
    var runBlock = -1
    var aligner = Aligner(cursor: 0, limit: 0)
    var inlineStack: [(kind: InlineKind, start: Int, destination: String?, sourceStart: Int)] = []
    var tableStack: [Int] = []
    var extensionKinds: [UInt32: String] = [:]

    init(source: SourceText, src: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.src = src
    }

    mutating func typeName(_ node: OpaquePointer, _ raw: UInt32) -> String {
        if let name = extensionKinds[raw] { return name }
        let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? "other"
        extensionKinds[raw] = name
        return name
    }

    func blockRange(_ node: OpaquePointer) -> (SourceRange, Int, Int) {
        let sl = Int(cmark_node_get_start_line(node))
        let sc = Int(cmark_node_get_start_column(node))
        var el = Int(cmark_node_get_end_line(node))
        var ec = Int(cmark_node_get_end_column(node))
        if sl < 1 { return (SourceRange(0, 0), 1, 1) }
        if ec <= 0 && el > sl {
            // cmark-gfm ends some blocks (setext headings) at column 0 of the next line.
            el -= 1
            ec = Int.max / 4
        }
        if el < sl { el = sl }
        let start = source.offset(line: sl, byteColumn: max(sc, 1))
        let lineEnd = source.lineContentRange(el).end
        let end = ec >= Int.max / 4 ? lineEnd : min(source.offset(line: el, byteColumn: max(ec, 1)) + 1, lineEnd)
        return (SourceRange(start, max(start, end)), sl, el)
    }

    mutating func walk(_ root: OpaquePointer, into doc: inout Document) {
        guard let iter = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iter) else { continue }
            let raw = cmark_node_get_type(node).rawValue
            let entering = event == CMARK_EVENT_ENTER
            if (raw & UInt32(CMARK_NODE_TYPE_MASK)) == UInt32(CMARK_NODE_TYPE_BLOCK) {
                if entering { enterBlock(node, raw, &doc) } else { exitBlock(&doc) }
            } else if (raw & UInt32(CMARK_NODE_TYPE_MASK)) == UInt32(CMARK_NODE_TYPE_INLINE) {
                inline(node, raw, entering)
            }
        }
    }

    // Read-only after it is first set (once, after the extensions were registered).
    nonisolated(unsafe) static let tasklist = cmark_find_syntax_extension("tasklist")

    static func isLeafBlock(_ kind: BlockKind) -> Bool {
        kind == .codeBlock || kind == .htmlBlock || kind == .thematicBreak
    }

    mutating func enterBlock(_ node: OpaquePointer, _ raw: UInt32, _ doc: inout Document) {
        let kind: BlockKind
        var level = 0
        var header = false
        var ordered = false
        var checked: Bool? = nil
        var fence: String? = nil
        switch raw {
        case CMARK_NODE_DOCUMENT.rawValue: kind = .document
        case CMARK_NODE_BLOCK_QUOTE.rawValue: kind = .blockQuote
        case CMARK_NODE_LIST.rawValue:
            kind = .list
            ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        case CMARK_NODE_ITEM.rawValue:
            kind = .item
            // A task item is an item that the tasklist extension claimed.
            if let ext = cmark_node_get_syntax_extension(node), ext == TreeBuilder.tasklist {
                checked = cmark_gfm_extensions_get_tasklist_item_checked(node)
            }
        case CMARK_NODE_CODE_BLOCK.rawValue:
            kind = .codeBlock
            fence = cmark_node_get_fence_info(node).map { String(cString: $0) }
        case CMARK_NODE_HTML_BLOCK.rawValue: kind = .htmlBlock
        case CMARK_NODE_PARAGRAPH.rawValue: kind = .paragraph
        case CMARK_NODE_HEADING.rawValue:
            kind = .heading
            level = Int(cmark_node_get_heading_level(node))
        case CMARK_NODE_THEMATIC_BREAK.rawValue: kind = .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION.rawValue: kind = .footnoteDefinition
        default:
            switch typeName(node, raw) {
            case "table": kind = .table
            case "table_row", "table_header":
                kind = .tableRow
                header = cmark_gfm_extensions_get_table_row_is_header(node) != 0
            case "table_cell": kind = .tableCell
            default: kind = .other
            }
        }
        var (range, sl, el) = blockRange(node)
        if kind == .document { range = SourceRange(0, source.bytes.count); el = max(source.lineCount, 1) }
        var setext = false
        if kind == .heading && el > sl { setext = true }
        let parent = blockStack.last ?? -1
        let index = doc.blocks.count
        var block = Block(kind: kind, parent: parent, range: range, startLine: sl, endLine: el,
                          headingLevel: level, isSetextHeading: setext, isHeaderRow: header,
                          isOrderedList: ordered, taskChecked: checked, text: nil, literal: nil, fenceInfo: fence)
        if kind == .codeBlock || kind == .htmlBlock {
            let lit = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            block.literal = lit
            if kind == .htmlBlock {
                // cmark-gfm can end an HTML block before it starts ("3:1-2:0"): its extent is
                // its literal, up to the end of the literal's last line.
                let lines = max(1, lit.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 })
                let lastLine = min(source.lineCount, sl + lines - 1)
                block.range = SourceRange(range.start, max(range.end, source.lineContentRange(lastLine).end))
                range = block.range
            }
            if kind == .htmlBlock { doc.html.append(HTMLFragment(range: range, literal: lit, isBlock: true)) }
        }
        doc.blocks.append(block)
        if parent >= 0 { doc.blocks[parent].children.append(index) }

        switch kind {
        case .table:
            tableStack.append(doc.tables.count)
            doc.tables.append(Table(block: index))
        case .tableRow:
            if let t = tableStack.last, !header { doc.tables[t].rows.append([]) }
        case .tableCell:
            if let t = tableStack.last {
                let row = doc.blocks[parent]
                if row.isHeaderRow { doc.tables[t].header.append(index) }
                else if !doc.tables[t].rows.isEmpty { doc.tables[t].rows[doc.tables[t].rows.count - 1].append(index) }
            }
        default: break
        }

        if kind == .paragraph || kind == .heading || kind == .tableCell {
            run = TextRun(block: index, anchor: range.start)
            // The text is at most about as long as the block's source: one allocation, not a
            // doubling for each literal appended.
            run!.bytes.reserveCapacity(range.end - range.start)
            runBlock = index
            // A setext heading's text ends before its underline: a literal byte missing from
            // the text lines must not be matched in the `===` / `---` line.
            let limit = source.lineContentRange(setext ? el - 1 : el).end
            aligner = Aligner(cursor: range.start, limit: setext ? limit : max(limit, range.end))
            inlineStack.removeAll(keepingCapacity: true)
        }
        if !TreeBuilder.isLeafBlock(kind) { blockStack.append(index) }
    }

    mutating func exitBlock(_ doc: inout Document) {
        guard let index = blockStack.popLast() else { return }
        if index == runBlock, let finished = run {
            doc.blocks[index].text = doc.texts.count
            doc.texts.append(finished)
            run = nil
            runBlock = -1
        }
        if doc.blocks[index].kind == .table { _ = tableStack.popLast() }
    }

    mutating func inline(_ node: OpaquePointer, _ raw: UInt32, _ entering: Bool) {
        guard run != nil else { return }
        switch raw {
        case CMARK_NODE_TEXT.rawValue, CMARK_NODE_CODE.rawValue:
            guard let lit = cmark_node_get_literal(node) else { return }
            let len = strlen(lit)
            let start = run!.bytes.count
            let verbatim = lit.withMemoryRebound(to: UInt8.self, capacity: len) { p in
                aligner.append(UnsafeBufferPointer(start: p, count: len), src: src, to: &run!)
            }
            let end = run!.bytes.count
            let kind: InlineKind = raw == CMARK_NODE_TEXT.rawValue ? .text : .code
            run!.inlines.append(Inline(kind: kind, textRange: start..<end, sourceRange: verbatim ?? run!.sourceRange(start..<end),
                                       destination: nil, depth: inlineStack.count))
        case CMARK_NODE_SOFTBREAK.rawValue, CMARK_NODE_LINEBREAK.rawValue:
            let start = run!.bytes.count
            let at = aligner.appendBreak(src: src, to: &run!)
            run!.inlines.append(Inline(kind: raw == CMARK_NODE_SOFTBREAK.rawValue ? .softBreak : .lineBreak,
                                       textRange: start..<start + 1, sourceRange: SourceRange(at, at + 1),
                                       destination: nil, depth: inlineStack.count))
        case CMARK_NODE_HTML_INLINE.rawValue:
            guard let lit = cmark_node_get_literal(node) else { return }
            let len = strlen(lit)
            let range = lit.withMemoryRebound(to: UInt8.self, capacity: len) { p in
                aligner.skip(UnsafeBufferPointer(start: p, count: len), src: src)
            }
            let at = run!.bytes.count
            run!.inlines.append(Inline(kind: .html, textRange: at..<at, sourceRange: range,
                                       destination: nil, depth: inlineStack.count))
            htmlInline.append(HTMLFragment(range: range, literal: String(cString: lit), isBlock: false))
        case CMARK_NODE_EMPH.rawValue, CMARK_NODE_STRONG.rawValue, CMARK_NODE_LINK.rawValue, CMARK_NODE_IMAGE.rawValue:
            let kind: InlineKind = raw == CMARK_NODE_EMPH.rawValue ? .emphasis
                : raw == CMARK_NODE_STRONG.rawValue ? .strong : raw == CMARK_NODE_LINK.rawValue ? .link : .image
            container(kind, node, entering)
        case CMARK_NODE_FOOTNOTE_REFERENCE.rawValue:
            break
        default:
            if typeName(node, raw) == "strikethrough" { container(.strikethrough, node, entering) }
        }
    }

    var htmlInline: [HTMLFragment] = []

    mutating func container(_ kind: InlineKind, _ node: OpaquePointer, _ entering: Bool) {
        if entering {
            let dest = (kind == .link || kind == .image) ? cmark_node_get_url(node).map { String(cString: $0) } : nil
            inlineStack.append((kind, run!.bytes.count, dest, aligner.cursor))
        } else if let open = inlineStack.popLast() {
            let end = run!.bytes.count
            if kind == .link || kind == .image { aligner.skipLinkTail(src: src) }
            let sr = SourceRange(open.sourceStart, aligner.cursor)
            run!.inlines.append(Inline(kind: kind, textRange: open.start..<end, sourceRange: sr,
                                       destination: open.destination, depth: inlineStack.count))
        }
    }
}

extension TreeBuilder {
    /// Flushes the inline HTML collected while walking.
    mutating func finish(_ doc: inout Document) {
        doc.html.append(contentsOf: htmlInline)
        doc.html.sort { $0.range < $1.range }
    }
}

/// Maps each literal of cmark's inline nodes back onto the source bytes of its block,
/// never trusting cmark's inline columns (wrong on indented continuation lines).
struct Aligner {
    var cursor: Int
    var limit: Int

    /// How far ahead the first byte of a literal may be (markup, list and quote markers).
    static let window = 512
    /// How far ahead one byte of a literal that did not match verbatim may be (escapes, entities).
    static let byteWindow = 40

    /// Appends a literal's bytes to the run and maps them onto the source. Returns the source
    /// range when the literal stands verbatim in the source (what `run.sourceRange` of its text
    /// would give, without the searches), nil otherwise.
    @discardableResult
    mutating func append(_ lit: UnsafeBufferPointer<UInt8>, src: UnsafeBufferPointer<UInt8>, to run: inout TextRun) -> SourceRange? {
        let n = lit.count
        guard n > 0 else { return nil }
        let textStart = run.bytes.count
        run.bytes.append(contentsOf: lit)
        // Fast path: the literal stands verbatim in the source after some markup.
        var p = cursor
        let first = lit[0]
        let stop = min(limit, cursor + Aligner.window)
        while p < stop && src[p] != first { p += 1 }
        if p < stop && p + n <= limit && memcmp(src.baseAddress! + p, lit.baseAddress!, n) == 0 {
            addSegment(&run, textStart, p, n)
            cursor = p + n
            return SourceRange(p, p + n)
        }
        // Byte by byte: escapes, entities and code spans with folded line endings.
        for i in 0..<n {
            let b = lit[i]
            var q = cursor
            let bstop = min(limit, cursor + Aligner.byteWindow)
            while q < bstop && src[q] != b { q += 1 }
            if q < bstop {
                addSegment(&run, textStart + i, q, 1)
                cursor = q + 1
            } else {
                addSegment(&run, textStart + i, cursor, 0)
            }
        }
        return nil
    }

    private func addSegment(_ run: inout TextRun, _ textStart: Int, _ sourceStart: Int, _ length: Int) {
        if let last = run.segments.last, last.length > 0, length > 0,
           last.textStart + last.length == textStart, last.sourceStart + last.length == sourceStart {
            run.segments[run.segments.count - 1].length += length
        } else {
            run.segments.append(TextRun.Segment(textStart: textStart, sourceStart: sourceStart, length: length))
        }
    }

    /// A soft or hard line break: one space in the text, mapped to the line terminator.
    mutating func appendBreak(src: UnsafeBufferPointer<UInt8>, to run: inout TextRun) -> Int {
        var q = cursor
        while q < src.count && src[q] != 0x0A && src[q] != 0x0D { q += 1 }
        let at = min(q, src.count)
        run.segments.append(TextRun.Segment(textStart: run.bytes.count, sourceStart: at, length: at < src.count ? 1 : 0))
        run.bytes.append(0x20)
        if q < src.count && src[q] == 0x0D { q += 1 }
        if q < src.count && src[q] == 0x0A { q += 1 }
        cursor = q
        if limit < cursor { limit = cursor }
        return at
    }

    /// Inline HTML: advance past it without adding text.
    mutating func skip(_ lit: UnsafeBufferPointer<UInt8>, src: UnsafeBufferPointer<UInt8>) -> SourceRange {
        var p = cursor
        let n = lit.count
        guard n > 0 else { return SourceRange(cursor, cursor) }
        let stop = min(limit, cursor + Aligner.window)
        while p < stop && src[p] != lit[0] { p += 1 }
        if p < stop && p + n <= limit && memcmp(src.baseAddress! + p, lit.baseAddress!, n) == 0 {
            cursor = p + n
            return SourceRange(p, p + n)
        }
        return SourceRange(cursor, cursor)
    }

    /// After the text of a link or image: skip `](destination "title")`, `][ref]` or `>`.
    mutating func skipLinkTail(src: UnsafeBufferPointer<UInt8>) {
        var p = cursor
        let stop = min(limit, cursor + 16)
        while p < stop && (src[p] == 0x2A || src[p] == 0x5F || src[p] == 0x60 || src[p] == 0x7E || src[p] == 0x20) { p += 1 }
        guard p < limit else { return }
        if src[p] == 0x3E { cursor = p + 1; return }            // <autolink>
        guard src[p] == 0x5D else { return }                      // ]
        p += 1
        guard p < limit else { cursor = p; return }
        if src[p] == 0x28 {                                      // (destination "title")
            var depth = 0
            var q = p
            var inAngle = false
            var quote: UInt8 = 0
            while q < limit {
                let b = src[q]
                if b == 0x5C { q += 2; continue }
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if inAngle {
                    if b == 0x3E { inAngle = false }
                } else if b == 0x3C && q > p && src[q - 1] == 0x28 {
                    inAngle = true
                } else if (b == 0x22 || b == 0x27) && q > p && (src[q - 1] == 0x20 || src[q - 1] == 0x0A) {
                    quote = b
                } else if b == 0x28 {
                    depth += 1
                } else if b == 0x29 {
                    depth -= 1
                    if depth == 0 { q += 1; break }
                }
                q += 1
            }
            cursor = min(q, limit)
        } else if src[p] == 0x5B {                               // [ref]
            var q = p + 1
            while q < limit && src[q] != 0x5D { q += src[q] == 0x5C ? 2 : 1 }
            cursor = min(q + 1, limit)
        } else {
            cursor = p
        }
    }
}
