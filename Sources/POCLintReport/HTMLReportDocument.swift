import POCLintCore

/// Renders the application itself from poclint's own `Document` (the cmark-gfm tree the rules
/// read), with every finding highlighted at its exact range: a `<mark>` around the text of
/// the finding's range, or, for a finding that is empty or spans blocks, a numbered marker
/// at its start. Each top-level block is followed (or flanked, on a wide screen) by the
/// notes of the findings inside it.
///
/// Every finding gets exactly one element with the class `finding` (the first piece of its
/// highlight, or its marker), so a page has as many `.finding` elements as diagnostics.
struct HTMLDocumentRenderer {
    let result: LintResult
    let options: ReportOptions
    private let doc: Document
    private let bytes: [UInt8]

    /// A leaf of the tree: a text block, a code or HTML block, a thematic break, or the
    /// front matter (`block == -1`).
    private struct Leaf {
        var block: Int
        var range: SourceRange
    }

    /// Where one finding shows up.
    struct Placement {
        enum Kind {
            /// A highlight over these bytes of the leaf's text run.
            case mark(Range<Int>)
            /// A marker at this byte offset of the leaf's text run (or, for a leaf without
            /// text, at the start of the leaf).
            case marker(Int)
        }
        var diagnostic: Int
        var number: Int
        /// Index in `leaves`, or nil for a document without any block.
        var leaf: Int?
        var kind: Kind
    }

    private var leaves: [Leaf] = []
    /// Blocks that start a section (headings and paragraphs with a bold label): they get an id.
    private let sectionBlocks: Set<Int>
    private var leafOfBlock: [Int: Int] = [:]
    private(set) var placements: [Placement] = []
    /// Placements by leaf index.
    private var byLeaf: [Int: [Int]] = [:]

    init(result: LintResult, options: ReportOptions) {
        self.result = result
        self.options = options
        self.doc = result.document
        self.bytes = result.document.source.bytes
        self.sectionBlocks = Set(result.document.sections.map(\.block))
        collectLeaves()
        place()
    }

    // MARK: Placement

    private static func isLeaf(_ b: Block) -> Bool {
        b.text != nil || b.kind == .codeBlock || b.kind == .htmlBlock || b.kind == .thematicBreak
    }

    private mutating func collectLeaves() {
        if let fm = doc.frontMatter, fm.end > fm.start { leaves.append(Leaf(block: -1, range: fm)) }
        for (i, b) in doc.blocks.enumerated() where Self.isLeaf(b) {
            leafOfBlock[i] = leaves.count
            leaves.append(Leaf(block: i, range: b.range))
        }
        // Blocks come in document order; keep the front matter first even if a block claims
        // an odd range.
        let order = leaves.indices.sorted { (leaves[$0].range.start, $0) < (leaves[$1].range.start, $1) }
        if order != Array(leaves.indices) {
            leaves = order.map { leaves[$0] }
            leafOfBlock = [:]
            for (i, l) in leaves.enumerated() where l.block >= 0 { leafOfBlock[l.block] = i }
        }
    }

    /// The leaf whose range holds `offset`; else the leaf that ends there; else the first leaf
    /// after it; else the last leaf.
    private func leaf(at offset: Int) -> (index: Int, inside: Bool)? {
        guard !leaves.isEmpty else { return nil }
        var lo = 0
        var hi = leaves.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if leaves[mid].range.start <= offset { lo = mid + 1 } else { hi = mid }
        }
        // `lo` is the first leaf starting after `offset`.
        if lo > 0 {
            let l = leaves[lo - 1]
            if l.range.contains(offset) { return (lo - 1, true) }
            if l.range.end == offset { return (lo - 1, false) }
        }
        if lo < leaves.count { return (lo, false) }
        return (leaves.count - 1, false)
    }

    private mutating func place() {
        var offsetsCache: [Int: [Int]] = [:]
        for (k, d) in result.diagnostics.enumerated() {
            let number = k + 1
            guard let (li, inside) = leaf(at: d.range.start) else {
                placements.append(Placement(diagnostic: k, number: number, leaf: nil, kind: .marker(0)))
                continue
            }
            let l = leaves[li]
            var kind = Placement.Kind.marker(0)
            if l.block >= 0, let run = doc.text(of: l.block) {
                if inside {
                    // Source offsets of the run's bytes never decrease: binary searches.
                    let offsets = offsetsCache[li] ?? (0..<run.bytes.count).map { run.sourceOffset($0) }
                    offsetsCache[li] = offsets
                    let tStart = Self.lowerBound(offsets, d.range.start)
                    let tEnd = Self.lowerBound(offsets, d.range.end)
                    let withinBlock = d.range.end <= l.range.end
                    if !d.range.isEmpty && withinBlock && tEnd > tStart {
                        kind = .mark(snap(run, tStart)..<snap(run, tEnd))
                    } else {
                        kind = .marker(snap(run, tStart))
                    }
                } else {
                    kind = .marker(d.range.start >= l.range.end ? run.bytes.count : 0)
                }
            }
            byLeaf[li, default: []].append(placements.count)
            placements.append(Placement(diagnostic: k, number: number, leaf: li, kind: kind))
        }
    }

    /// The first index whose value is at least `value` (`values` sorted ascending).
    private static func lowerBound(_ values: [Int], _ value: Int) -> Int {
        var lo = 0
        var hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Moves a text offset forward to the start of a UTF-8 character.
    private func snap(_ run: TextRun, _ offset: Int) -> Int {
        var o = min(max(0, offset), run.bytes.count)
        while o < run.bytes.count && (run.bytes[o] & 0xC0) == 0x80 { o += 1 }
        return o
    }

    // MARK: Rendering

    /// The application: one `.unit` per top-level block, each with the notes of its findings.
    func render() -> String {
        var out = ""
        // Findings that could not be placed in any block (an empty document).
        let homeless = placements.filter { $0.leaf == nil }
        if !homeless.isEmpty {
            var md = "<p class=\"empty\">"
            for p in homeless { md += marker(p) }
            md += " The application has no text.</p>"
            out += unit(md, notes: homeless)
        }
        if let fmLeaf = leaves.firstIndex(where: { $0.block == -1 }) {
            let fm = leaves[fmLeaf].range
            var md = "<div class=\"raw\"><div class=\"raw-label\">front matter</div><pre>"
            for i in byLeaf[fmLeaf] ?? [] { md += marker(placements[i]) }
            md += HTMLText.escape(bytes: bytes[fm.start..<min(fm.end, bytes.count)]) + "</pre></div>"
            out += unit(md, notes: notes(under: [fmLeaf]))
        }
        guard let root = doc.blocks.indices.first(where: { doc.blocks[$0].kind == .document }) else { return out }
        for child in doc.blocks[root].children {
            var md = ""
            block(child, into: &md)
            out += unit(md, notes: notes(underBlock: child))
        }
        return out
    }

    private func unit(_ md: String, notes: [Placement]) -> String {
        var out = "<div class=\"unit\"><div class=\"md\">\(md)</div>"
        if !notes.isEmpty {
            out += "<ol class=\"notes\">"
            for p in notes { out += note(p) }
            out += "</ol>"
        }
        return out + "</div>\n"
    }

    /// The placements in the leaves under a top-level block, in finding order.
    private func notes(underBlock top: Int) -> [Placement] {
        var leafIndices: [Int] = []
        // Leaves are in document order; the block's leaves are its descendants.
        var stack = [top]
        while let b = stack.popLast() {
            if let li = leafOfBlock[b] { leafIndices.append(li) }
            stack.append(contentsOf: doc.blocks[b].children)
        }
        return notes(under: leafIndices)
    }

    private func notes(under leafIndices: [Int]) -> [Placement] {
        leafIndices.flatMap { byLeaf[$0] ?? [] }.sorted().map { placements[$0] }
    }

    private func note(_ p: Placement) -> String {
        let d = result.diagnostics[p.diagnostic]
        let text = result.document.source
        let at = text.location(of: d.range.start)
        let sev = d.severity.rawValue
        var out = "<li class=\"note sev-\(sev)\" id=\"n-\(p.number)\">"
        out += "<a class=\"num\" href=\"#f-\(p.number)\" aria-label=\"finding \(p.number) in the text\">\(p.number)</a>"
        out += "<div class=\"note-body\"><div class=\"note-head\"><span class=\"sev\">\(sev)</span> "
        out += "<a class=\"rule\" href=\"\(HTMLText.escape(options.helpURL(d.ruleID)))\">\(HTMLText.escape(d.ruleID))</a>"
        out += " <span class=\"where\">line \(at.line), column \(at.column)</span></div>"
        out += "<p class=\"msg\">\(HTMLText.escape(d.message))</p>"
        if let s = d.suggestion, !s.isEmpty { out += "<p class=\"help\"><span class=\"help-label\">How to fix:</span> \(HTMLText.escape(s))</p>" }
        for r in d.related {
            let line = text.location(of: r.range.start).line
            out += "<p class=\"related\">line \(line): \(HTMLText.escape(r.message))</p>"
        }
        return out + "</div></li>"
    }

    /// A finding's marker: its number, flagged, linking to its note.
    private func marker(_ p: Placement, insideLink: Bool = false) -> String {
        let d = result.diagnostics[p.diagnostic]
        let label = insideLink ? "\(p.number)" : "<a href=\"#n-\(p.number)\">\(p.number)</a>"
        return "<mark class=\"hl finding marker sev-\(d.severity.rawValue)\" id=\"f-\(p.number)\" data-finding=\"\(p.number)\" title=\"\(title(d))\">\(label)</mark>"
    }

    private func title(_ d: Diagnostic) -> String {
        HTMLText.escape("\(d.severity.rawValue) [\(d.ruleID)]: \(d.message)")
    }

    private func block(_ i: Int, into out: inout String, prefix: String = "") {
        let b = doc.blocks[i]
        switch b.kind {
        case .heading:
            let tag = "h\(min(b.headingLevel + 2, 6))"
            out += "<\(tag) class=\"md-h\(max(1, b.headingLevel))\" id=\"b-\(i)\">"
            leafText(i, into: &out)
            out += "</\(tag)>\n"
        case .paragraph:
            out += (sectionBlocks.contains(i) ? "<p id=\"b-\(i)\">" : "<p>") + prefix
            leafText(i, into: &out)
            out += "</p>\n"
        case .blockQuote:
            out += "<blockquote>\n"
            for c in b.children { block(c, into: &out) }
            out += "</blockquote>\n"
        case .list:
            if b.isOrderedList {
                let start = orderedListStart(b)
                out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                out += "<ul>\n"
            }
            for c in b.children { block(c, into: &out) }
            out += b.isOrderedList ? "</ol>\n" : "</ul>\n"
        case .item:
            let task = taskState(b)
            out += task != nil ? "<li class=\"task\">" : "<li>"
            var box = ""
            if let checked = task {
                box = checked ? "<span class=\"box\" role=\"img\" aria-label=\"done\">☑</span> "
                              : "<span class=\"box\" role=\"img\" aria-label=\"to do\">☐</span> "
            }
            if b.children.isEmpty {
                out += box
            }
            for (n, c) in b.children.enumerated() {
                if n == 0 && doc.blocks[c].kind == .paragraph {
                    block(c, into: &out, prefix: box)
                } else {
                    if n == 0 { out += box }
                    block(c, into: &out)
                }
            }
            out += "</li>\n"
        case .codeBlock:
            out += "<pre class=\"code\">"
            leafMarkers(i, into: &out)
            out += "<code>" + HTMLText.escape(b.literal ?? "") + "</code></pre>\n"
        case .htmlBlock:
            out += "<div class=\"raw\"><div class=\"raw-label\">HTML, shown as text</div><pre>"
            leafMarkers(i, into: &out)
            out += HTMLText.escape(b.literal ?? "") + "</pre></div>\n"
        case .thematicBreak:
            leafMarkersParagraph(i, into: &out)
            out += "<hr>\n"
        case .table:
            out += "<div class=\"table-wrap\"><table>\n"
            let header = b.children.filter { doc.blocks[$0].isHeaderRow }
            let body = b.children.filter { !doc.blocks[$0].isHeaderRow }
            if !header.isEmpty {
                out += "<thead>\n"
                for r in header { row(r, cell: "th", into: &out) }
                out += "</thead>\n"
            }
            if !body.isEmpty {
                out += "<tbody>\n"
                for r in body { row(r, cell: "td", into: &out) }
                out += "</tbody>\n"
            }
            out += "</table></div>\n"
        case .tableRow:
            row(i, cell: "td", into: &out)
        case .tableCell:
            out += "<span>"
            leafText(i, into: &out)
            out += "</span>"
        case .footnoteDefinition:
            out += "<div class=\"footnote\">\n"
            for c in b.children { block(c, into: &out) }
            out += "</div>\n"
        case .document, .other:
            if b.text != nil {
                out += "<p>"
                leafText(i, into: &out)
                out += "</p>\n"
            }
            for c in b.children { block(c, into: &out) }
        }
    }

    private func row(_ r: Int, cell tag: String, into out: inout String) {
        out += "<tr>"
        for c in doc.blocks[r].children {
            out += "<\(tag)>"
            if doc.blocks[c].text != nil {
                leafText(c, into: &out)
            } else {
                for cc in doc.blocks[c].children { block(cc, into: &out) }
            }
            out += "</\(tag)>"
        }
        out += "</tr>\n"
    }

    /// Whether a list item is a task (`- [ ]`, `- [x]`) and checked. The parser's flag first;
    /// else the source between the item's marker and its text, which must end with `[ ]`,
    /// `[x]` or `[X]` (the tasklist extension removes them from the text).
    private func taskState(_ item: Block) -> Bool? {
        if let t = item.taskChecked { return t }
        guard let first = item.children.first, let run = doc.text(of: first) else { return nil }
        let start = item.range.start
        let end = min(run.sourceRange.start, bytes.count)
        guard end > start, end - start <= 64 else { return nil }
        var prefix = Array(bytes[start..<end])
        while let last = prefix.last, last == 0x20 || last == 0x09 { prefix.removeLast() }
        guard prefix.count >= 4, prefix[prefix.count - 1] == 0x5D, prefix[prefix.count - 3] == 0x5B else { return nil }
        let before = prefix[prefix.count - 4]
        guard before == 0x20 || before == 0x09 else { return nil }
        switch prefix[prefix.count - 2] {
        case 0x20: return false
        case 0x78, 0x58: return true
        default: return nil
        }
    }

    /// The number of the first item of an ordered list, read from the source.
    private func orderedListStart(_ list: Block) -> Int {
        guard let first = list.children.first else { return 1 }
        var i = doc.blocks[first].range.start
        var n = 0
        var digits = 0
        while i < bytes.count, digits < 9, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            n = n * 10 + Int(bytes[i] - 0x30)
            digits += 1
            i += 1
        }
        return digits == 0 ? 1 : n
    }

    /// Markers of the findings placed on a leaf without text (code, HTML, thematic break).
    private func leafMarkers(_ block: Int, into out: inout String) {
        guard let li = leafOfBlock[block] else { return }
        for i in byLeaf[li] ?? [] { out += marker(placements[i]) }
    }

    private func leafMarkersParagraph(_ block: Int, into out: inout String) {
        guard let li = leafOfBlock[block], let list = byLeaf[li], !list.isEmpty else { return }
        out += "<p class=\"at-break\">"
        for i in list { out += marker(placements[i]) }
        out += "</p>"
    }

    // MARK: Text runs

    private struct Container {
        var kind: InlineKind
        var range: Range<Int>
        var depth: Int
        var destination: String?
    }

    private struct MarkSpan {
        var number: Int
        var range: Range<Int>
        var severity: String
        var title: String
    }

    /// The inline content of a text block: its text run with emphasis, strong, code,
    /// strikethrough, links and images, inline HTML shown as escaped text, and the findings'
    /// highlights and markers.
    private func leafText(_ block: Int, into out: inout String) {
        guard let run = doc.text(of: block) else {
            out += HTMLText.escape(bytes: bytes[doc.blocks[block].range.start..<min(doc.blocks[block].range.end, bytes.count)])
            return
        }
        let n = run.bytes.count
        var marks: [MarkSpan] = []
        var markers: [Int: [Placement]] = [:]
        if let li = leafOfBlock[block] {
            for pi in byLeaf[li] ?? [] {
                let p = placements[pi]
                let d = result.diagnostics[p.diagnostic]
                switch p.kind {
                case .mark(let r): marks.append(MarkSpan(number: p.number, range: r, severity: d.severity.rawValue, title: title(d)))
                case .marker(let at): markers[min(at, n), default: []].append(p)
                }
            }
        }
        var containers: [Container] = []
        var breaks: [Int: InlineKind] = [:]
        var html: [Int: [SourceRange]] = [:]
        for inl in run.inlines {
            switch inl.kind {
            case .emphasis, .strong, .link, .image, .strikethrough, .code:
                containers.append(Container(kind: inl.kind, range: inl.textRange.clamped(to: 0..<n), depth: inl.depth, destination: inl.destination))
            case .softBreak, .lineBreak:
                if inl.textRange.lowerBound < n { breaks[inl.textRange.lowerBound] = inl.kind }
            case .html:
                html[min(inl.textRange.lowerBound, n), default: []].append(inl.sourceRange)
            default:
                break
            }
        }
        containers.sort { a, b in
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.upperBound != b.range.upperBound { return a.range.upperBound > b.range.upperBound }
            return a.depth < b.depth
        }

        var points = Set([0, n])
        for c in containers { points.insert(c.range.lowerBound); points.insert(c.range.upperBound) }
        for m in marks { points.insert(m.range.lowerBound); points.insert(m.range.upperBound) }
        for k in markers.keys { points.insert(k) }
        for k in html.keys { points.insert(k) }
        for k in breaks.keys { points.insert(k); points.insert(min(k + 1, n)) }
        let sorted = points.sorted()

        var starting: [Int: [MarkSpan]] = [:]
        var ending: [Int: [MarkSpan]] = [:]
        for m in marks {
            starting[m.range.lowerBound, default: []].append(m)
            ending[m.range.upperBound, default: []].append(m)
        }
        var active: [MarkSpan] = []
        var stack: [Container] = []
        var nextContainer = 0
        var openPieces = 0
        var started = Set<Int>()
        var insideLink = 0

        func closePieces() {
            out += String(repeating: "</mark>", count: openPieces)
            openPieces = 0
        }
        /// Opens one piece per active highlight, outermost (earliest, longest) first.
        func reopenPieces() {
            for m in active {
                if started.insert(m.number).inserted {
                    out += "<mark class=\"hl finding sev-\(m.severity)\" id=\"f-\(m.number)\" data-finding=\"\(m.number)\" title=\"\(m.title)\">"
                } else {
                    out += "<mark class=\"hl sev-\(m.severity)\" data-finding=\"\(m.number)\">"
                }
                openPieces += 1
            }
        }
        func openTag(_ c: Container) {
            switch c.kind {
            case .emphasis: out += "<em>"
            case .strong: out += "<strong>"
            case .strikethrough: out += "<del>"
            case .code: out += "<code>"
            case .link:
                if insideLink == 0, let href = c.destination.flatMap(HTMLText.safeLinkDestination) {
                    out += "<a class=\"ext\" href=\"\(HTMLText.escape(href))\" rel=\"noopener noreferrer nofollow\">"
                } else {
                    out += "<span class=\"link\">"
                }
                insideLink += 1
            case .image: out += "<span class=\"img\">[image: "
            default: out += "<span>"
            }
        }
        func closeTag(_ c: Container) {
            switch c.kind {
            case .emphasis: out += "</em>"
            case .strong: out += "</strong>"
            case .strikethrough: out += "</del>"
            case .code: out += "</code>"
            case .link:
                insideLink -= 1
                let isAnchor = insideLink == 0 && c.destination.flatMap(HTMLText.safeLinkDestination) != nil
                out += isAnchor ? "</a>" : "</span>"
            case .image: out += "]</span>"
            default: out += "</span>"
            }
        }
        func ref(_ number: Int) {
            out += insideLink > 0
                ? "<sup class=\"ref\">\(number)</sup>"
                : "<sup class=\"ref\"><a href=\"#n-\(number)\" aria-label=\"note \(number)\">\(number)</a></sup>"
        }

        for (idx, p) in sorted.enumerated() {
            let ends = ending[p] ?? []
            let starts = starting[p] ?? []
            let containerClose = stack.contains { $0.range.upperBound <= p }
            let containerOpen = nextContainer < containers.count && containers[nextContainer].range.lowerBound == p
            if containerClose || containerOpen || !ends.isEmpty || !starts.isEmpty || p == n {
                closePieces()
                if !ends.isEmpty {
                    let gone = Set(ends.map(\.number))
                    active.removeAll { gone.contains($0.number) }
                    for m in ends.sorted(by: { $0.number < $1.number }) { ref(m.number) }
                }
                while let top = stack.last, top.range.upperBound <= p {
                    closeTag(top)
                    stack.removeLast()
                }
                for m in markers[p] ?? [] { out += marker(m, insideLink: insideLink > 0) }
                for r in html[p] ?? [] { inlineHTML(r, into: &out) }
                while nextContainer < containers.count && containers[nextContainer].range.lowerBound == p {
                    let c = containers[nextContainer]
                    nextContainer += 1
                    openTag(c)
                    if c.range.upperBound <= p { closeTag(c) } else { stack.append(c) }
                }
                if !starts.isEmpty {
                    active.append(contentsOf: starts.filter { $0.range.upperBound > p })
                    active.sort { ($0.range.lowerBound, -$0.range.upperBound, $0.number) < ($1.range.lowerBound, -$1.range.upperBound, $1.number) }
                }
                if p < n { reopenPieces() }
            } else {
                for m in markers[p] ?? [] { out += marker(m, insideLink: insideLink > 0) }
                for r in html[p] ?? [] { inlineHTML(r, into: &out) }
            }
            guard idx + 1 < sorted.count else { break }
            let next = sorted[idx + 1]
            if let br = breaks[p] {
                out += br == .lineBreak ? "<br>\n" : "\n"
                if next > p + 1 { out += HTMLText.escape(bytes: run.bytes[(p + 1)..<next]) }
            } else {
                out += HTMLText.escape(bytes: run.bytes[p..<next])
            }
        }
        closePieces()
        while let top = stack.popLast() { closeTag(top) }
    }

    /// Inline HTML from the application, shown as escaped text.
    private func inlineHTML(_ r: SourceRange, into out: inout String) {
        guard r.end > r.start, r.end <= bytes.count else { return }
        out += "<code class=\"raw-inline\" title=\"HTML, shown as text\">" + HTMLText.escape(bytes: bytes[r.start..<r.end]) + "</code>"
    }
}
