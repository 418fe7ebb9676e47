import Testing
@testable import POCLintCore

/// Positions are exact: these are the traps of cmark-gfm's inline source positions.
struct PositionTests {
    func locate(_ markdown: String, _ phrase: String, occurrence: Int = 0) throws -> (SourcePosition, SourcePosition, String) {
        let doc = MarkdownParser.parse(SourceText(markdown))
        let found = doc.find(phrase)
        try #require(found.count > occurrence, "'\(phrase)' not found in \(markdown.debugDescription)")
        let r = found[occurrence]
        return (doc.source.location(of: r.start), doc.source.location(of: r.end), doc.source.string(r))
    }

    @Test func plainParagraph() throws {
        let (s, e, text) = try locate("# T\n\nWe will pick whatever model works.\n", "whatever model")
        #expect(text == "whatever model")
        #expect((s.line, s.column, e.column) == (3, 14, 28))
    }

    @Test func indentedContinuationLine() throws {
        // cmark-gfm strips the leading spaces of a continuation line without counting them.
        let md = "Intro line here\n   and then we say TBD on the second line.\n"
        let (s, e, text) = try locate(md, "TBD")
        #expect(text == "TBD")
        #expect((s.line, s.column, e.column) == (2, 20, 23))
    }

    @Test func phraseAcrossSoftBreak() throws {
        let md = "We will choose whatever\n    model is cheapest.\n"
        let (s, e, text) = try locate(md, "whatever model")
        #expect((s.line, s.column) == (1, 16))
        #expect((e.line, e.column) == (2, 10))
        #expect(text == "whatever\n    model")
    }

    @Test func emphasisInsidePhrase() throws {
        let (s, e, text) = try locate("We use *whatever* model.\n", "whatever model")
        #expect(text == "whatever* model")
        #expect((s.line, s.column, e.column) == (1, 9, 24))
    }

    @Test func strongAndCodeSpan() throws {
        let md = "Run `eval.py` **weekly** then TBD.\n"
        let (s, _, text) = try locate(md, "TBD")
        #expect(text == "TBD")
        #expect(s.column == 31)
        let (c, _, code) = try locate(md, "eval py")
        #expect(code == "eval.py")
        #expect(c.column == 6)
    }

    @Test func linkDestinationIsSkipped() throws {
        // The URL also contains the phrase; the finding must be in the text after the link.
        let md = "See [our docs](https://x.test/tbd) and TBD here.\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let found = doc.find("TBD")
        #expect(found.count == 1)
        let loc = doc.source.location(of: found[0].start)
        #expect(loc.column == 40)
        #expect(doc.source.string(found[0]) == "TBD")
    }

    @Test func linkTextAndReferenceLinks() throws {
        let md = "Read [the TBD plan][ref] and TBD.\n\n[ref]: https://x.test\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let found = doc.find("TBD").map { doc.source.location(of: $0.start).column }
        #expect(found == [11, 30])
    }

    @Test func multibyteCharactersBefore() throws {
        // en dash (3 bytes), curly quotes (3 bytes each), emoji (4 bytes, 2 UTF-16 units).
        let md = "Costs – “TBD” 🚀 and TBD.\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let found = doc.find("TBD")
        #expect(found.count == 2)
        let a = doc.source.location(of: found[0].start)
        let b = doc.source.location(of: found[1].start)
        #expect((a.column, a.utf16Column, a.byteColumn) == (10, 9, 14))
        #expect((b.column, b.utf16Column) == (21, 21))
        #expect(b.byteColumn == 30)
    }

    @Test func integrationReferenceLine() throws {
        // shared/reference/integration.md §0: 🚀 is 1 code point, 2 UTF-16 units, 4 UTF-8 bytes.
        let md = "# Acme\n\n🚀 We use cutting-edge models.\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let r = try #require(doc.find("cutting-edge").first)
        let s = doc.source.location(of: r.start)
        let e = doc.source.location(of: r.end)
        #expect((s.line, s.column, e.column) == (3, 10, 22))
        #expect((s.utf16Column, e.utf16Column) == (10, 22))
        #expect((s.byteColumn, e.byteColumn) == (13, 25))
    }

    @Test func tableCells() throws {
        let md = "| Item | Cost |\n|---|---|\n| 🚀 Inference | TBD |\n| Lambda | $40 |\n"
        let doc = MarkdownParser.parse(SourceText(md))
        #expect(doc.tables.count == 1)
        #expect(doc.tables[0].header.count == 2)
        #expect(doc.tables[0].rows.count == 2)
        let r = try #require(doc.find("TBD").first)
        let s = doc.source.location(of: r.start)
        #expect((s.line, s.column, s.utf16Column) == (3, 17, 17))
        let cost = try #require(doc.find("40").first)
        #expect(doc.source.location(of: cost.start).column == 13)
    }

    @Test func escapedPipeInCell() throws {
        let md = "| a | b |\n|---|---|\n| x \\| y | TBD |\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let r = try #require(doc.find("TBD").first)
        #expect(doc.source.location(of: r.start).column == 12)
    }

    @Test func listItemsAndNestedLists() throws {
        let md = "- first item\n- second with TBD\n  continued TBD\n    - nested TBD\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let locs = doc.find("TBD").map { doc.source.location(of: $0.start) }.map { ($0.line, $0.column) }
        #expect(locs.count == 3)
        #expect(locs[0] == (2, 15))
        #expect(locs[1] == (3, 13))
        #expect(locs[2] == (4, 14))
    }

    @Test func blockQuoteContinuation() throws {
        let md = "> first line\n> second TBD\n>    indented TBD\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let locs = doc.find("TBD").map { doc.source.location(of: $0.start) }.map { ($0.line, $0.column) }
        #expect(locs.count == 2)
        #expect(locs[0] == (2, 10))
        #expect(locs[1] == (3, 15))
    }

    @Test func crlfLineEndings() throws {
        let md = "# Title\r\n\r\nLine one\r\n  and TBD here.\r\n\r\n| a | b |\r\n|---|---|\r\n| TBD | x |\r\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let locs = doc.find("TBD").map { doc.source.location(of: $0.start) }
        #expect(locs.map(\.line) == [4, 8])
        #expect(locs.map(\.column) == [7, 3])
        #expect(doc.source.lineText(4) == "  and TBD here.")
    }

    @Test func loneCarriageReturns() throws {
        let md = "# Title\r\rLine one\r  and TBD here.\r"
        let doc = MarkdownParser.parse(SourceText(md))
        let loc = try #require(doc.find("TBD").first.map { doc.source.location(of: $0.start) })
        #expect((loc.line, loc.column) == (4, 7))
    }

    @Test func setextHeadingRange() throws {
        let md = "Budget plan\n===========\n\nText.\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let h = try #require(doc.blocks.first { $0.kind == .heading })
        #expect(h.isSetextHeading)
        #expect(h.headingLevel == 1)
        // cmark-gfm ends it at column 0 of the next line; ours ends on the underline.
        let end = doc.source.location(of: h.range.end)
        #expect(end.line == 2)
        #expect(end.column == 12)
        #expect(doc.sections.first?.title == "Budget plan")
    }

    @Test func entitiesAndEscapes() throws {
        let md = "AT&amp;T \\*and\\* TBD &copy; TBD\n"
        let doc = MarkdownParser.parse(SourceText(md))
        let cols = doc.find("TBD").map { doc.source.location(of: $0.start).column }
        #expect(cols == [18, 29])
    }

    @Test func frontMatterIsSkippedWithPositionsIntact() throws {
        let md = "---\ntitle: TBD\n---\n\n# Acme\n\nText TBD.\n"
        let doc = MarkdownParser.parse(SourceText(md))
        #expect(doc.frontMatter != nil)
        let locs = doc.find("TBD").map { doc.source.location(of: $0.start) }
        #expect(locs.map(\.line) == [7])
        #expect(doc.sections.first?.title == "Acme")
    }

    @Test func outlineAndLabels() throws {
        let md = """
        # Acme

        ## 1. Use case

        Text.

        ### Detail

        More.

        ## 2. Model choice

        **Budget.** We spend $1,800 a month.

        **Timeline:** 90 days.
        """
        let doc = MarkdownParser.parse(SourceText(md))
        #expect(doc.sections.map(\.title) == ["Acme", "1. Use case", "Detail", "2. Model choice", "Budget", "Timeline"])
        #expect(doc.sections.map(\.level) == [1, 2, 3, 2, 3, 3])
        #expect(doc.sections[2].parent == 1)
        #expect(doc.sections[4].parent == 3)
        let useCase = doc.sections[1]
        #expect(doc.source.string(useCase.range).hasSuffix("More.\n\n"))
        #expect(doc.source.string(doc.sections[4].titleRange) == "Budget")
    }

    @Test func taskListItems() throws {
        let doc = MarkdownParser.parse(SourceText("- [x] done\n- [ ] open\n- plain\n"))
        let items = doc.blocks.filter { $0.kind == .item }
        #expect(items.map(\.taskChecked) == [true, false, nil])
    }

    @Test func htmlBlockRangesCoverTheirText() throws {
        let md = "# T\n\n<!-- poclint-disable vague-phrase -->\n\n<div>\nhello\n</div>\n\ntext\n"
        let doc = MarkdownParser.parse(SourceText(md))
        #expect(doc.html.filter(\.isBlock).map { doc.source.string($0.range) } == ["<!-- poclint-disable vague-phrase -->", "<div>\nhello\n</div>"])
    }
}
