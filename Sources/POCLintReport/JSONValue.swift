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
    static func appendNewline(_ out: inout [UInt8], _ level: Int) {
        out.append(0x0A)
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    // Written into a byte buffer: String appends cost several times more (measured).
    private func write(_ out: inout [UInt8], indent: Int?) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
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
        out.append(0x0A)
        for _ in 0..<(2 * level) { out.append(0x20) }
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
    /// break JavaScript consumers).
    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0x08: out.append(0x5C); out.append(0x62)
                case 0x0C: out.append(0x5C); out.append(0x66)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                case 0xE2 where i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                    out.append(contentsOf: Array("\\u202".utf8))
                    out.append(u[i + 2] == 0xA8 ? 0x38 : 0x39)
                    i += 3
                    continue
                default: out.append(b)
                }
                i += 1
            }
        }
        out.append(0x22)
    }
}
