/// Builds the outline: a section per heading and per bold lead-in label, each with the range
/// of its body, up to the next section of the same or a higher level.
enum OutlineBuilder {
    static func build(_ doc: inout Document) {
        var sections: [Section] = []
        var currentHeadingLevel = 0
        let top = doc.blocks.isEmpty ? [] : doc.blocks[0].children
        for index in top {
            let block = doc.blocks[index]
            if block.kind == .heading, let t = block.text {
                let run = doc.texts[t]
                currentHeadingLevel = block.headingLevel
                sections.append(Section(kind: .heading, block: index, level: block.headingLevel,
                                        title: trimmed(run.string), titleRange: run.bytes.isEmpty ? block.range : run.sourceRange,
                                        range: block.range, bodyRange: SourceRange(block.range.end, block.range.end), parent: nil))
            } else if block.kind == .paragraph, let t = block.text, let label = leadInLabel(doc.texts[t]) {
                let run = doc.texts[t]
                sections.append(Section(kind: .label, block: index, level: min(currentHeadingLevel + 1, 7),
                                        title: label.title, titleRange: run.sourceRange(label.range),
                                        range: block.range, bodyRange: SourceRange(run.sourceRange(label.range).end, block.range.end),
                                        parent: nil))
            }
        }
        let docEnd = doc.source.bytes.count
        // The end of each section: the start of the next section of the same or a higher
        // level, found in one backward pass with a stack (linear, whatever the nesting).
        var ends = Array(repeating: docEnd, count: sections.count)
        var following: [Int] = []
        for i in sections.indices.reversed() {
            while let j = following.last, sections[j].level > sections[i].level { following.removeLast() }
            if let j = following.last { ends[i] = doc.blocks[sections[j].block].range.start }
            following.append(i)
        }
        var stack: [Int] = []
        for i in sections.indices {
            let end = ends[i]
            // Trim trailing line terminators so a section ends on its last line.
            sections[i].range = SourceRange(sections[i].range.start, end)
            sections[i].bodyRange = SourceRange(min(sections[i].bodyRange.start, end), end)
            while let last = stack.last, sections[last].level >= sections[i].level { stack.removeLast() }
            sections[i].parent = stack.last
            stack.append(i)
        }
        doc.sections = sections
    }

    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " { sub.removeFirst() }
        while let l = sub.last, l == " " { sub.removeLast() }
        return String(sub)
    }

    /// `**Budget.** text`, `**Budget:** text`, `**Budget** — text`: the label's text range (without punctuation).
    static func leadInLabel(_ run: TextRun) -> (title: String, range: Range<Int>)? {
        guard let strong = run.inlines.first(where: { $0.kind == .strong && $0.depth == 0 }),
              strong.textRange.lowerBound == 0, !strong.textRange.isEmpty else { return nil }
        var end = strong.textRange.upperBound
        let bytes = run.bytes
        var titleEnd = end
        while titleEnd > 0 && (bytes[titleEnd - 1] == 0x2E || bytes[titleEnd - 1] == 0x3A || bytes[titleEnd - 1] == 0x20) { titleEnd -= 1 }
        let endsWithPunct = titleEnd < end
        var after = end
        while after < bytes.count && bytes[after] == 0x20 { after += 1 }
        let followedByPunct = after < bytes.count && (bytes[after] == 0x3A || bytes[after] == 0x2E || bytes[after] == 0x2D
            || (bytes[after] == 0xE2 && after + 2 < bytes.count && bytes[after + 1] == 0x80 && (bytes[after + 2] == 0x93 || bytes[after + 2] == 0x94)))
        guard endsWithPunct || followedByPunct, titleEnd > 0, titleEnd <= 60 else { return nil }
        end = titleEnd
        return (String(decoding: bytes[0..<end], as: UTF8.self), 0..<end)
    }
}
