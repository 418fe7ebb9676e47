import POCLintCore

/// A JSON value whose objects keep their keys in the order they were written, so that every
/// machine format poclint emits has a stable, documented key order (no dictionary hashing).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized(pretty: false) == rhs.serialized(pretty: false)
    }

    /// An optional string: `null` when absent.
    public static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// The JSON text: two-space indentation when `pretty`, else compact. Non-ASCII text is
    /// written as UTF-8; control characters, quotes and backslashes are escaped.
    public func serialized(pretty: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(&out, indent: pretty ? 0 : nil)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the pretty JSON text as it reads at nesting `level` of an enclosing value
    /// (the indentation of its inner lines); what a streamed report writes piece by piece.
    func appendPretty(to out: inout [UInt8], level: Int) {
        write(&out, indent: level)
    }

    /// Appends `"key": value` as a member of an object at nesting `level - 1`: a newline and
    /// the member's indentation first, no comma.
    static func appendMember(_ key: String, _ value: JSONValue, to out: inout [UInt8], level: Int) {
        appendNewline(&out, level)
        escape(key, into: &out)
        out.append(0x3A)
        out.append(0x20)
        value.write(&out, indent: level)
    }

    /// A newline and the indentation of nesting `level`.
    static func appendNewline<S: ByteSink>(_ out: inout S, _ level: Int) {
        // One copy from a newline and a row of spaces (appending the spaces one by one, or as a
        // repeated element, costs a loop per call: this runs before every key of a report).
        let n = 1 + 2 * level
        if n <= newlineAndSpaces.count {
            newlineAndSpaces.withUnsafeBufferPointer { out.append(bytes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
        } else {
            out.append(0x0A)
            for _ in 0..<(2 * level) { out.append(0x20) }
        }
    }

    private static let newlineAndSpaces: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 64)

    // Written into a byte buffer: String appends cost several times more (measured).
    private func write(_ out: inout [UInt8], indent: Int?) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONValue.appendInt(i, to: &out)
        case .double(let d): out.append(contentsOf: JSONValue.format(d).utf8)
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(&out, indent.map { $0 + 1 })
                item.write(&out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(0x7B)
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(&out, indent.map { $0 + 1 })
                JSONValue.escape(key, into: &out)
                out.append(0x3A)
                if indent != nil { out.append(0x20) }
                value.write(&out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(0x7D)
        }
    }

    private func newline(_ out: inout [UInt8], _ level: Int?) {
        guard let level else { return }
        JSONValue.appendNewline(&out, level)
    }

    /// Decimal digits of an integer, without making a String.
    static func appendInt<S: ByteSink>(_ i: Int, to out: inout S) {
        if i >= 0 && i < 10 {
            out.append(0x30 &+ UInt8(i))
            return
        }
        if i == Int.min {
            var text = String(i)
            text.withUTF8 { out.append(bytes: $0) }
            return
        }
        var v = i.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: enough for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[23 - count] = 0x30 &+ UInt8(v % 10)
                v /= 10
                count += 1
            }
            if i < 0 { out.append(0x2D) }
            out.append(bytes: UnsafeBufferPointer(start: d.baseAddress!.assumingMemoryBound(to: UInt8.self) + (24 - count), count: count))
        }
    }

    /// Numbers: integers without a fraction, others in the shortest form Swift prints;
    /// non-finite values (never produced by poclint) become 0.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    static func escape(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        escape(s, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes on the UTF-8 bytes: `"`, `\\`, control characters, and U+2028/U+2029 (which
    /// break JavaScript consumers). Runs of bytes that need nothing are copied at once.
    static func escape<S: ByteSink>(_ s: String, into out: inout S) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            let n = u.count
            var i = 0
            var plain = 0
            let raw = UnsafeRawPointer(u.baseAddress)
            while i < n {
                // Eight bytes at a time while none needs a look: no control byte, `"`, `\\`
                // or 0xE2 (the lead byte of U+2028/U+2029).
                if let raw {
                    while i + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        if Bytes.hasControl(w) || Bytes.has(w, 0x22) || Bytes.has(w, 0x5C) || Bytes.has(w, 0xE2) { break }
                        i += 8
                    }
                    if i >= n { break }
                }
                let b = u[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 {
                    i += 1
                    continue
                }
                if plain < i { out.append(bytes: UnsafeBufferPointer(rebasing: u[plain..<i])) }
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0x08: out.append(0x5C); out.append(0x62)
                case 0x0C: out.append(0x5C); out.append(0x66)
                case 0..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    hex.withUTF8Buffer { h in
                        for x in [0x5C, 0x75, 0x30, 0x30, h[Int(b >> 4)], h[Int(b & 0xF)]] { out.append(x) }
                    }
                case 0xE2 where i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                    for x: UInt8 in [0x5C, 0x75, 0x32, 0x30, 0x32, u[i + 2] == 0xA8 ? 0x38 : 0x39] { out.append(x) }
                    i += 3
                    plain = i
                    continue
                default: out.append(b)
                }
                i += 1
                plain = i
            }
            if plain < n { out.append(bytes: UnsafeBufferPointer(rebasing: u[plain..<n])) }
        }
        out.append(0x22)
    }
}

/// Pretty JSON written straight into bytes, in the layout of `JSONValue.serialized()`, for the
/// parts of a report that are large and regular (diagnostics, predictions): no tree to build
/// and free. Open a container, then `key` (objects) or `item` (arrays) before each value.
struct JSONStream {
    /// The bytes written (the buffer is the stream's own: appends are a capacity check and a
    /// copy, where an array's are a uniqueness check, a capacity check and a generic copy).
    var out: [UInt8] { buffer.bytes }
    private var buffer: ByteBuffer
    /// Indentation level of the members of the innermost open container.
    private var level: Int
    /// For each open container, a bit: whether it has a member yet (bit k: container k).
    private var filled: UInt64 = 0
    private var openCount = 0

    /// A stream whose first value stands at nesting `level`.
    init(level: Int, into out: [UInt8] = [], capacity: Int = 4096) {
        var b = ByteBuffer(capacity: max(capacity, out.count + 256))
        out.withUnsafeBufferPointer { b.append(bytes: $0) }
        buffer = b
        self.level = level
    }

    mutating func openObject() { open(0x7B) }
    mutating func closeObject() { close(0x7D) }
    mutating func openArray() { open(0x5B) }
    mutating func closeArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8) {
        precondition(openCount < 64, "JSON nested more than 64 deep")
        buffer.append(bracket)
        filled &= ~(1 << UInt64(openCount))
        openCount += 1
        level += 1
    }

    private mutating func close(_ bracket: UInt8) {
        level -= 1
        openCount -= 1
        if filled & (1 << UInt64(openCount)) != 0 { JSONValue.appendNewline(&buffer, level) }
        buffer.append(bracket)
    }

    private mutating func next() {
        let bit: UInt64 = 1 << UInt64(openCount - 1)
        if filled & bit == 0 { filled |= bit } else { buffer.append(0x2C) }
        JSONValue.appendNewline(&buffer, level)
    }

    /// Before a member of an object: `"key": `.
    /// Keys are literals of the formats (ASCII names, nothing to escape): copied as they are.
    mutating func key(_ k: StaticString) {
        next()
        buffer.append(0x22)
        k.withUTF8Buffer { buffer.append(bytes: $0) }
        buffer.append(0x22)
        buffer.append(0x3A)
        buffer.append(0x20)
    }

    /// Before a member whose key is not a literal (a component id from the packs): escaped.
    mutating func key(escaping k: String) {
        next()
        JSONValue.escape(k, into: &buffer)
        buffer.append(0x3A)
        buffer.append(0x20)
    }

    /// Before an element of an array.
    mutating func item() { next() }

    mutating func string(_ s: String) { JSONValue.escape(s, into: &buffer) }
    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    mutating func int(_ i: Int) { JSONValue.appendInt(i, to: &buffer) }
    /// The nesting level of the members of the innermost open container.
    var depth: Int { level }
    /// Bytes copied as they are: a template of whole members (the caller keeps the nesting
    /// balanced; `JSONReporter.LocationTemplate`).
    mutating func raw(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { buffer.append(bytes: $0) } }
    mutating func double(_ d: Double) { var t = JSONValue.format(d); t.withUTF8 { buffer.append(bytes: $0) } }
    mutating func bool(_ b: Bool) { raw(b ? JSONStream.trueBytes : JSONStream.falseBytes) }
    mutating func null() { raw(JSONStream.nullBytes) }
    mutating func value(_ v: JSONValue) {
        var bytes: [UInt8] = []
        v.appendPretty(to: &bytes, level: level)
        raw(bytes)
    }

    private static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8), nullBytes = Array("null".utf8)
}

/// Where the JSON writers put bytes: an array, or a stream's own buffer.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// A growable byte buffer written through a pointer; its memory is freed with its last copy.
struct ByteBuffer: ByteSink {
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        init(_ capacity: Int) { base = .allocate(capacity: capacity) }
        deinit { base.deallocate() }
    }
    private var storage: Storage
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = Storage(self.capacity)
        base = storage.base
    }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always) mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count &+= 1
    }

    @inline(__always) mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return }
        if count + n > capacity { grow(n) }
        (base + count).update(from: from, count: n)
        count &+= n
    }

    @inline(never) private mutating func grow(_ more: Int) {
        var c = capacity
        while c < count + more { c *= 2 }
        let fresh = Storage(c)
        fresh.base.update(from: base, count: count)
        storage = fresh
        base = fresh.base
        capacity = c
    }
}
