/// The one normalisation every phrase, alias and synonym goes through, and the text too:
/// ASCII letters lower-cased, every run of punctuation, spaces and typographic punctuation
/// (curly quotes, dashes, ellipsis, no-break space) read as one separator, other non-ASCII
/// characters kept as word characters. Matching whole words is then matching ` words `.
public enum Normalizer {
    /// Byte class of an ASCII byte: 0 separator, 1 word.
    @inline(__always) static func isWordASCII(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
    }

    /// Whether a non-ASCII scalar reads as punctuation.
    @inline(__always) static func isSeparatorScalar(_ v: UInt32) -> Bool {
        v == 0xA0 || v == 0xAB || v == 0xBB || v == 0xB7 || (v >= 0x2000 && v <= 0x206F) || v == 0x3000 || v == 0xFEFF
    }

    /// The scalar of the UTF-8 sequence whose lead byte (0x80 or above) is at `i`, and the
    /// sequence's length; 0 for a sequence cut short by the end of `bytes`.
    @inline(__always) static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b = bytes[i]
        let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        guard i + len <= bytes.count else { return (0, len) }
        switch len {
        case 2: return (UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), len)
        case 3: return (UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), len)
        default: return (UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), len)
        }
    }

    /// Normalises `bytes` (UTF-8) into `out` (` word word `), recording for every output byte
    /// the input offset it came from.
    public static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], map: inout [Int32]) {
        // The output is never longer than the input plus the two padding spaces: both arrays
        // are sized once and written through pointers (no per-byte capacity checks), then cut.
        let n = bytes.count
        let capacity = n + 2
        if out.count < capacity { out.append(contentsOf: repeatElement(0, count: capacity - out.count)) }
        if map.count < capacity { map.append(contentsOf: repeatElement(0, count: capacity - map.count)) }
        let written: Int = out.withUnsafeMutableBufferPointer { ob in
            map.withUnsafeMutableBufferPointer { mb in
                let o = ob.baseAddress!, m = mb.baseAddress!
                o[0] = 0x20
                m[0] = 0
                var w = 1
                var lastWasSep = true
                var i = 0
                while i < n {
                    let b = bytes[i]
                    if b < 0x80 {
                        if isWordASCII(b) {
                            o[w] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                            m[w] = Int32(truncatingIfNeeded: i)
                            w += 1
                            lastWasSep = false
                        } else if !lastWasSep {
                            o[w] = 0x20
                            m[w] = Int32(truncatingIfNeeded: i)
                            w += 1
                            lastWasSep = true
                        }
                        i += 1
                        continue
                    }
                    let (v, len) = scalar(bytes, at: i)
                    if isSeparatorScalar(v) {
                        if !lastWasSep {
                            o[w] = 0x20
                            m[w] = Int32(truncatingIfNeeded: i)
                            w += 1
                            lastWasSep = true
                        }
                    } else {
                        var k = 0
                        while k < len && i + k < n {
                            o[w] = bytes[i + k]
                            m[w] = Int32(truncatingIfNeeded: i + k)
                            w += 1
                            k += 1
                        }
                        lastWasSep = false
                    }
                    i += len
                }
                if !lastWasSep {
                    o[w] = 0x20
                    m[w] = Int32(truncatingIfNeeded: n)
                    w += 1
                }
                return w
            }
        }
        out.removeLast(out.count - written)
        map.removeLast(map.count - written)
    }

    /// The normalised form of a phrase, as a String without the padding spaces.
    public static func key(_ phrase: String) -> String {
        var out: [UInt8] = []
        var map: [Int32] = []
        var bytes = Array(phrase.utf8)
        bytes.withUnsafeMutableBufferPointer { buf in
            normalize(UnsafeBufferPointer(buf), into: &out, map: &map)
        }
        let trimmed = out.count >= 2 ? Array(out[1..<(out.count - 1)]) : []
        return String(decoding: trimmed, as: UTF8.self)
    }
}
