#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read as a Markdown document.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// Turns the bytes of a file into UTF-8 text, or says clearly why it cannot.
///
/// - a UTF-8 byte order mark is dropped (positions count from after it, as SARIF does);
/// - UTF-16 with a byte order mark is converted to UTF-8;
/// - NUL bytes mean a binary file ("not a text file");
/// - invalid UTF-8 is refused, naming the line and column of the first bad byte.
public enum SourceDecoder {
    public struct Decoded: Sendable {
        public var text: SourceText
        /// Bytes dropped from the front of the file (a BOM), needed to write fixes back.
        public var prefix: [UInt8]
        public var encoding: String
    }

    public static func decode(_ raw: [UInt8], path: String) throws(InputError) -> Decoded {
        if raw.count >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF)) {
            return try decodeUTF16(raw, bigEndian: raw[0] == 0xFE, path: path)
        }
        var bytes = raw
        var prefix: [UInt8] = []
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            prefix = [0xEF, 0xBB, 0xBF]
            bytes.removeFirst(3)
        }
        if let nul = firstNUL(bytes) {
            let text = SourceText(bytes: bytes)
            let loc = text.location(of: nul)
            throw InputError(path: path, message: "not a text file (NUL byte at line \(loc.line), byte \(loc.byteColumn)); poclint reads Markdown saved as UTF-8")
        }
        if let bad = firstInvalidUTF8(bytes) {
            let text = SourceText(bytes: Array(bytes[0..<bad]))
            let loc = text.location(of: bad)
            let hex = String(bytes[bad], radix: 16, uppercase: true)
            throw InputError(path: path, message: "invalid UTF-8 at line \(loc.line), column \(loc.column) (byte 0x\(hex)); save the file as UTF-8")
        }
        return Decoded(text: SourceText(bytes: bytes), prefix: prefix, encoding: prefix.isEmpty ? "utf-8" : "utf-8-bom")
    }

    private static func decodeUTF16(_ raw: [UInt8], bigEndian: Bool, path: String) throws(InputError) -> Decoded {
        guard raw.count % 2 == 0 else {
            throw InputError(path: path, message: "UTF-16 file with an odd number of bytes; save the file as UTF-8")
        }
        var units: [UInt16] = []
        units.reserveCapacity(raw.count / 2 - 1)
        var i = 2
        while i + 1 < raw.count {
            let u = bigEndian ? (UInt16(raw[i]) << 8 | UInt16(raw[i + 1])) : (UInt16(raw[i + 1]) << 8 | UInt16(raw[i]))
            units.append(u)
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var it = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                if s.value == 0 {
                    throw InputError(path: path, message: "not a text file (NUL character in UTF-16 text)")
                }
                UTF8.encode(s) { out.append($0) }
            case .emptyInput: break loop
            case .error:
                throw InputError(path: path, message: "invalid UTF-16 (unpaired surrogate); save the file as UTF-8")
            }
        }
        return Decoded(text: SourceText(bytes: out), prefix: [], encoding: bigEndian ? "utf-16be" : "utf-16le")
    }

    /// Index of the first NUL byte (memchr: `firstIndex(of:)` goes byte by byte).
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress, let nul = memchr(base, 0, buf.count) else { return nil }
            return UnsafeRawPointer(nul) - UnsafeRawPointer(base)
        }
    }

    /// Index of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf -> Int? in
            var i = 0
            let n = buf.count
            guard let base = buf.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            while i < n {
                // Runs of ASCII, eight bytes at a time.
                while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
                let b = buf[i]
                if b < 0x80 { i += 1; continue }
                let len: Int
                var minNext: UInt8 = 0x80
                var maxNext: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: len = 2
                case 0xE0: len = 3; minNext = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: len = 3
                case 0xED: len = 3; maxNext = 0x9F
                case 0xF0: len = 4; minNext = 0x90
                case 0xF1...0xF3: len = 4
                case 0xF4: len = 4; maxNext = 0x8F
                default: return i
                }
                guard i + len <= n else { return i }
                let b1 = buf[i + 1]
                if b1 < minNext || b1 > maxNext { return i }
                var k = 2
                while k < len {
                    if (buf[i + k] & 0xC0) != 0x80 { return i }
                    k += 1
                }
                i += len
            }
            return nil
        }
    }
}
