/// Escaping for the HTML report. Every text that comes from an application (or from a
/// message that quotes one) goes through `HTMLText.escape` before it reaches the page.
enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'` (safe in element content and in quoted attribute
    /// values), and replaces control characters other than tab, line feed and carriage return
    /// with U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// Escapes UTF-8 bytes (invalid sequences become U+FFFD).
    static func escape<C: Collection>(bytes: C) -> String where C.Element == UInt8 {
        escape(String(decoding: bytes, as: UTF8.self))
    }

    /// The destination of a link from the application, if it is safe to make it a link:
    /// `http`, `https` and `mailto` only (never `javascript:`, `data:` or a file on the
    /// machine that opens the report). Leading and trailing spaces are ignored.
    static func safeLinkDestination(_ raw: String) -> String? {
        let d = raw.trimmingASCIISpaces()
        let lower = d.lowercased()
        for scheme in ["https://", "http://", "mailto:"] where lower.hasPrefix(scheme) && d.count > scheme.count {
            // No control characters or spaces inside a URL we emit.
            if d.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) { return nil }
            return d
        }
        return nil
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" })!
        return String(scalars[first...last])
    }
}
