#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the reader found next on the input stream.
public enum InboundFrame: Equatable, Sendable {
    /// The body of one message, exactly `Content-Length` bytes.
    case message([UInt8])
    /// A header block that cannot frame a message (no or a bad `Content-Length`); its bytes
    /// were skipped and reading can go on.
    case badHeader(String)
    /// The input was closed.
    case endOfInput
}

/// Reads LSP base-protocol frames: ASCII header lines ended by `\r\n` (a bare `\n` is
/// accepted), an empty line, then exactly `Content-Length` bytes of body.
public struct FrameReader {
    /// Fills the buffer with up to its count of bytes; returns 0 at end of input.
    public typealias Source = (UnsafeMutableRawBufferPointer) -> Int

    /// Bodies larger than this are skipped (a 256 MiB application is not an application).
    public static let maxBodyLength = 256 << 20
    /// A header line longer than this is not a header.
    static let maxHeaderLine = 8 << 10

    private let source: Source
    private var buffer: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 64 << 10)
    private var position = 0
    private var atEnd = false

    public init(source: @escaping Source) {
        self.source = source
    }

    /// A reader over a file descriptor (standard input by default).
    public init(fileDescriptor fd: Int32 = 0) {
        self.init { buffer in
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n >= 0 { return n }
                if errno == EINTR { continue }
                return 0
            }
        }
    }

    /// The next frame, blocking until it is complete.
    public mutating func next() -> InboundFrame {
        var contentLength: Int? = nil
        var problem: String? = nil
        var sawHeader = false
        // Header lines up to the empty line.
        while true {
            guard let line = readLine() else {
                return sawHeader ? .badHeader("input ended inside a header") : .endOfInput
            }
            if line.tooLong {
                problem = problem ?? "header line longer than \(FrameReader.maxHeaderLine) bytes"
                sawHeader = true
                continue
            }
            if line.bytes.isEmpty {
                if !sawHeader { continue }  // stray blank lines between messages
                break
            }
            sawHeader = true
            let text = String(decoding: line.bytes, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else {
                problem = problem ?? "malformed header line '\(text.prefix(80))'"
                continue
            }
            let name = text[..<colon].trimmingSpaces.lowercased()
            let value = text[text.index(after: colon)...].trimmingSpaces
            if name == "content-length" {
                if let n = Int(value), n >= 0 {
                    contentLength = n
                } else {
                    problem = problem ?? "invalid Content-Length '\(value.prefix(40))'"
                }
            }
        }
        if let problem { return .badHeader(problem) }
        guard let length = contentLength else { return .badHeader("header without Content-Length") }
        if length > FrameReader.maxBodyLength {
            skip(length)
            return .badHeader("message of \(length) bytes is larger than the limit of \(FrameReader.maxBodyLength)")
        }
        guard let body = take(length) else { return .endOfInput }
        return .message(body)
    }

    // MARK: buffer

    private var available: Int { buffer.count - position }

    /// Reads more input into the buffer; false at end of input.
    private mutating func fill() -> Bool {
        if atEnd { return false }
        if position > 0 && position >= buffer.count / 2 {
            buffer.removeFirst(position)
            position = 0
        }
        let n = scratch.withUnsafeMutableBytes { source($0) }
        if n <= 0 {
            atEnd = true
            return false
        }
        buffer.append(contentsOf: scratch[0..<n])
        return true
    }

    private mutating func readLine() -> (bytes: [UInt8], tooLong: Bool)? {
        // `scanned` counts bytes after `position` known to hold no newline (fill() may move `position`).
        var scanned = 0
        while true {
            if let nl = buffer[(position + scanned)...].firstIndex(of: 0x0A) {
                var end = nl
                if end > position && buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[position..<end])
                position = nl + 1
                return (line, line.count > FrameReader.maxHeaderLine)
            }
            scanned = available
            if available > FrameReader.maxHeaderLine {
                // Not a header: drop everything up to the next newline.
                while true {
                    position = buffer.count
                    guard fill() else { return nil }
                    if let nl = buffer[position...].firstIndex(of: 0x0A) {
                        position = nl + 1
                        return ([], true)
                    }
                }
            }
            guard fill() else {
                if available == 0 { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                return (line, false)
            }
        }
    }

    private mutating func take(_ n: Int) -> [UInt8]? {
        while available < n {
            guard fill() else { return nil }
        }
        let body = Array(buffer[position..<(position + n)])
        position += n
        return body
    }

    private mutating func skip(_ n: Int) {
        var left = n
        while left > 0 {
            if available == 0 && !fill() { return }
            let k = min(left, available)
            position += k
            left -= k
        }
    }
}

/// The bytes of one outbound frame.
public func frame(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
