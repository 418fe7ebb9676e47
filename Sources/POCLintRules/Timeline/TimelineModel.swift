import POCLintCore

/// What the timeline section says about days: the window and the milestones.
struct TimelineFacts {
    /// Words that say a length is the POC's.
    static let pocWords = ASCIISearch("poc", "proof of concept", "pilot")
    /// The window in days and where it is said (nil when no length is given).
    var window: (days: Int, range: SourceRange)?
    /// The first day of each milestone (list item, table row or line), in document order.
    var milestones: [(day: Int, range: SourceRange)] = []

    init(_ context: LintContext) {
        let doc = context.document
        var lengths: [(Int, SourceRange)] = []
        for ri in context.runs(.timeline) {
            for d in context.quantities(ri).days where d.isLength {
                lengths.append((d.day, doc.texts[ri].sourceRange(d.range)))
            }
        }
        if lengths.isEmpty {
            // "a 90-day proof of concept" said elsewhere, e.g. in the introduction.
            for ri in context.allRuns where context.components.runComponent[ri] == nil {
                let text = doc.texts[ri]
                // Cheap test first: most runs say nothing about a POC length.
                guard TimelineFacts.pocWords.occurs(in: text) else { continue }
                for d in context.quantities(ri).days where d.isLength {
                    let after = context.sentence(ri, around: d.range)
                    if TimelineFacts.pocWords.occurs(in: text, after) {
                        lengths.append((d.day, text.sourceRange(d.range)))
                    }
                }
            }
        }
        if let longest = lengths.max(by: { $0.0 < $1.0 }) { window = (longest.0, longest.1) }

        // Milestones: the first day of each table row (a Day/Week column) and each list item or line.
        let timelineRuns = Set(context.runs(.timeline))
        var seenBlocks = Set<Int>()
        for ri in context.runs(.timeline) {
            let text = doc.texts[ri]
            let block = doc.blocks[text.block]
            if block.kind == .tableCell {
                let row = block.parent
                guard !seenBlocks.contains(row) else { continue }
                seenBlocks.insert(row)
                guard let table = doc.tables.first(where: { doc.blocks[row].parent == $0.block }),
                      let first = doc.blocks[row].children.first, let firstText = doc.blocks[first].text,
                      timelineRuns.contains(firstText), !doc.blocks[row].isHeaderRow else { continue }
                let header = table.header.first.flatMap { doc.blocks[$0].text }.map { doc.texts[$0].string.lowercased() } ?? ""
                let factor = header.contains("week") ? 7 : 1
                let dayColumn = header.contains("day") || header.contains("week")
                let q = context.quantities(firstText)
                if dayColumn, let n = q.tokens.first(where: { $0.number != nil }), let v = n.number, v == v.rounded(), v >= 0, v < 10_000 {
                    milestones.append((Int(v) * factor, doc.texts[firstText].sourceRange(n.range)))
                } else if let d = q.days.first(where: { !$0.isLength }) {
                    milestones.append((d.day, doc.texts[firstText].sourceRange(d.range)))
                }
            } else if block.kind == .paragraph {
                if let d = context.quantities(ri).days.first(where: { !$0.isLength }) {
                    let item = block.parent >= 0 && doc.blocks[block.parent].kind == .item
                    let startsWith = d.range.lowerBound <= 4
                    if item || startsWith { milestones.append((d.day, text.sourceRange(d.range))) }
                }
            }
        }
    }

    /// Whether `days` is close enough to 60 or 90 (8 or 12 weeks, 2 or 3 months).
    static func standard(_ days: Int) -> Int? {
        if (56...63).contains(days) { return 60 }
        if (84...93).contains(days) { return 90 }
        return nil
    }
}

extension LintContext {
    /// The timeline's window and milestones, read once per file.
    var timelineFacts: TimelineFacts {
        memo("timeline") { TimelineFacts(self) }
    }
}
