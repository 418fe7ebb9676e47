import POCLintCore

/// An LSP position: 0-based line, 0-based character in UTF-16 code units.
public struct LSPPosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    init?(_ json: JSON?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int else { return nil }
        self.init(line: line, character: character)
    }

    var json: JSON { .object(["line": .int(line), "character": .int(character)]) }

    public static func < (a: LSPPosition, b: LSPPosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.character < b.character
    }
}

/// An LSP range: start inclusive, end exclusive.
public struct LSPRange: Hashable, Sendable {
    public var start: LSPPosition
    public var end: LSPPosition

    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }

    init?(_ json: JSON?) {
        guard let start = LSPPosition(json?["start"]), let end = LSPPosition(json?["end"]) else { return nil }
        self.init(start: start, end: end)
    }

    var json: JSON { .object(["start": start.json, "end": end.json]) }

    /// Whether two ranges share a position (touching counts, so a cursor on a range's edge
    /// still sees its code actions).
    func touches(_ other: LSPRange) -> Bool {
        !(end < other.start || other.end < start)
    }
}

extension SourceText {
    /// The LSP position of a byte offset.
    public func lspPosition(of offset: Int) -> LSPPosition {
        let p = location(of: offset)
        return LSPPosition(line: p.line - 1, character: p.utf16Column)
    }

    /// The LSP range of a byte range.
    public func lspRange(of range: SourceRange) -> LSPRange {
        LSPRange(start: lspPosition(of: range.start), end: lspPosition(of: max(range.start, range.end)))
    }

    /// The byte offset of an LSP position. A character past the end of its line means the
    /// end of the line; a line past the end means the end of the text (LSP's rules).
    public func offset(of position: LSPPosition) -> Int {
        offset(line: position.line, utf16Character: max(position.character, 0))
    }
}

/// Applies `textDocument/didChange` content changes to a document's bytes.
public enum TextChanges {
    /// One change: a range in the text as it is before this change, or the whole text.
    public struct Change: Sendable {
        public var range: LSPRange?
        public var text: String
        public init(range: LSPRange?, text: String) {
            self.range = range
            self.text = text
        }

        init?(_ json: JSON) {
            guard let text = json["text"]?.string else { return nil }
            if let r = json["range"], !r.isNull {
                guard let range = LSPRange(r) else { return nil }
                self.init(range: range, text: text)
            } else {
                self.init(range: nil, text: text)
            }
        }
    }

    /// The text after applying `changes` in order, each to the result of the one before.
    public static func apply(_ changes: [Change], to bytes: [UInt8]) -> [UInt8] {
        var current = bytes
        for change in changes {
            guard let range = change.range else {
                current = Array(change.text.utf8)
                continue
            }
            let text = SourceText(bytes: current)
            var start = text.offset(of: range.start)
            var end = text.offset(of: range.end)
            if end < start { swap(&start, &end) }
            current.replaceSubrange(start..<end, with: change.text.utf8)
        }
        return current
    }
}
