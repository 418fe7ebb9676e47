import Testing
import POCLintCore
@testable import POCLintLSP

/// A frame reader over fixed bytes, handed out in chunks of `chunk` bytes to exercise refills.
func reader(_ bytes: [UInt8], chunk: Int = 7) -> FrameReader {
    var offset = 0
    return FrameReader { buffer in
        let n = min(chunk, buffer.count, bytes.count - offset)
        for k in 0..<n { buffer[k] = bytes[offset + k] }
        offset += n
        return n
    }
}

func framed(_ body: String) -> [UInt8] { frame(Array(body.utf8)) }

struct FramingTests {
    @Test func contentLengthCountsUTF8Bytes() {
        let body = #"{"text":"🚀 é"}"#
        let bytes = framed(body)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("Content-Length: \(body.utf8.count)\r\n\r\n"))
        var r = reader(bytes + framed("{}"))
        #expect(r.next() == .message(Array(body.utf8)))
        #expect(r.next() == .message(Array("{}".utf8)))
        #expect(r.next() == .endOfInput)
    }

    @Test(arguments: [1, 3, 64, 100_000])
    func bodiesSplitAcrossReads(chunk: Int) {
        let big = String(repeating: "🚀x\r\n", count: 5_000)
        let body = JSON.object(["text": .string(big)]).bytes
        var r = reader(frame(body) + frame(body), chunk: chunk)
        #expect(r.next() == .message(body))
        #expect(r.next() == .message(body))
        #expect(r.next() == .endOfInput)
    }

    @Test func headerNamesAreCaseInsensitiveAndOtherHeadersIgnored() {
        let bytes = Array("content-length:  2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8)
        var r = reader(bytes)
        #expect(r.next() == .message(Array("{}".utf8)))
    }

    @Test func badHeadersAreSkippedAndReadingGoesOn() {
        let bytes = Array("Content-Type: x\r\n\r\nContent-Length: abc\r\n\r\n".utf8) + framed("[]")
        var r = reader(bytes)
        guard case .badHeader = r.next() else { Issue.record("expected a bad header"); return }
        guard case .badHeader = r.next() else { Issue.record("expected a bad header"); return }
        #expect(r.next() == .message(Array("[]".utf8)))
    }

    @Test func truncatedBodyIsEndOfInput() {
        var r = reader(Array("Content-Length: 10\r\n\r\n{}".utf8))
        #expect(r.next() == .endOfInput)
    }

    @Test func anEndlessHeaderLineDoesNotGrowWithoutBound() {
        let junk = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000) + [0x0A, 0x0A]
        var r = reader(junk + framed("{}"), chunk: 4096)
        guard case .badHeader = r.next() else { Issue.record("expected a bad header"); return }
        #expect(r.next() == .message(Array("{}".utf8)))
    }
}

struct JSONTests {
    @Test func roundTrip() throws {
        let text = #"{"a":[1,-2,3.5,1e3,true,false,null],"b":"x\"\\\/\n\u00e9\ud83d\ude80","id":9007199254740}"#
        let value = try JSON.parse(text)
        #expect(value["a"] == .array([.int(1), .int(-2), .double(3.5), .double(1000), .bool(true), .bool(false), .null]))
        #expect(value["b"]?.string == "x\"\\/\né🚀")
        #expect(value["id"] == .int(9_007_199_254_740))
        #expect(try JSON.parse(value.bytes).bytes == value.bytes)  // 1e3 comes back as the integer 1000
    }

    @Test(arguments: ["", "{", "{\"a\":}", "[1,]", "\"abc", "tru", "01", "{\"a\" 1}", "[1] x", "\"\u{01}\""])
    func malformedInputThrows(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    @Test func deepNestingIsRefused() {
        #expect(throws: JSONParseError.self) { try JSON.parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSON.parse(#""\ud83d x""#).string == "\u{FFFD} x")
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSON.string("a\u{01}b\tc").text == #""a\u0001b\tc""#)
    }
}

struct PositionTests {
    @Test func utf16ColumnsAfterEmoji() {
        let text = SourceText("# Acme\n\n🚀 We use cutting-edge models.\n")
        let start = text.bytes.indices.first { text.bytes[$0...].starts(with: "cutting".utf8) }!
        let range = text.lspRange(of: SourceRange(start, start + "cutting-edge".utf8.count))
        #expect(range == LSPRange(start: LSPPosition(line: 2, character: 10), end: LSPPosition(line: 2, character: 22)))
        #expect(text.offset(of: range.start) == start)
    }

    @Test func crlfLinesAndPositionsPastTheEnd() {
        let text = SourceText("a\r\nbé\r\nc")
        #expect(text.lspPosition(of: 3) == LSPPosition(line: 1, character: 0))
        #expect(text.offset(of: LSPPosition(line: 1, character: 99)) == 6)  // before \r\n
        #expect(text.offset(of: LSPPosition(line: 9, character: 0)) == text.bytes.count)
    }

    @Test func incrementalChangesApplyInOrder() {
        let start = Array("# T\n\n🚀 abc\r\nxyz\n".utf8)
        let changes = [
            TextChanges.Change(range: LSPRange(start: .init(line: 2, character: 4), end: .init(line: 2, character: 5)), text: "B"),
            TextChanges.Change(range: LSPRange(start: .init(line: 3, character: 0), end: .init(line: 3, character: 3)), text: ""),
            TextChanges.Change(range: LSPRange(start: .init(line: 0, character: 2), end: .init(line: 0, character: 2)), text: "Ti 👍🏽 "),
        ]
        let out = String(decoding: TextChanges.apply(changes, to: start), as: UTF8.self)
        #expect(out == "# Ti 👍🏽 T\n\n🚀 aBc\r\n\n")
    }

    @Test func wholeTextChangeReplacesEverything() {
        let out = TextChanges.apply([.init(range: nil, text: "new")], to: Array("old".utf8))
        #expect(out == Array("new".utf8))
    }

    @Test func insertionAtTheVeryEnd() {
        let out = TextChanges.apply([.init(range: LSPRange(start: .init(line: 1, character: 0), end: .init(line: 1, character: 0)), text: "x")],
                                    to: Array("a\n".utf8))
        #expect(out == Array("a\nx".utf8))
    }
}
