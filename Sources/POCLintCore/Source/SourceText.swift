#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A position in a source file, in every coordinate system an output needs.
public struct SourcePosition: Sendable, Hashable, Codable {
    /// 1-based line.
    public var line: Int
    /// 1-based column counted in Unicode scalars (what people see in an editor status bar).
    public var column: Int
    /// 0-based column counted in UTF-16 code units (LSP `character`, SARIF with `utf16CodeUnits` minus one).
    public var utf16Column: Int
    /// 0-based UTF-8 byte offset from the start of the (decoded) file.
    public var offset: Int
    /// 1-based column counted in UTF-8 bytes (reviewdog, cmark).
    public var byteColumn: Int

    public init(line: Int, column: Int, utf16Column: Int, offset: Int, byteColumn: Int) {
        self.line = line
        self.column = column
        self.utf16Column = utf16Column
        self.offset = offset
        self.byteColumn = byteColumn
    }
}

/// A half-open range of UTF-8 byte offsets into a `SourceText`.
public struct SourceRange: Sendable, Hashable, Codable, Comparable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public var isEmpty: Bool { start == end }
    public var length: Int { end - start }

    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }
    public func contains(_ other: SourceRange) -> Bool { other.start >= start && other.end <= end }

    public static func < (lhs: SourceRange, rhs: SourceRange) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }
}

/// The decoded text of one file as UTF-8 bytes, with a line index.
///
/// Line terminators are `\n`, `\r\n` and a lone `\r`, as in CommonMark and LSP.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// On lines longer than `checkpointStride` bytes, a checkpoint about every stride: the
    /// characters counted from the line's start, so that `location(of:)` scans at most a
    /// stride instead of the whole line (a 1 MB line with thousands of findings stays linear).
    private let checkpoints: [Checkpoint]

    struct Checkpoint: Sendable {
        /// Byte offset of a character boundary.
        let offset: Int
        /// Unicode scalars and UTF-16 units from the start of the line up to `offset`.
        let scalars: Int
        let utf16: Int
    }

    static let checkpointStride = 1024

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            let n = buf.count
            let raw = UnsafeRawPointer(buf.baseAddress)
            // Without a CR (most files), the line ends are the LFs: found with memchr.
            if let base = buf.baseAddress, memchr(base, 0x0D, n) == nil {
                var p = UnsafeRawPointer(base)
                let end = UnsafeRawPointer(base + n)
                while p < end, let lf = memchr(p, 0x0A, end - p) {
                    let at = UnsafeRawPointer(lf) - UnsafeRawPointer(base)
                    starts.append(at + 1)
                    p = UnsafeRawPointer(lf) + 1
                }
                return
            }
            while i < n {
                // Eight bytes at a time while none ends a line.
                if let raw {
                    while i + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        if Bytes.has(w, 0x0A) || Bytes.has(w, 0x0D) { break }
                        i += 8
                    }
                    guard i < n else { break }
                }
                let b = buf[i]
                if b == 0x0A {
                    starts.append(i + 1)
                } else if b == 0x0D {
                    if i + 1 < n && buf[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        self.lineStarts = starts
        self.checkpoints = SourceText.makeCheckpoints(bytes, starts)
    }

    private static func makeCheckpoints(_ bytes: [UInt8], _ starts: [Int]) -> [Checkpoint] {
        var out: [Checkpoint] = []
        bytes.withUnsafeBufferPointer { buf in
            for (k, start) in starts.enumerated() {
                let end = k + 1 < starts.count ? starts[k + 1] : buf.count
                guard end - start > checkpointStride else { continue }
                var scalars = 0
                var utf16 = 0
                var last = start
                for i in start..<end {
                    let b = buf[i]
                    if (b & 0xC0) != 0x80 {
                        if i - last >= checkpointStride {
                            out.append(Checkpoint(offset: i, scalars: scalars, utf16: utf16))
                            last = i
                        }
                        scalars += 1
                        utf16 += b >= 0xF0 ? 2 : 1
                    }
                }
            }
        }
        return out
    }

    /// The last checkpoint at or before `offset` and after `lineStart`, if any.
    private func checkpoint(before offset: Int, after lineStart: Int) -> Checkpoint? {
        var lo = 0
        var hi = checkpoints.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if checkpoints[mid].offset <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0, checkpoints[lo - 1].offset > lineStart else { return nil }
        return checkpoints[lo - 1]
    }

    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// 0-based index of the line that holds `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Byte range of a 1-based line's content, without its terminator.
    public func lineContentRange(_ line: Int) -> SourceRange {
        let idx = min(max(line - 1, 0), lineStarts.count - 1)
        let start = lineStarts[idx]
        var end = idx + 1 < lineStarts.count ? lineStarts[idx + 1] : bytes.count
        while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return SourceRange(start, end)
    }

    /// The text of a 1-based line, without its terminator.
    public func lineText(_ line: Int) -> String {
        let r = lineContentRange(line)
        return String(decoding: bytes[r.start..<r.end], as: UTF8.self)
    }

    /// Every coordinate of a byte offset. Offsets inside a multibyte character snap back to its start.
    public func location(of rawOffset: Int) -> SourcePosition {
        var offset = min(max(rawOffset, 0), bytes.count)
        while offset > 0 && offset < bytes.count && (bytes[offset] & 0xC0) == 0x80 { offset -= 1 }
        let lineIdx = lineIndex(of: offset)
        let start = lineStarts[lineIdx]
        var scalars = 0
        var utf16 = 0
        var i = start
        if offset - start > SourceText.checkpointStride, let cp = checkpoint(before: offset, after: start) {
            (i, scalars, utf16) = (cp.offset, cp.scalars, cp.utf16)
        }
        while i < offset {
            let b = bytes[i]
            if (b & 0xC0) != 0x80 {
                scalars += 1
                utf16 += b >= 0xF0 ? 2 : 1
            }
            i += 1
        }
        return SourcePosition(line: lineIdx + 1, column: scalars + 1, utf16Column: utf16,
                              offset: offset, byteColumn: offset - start + 1)
    }

    /// Byte offset of a 1-based line and 1-based byte column, clamped to the line.
    public func offset(line: Int, byteColumn: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineStarts.count else { return bytes.count }
        let r = lineContentRange(line)
        return min(r.start + max(byteColumn - 1, 0), r.end)
    }

    /// Byte offset of a 0-based line and 0-based UTF-16 character (an LSP position), clamped to the line.
    public func offset(line: Int, utf16Character: Int) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        let r = lineContentRange(line + 1)
        var units = 0
        var i = r.start
        while i < r.end && units < utf16Character {
            let b = bytes[i]
            let len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            units += len == 4 ? 2 : 1
            i += len
        }
        return min(i, r.end)
    }

    /// The string for a byte range (built only for what is reported).
    public func string(_ range: SourceRange) -> String {
        let s = min(max(range.start, 0), bytes.count)
        let e = min(max(range.end, s), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}
