/// YAML front matter: `---` on the first line, closed by `---` or `...` on a line of its own.
public enum FrontMatter {
    /// Byte range of the front matter block (both fences included), or nil.
    public static func range(in bytes: [UInt8]) -> SourceRange? {
        guard bytes.count >= 4, bytes[0] == 0x2D, bytes[1] == 0x2D, bytes[2] == 0x2D else { return nil }
        var i = 3
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
        guard i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D else { return nil }
        // Scan line by line for the closing fence.
        var lineStart = i + 1
        if bytes[i] == 0x0D && lineStart < bytes.count && bytes[lineStart] == 0x0A { lineStart += 1 }
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            var content = end
            while content > lineStart && (bytes[content - 1] == 0x20 || bytes[content - 1] == 0x09) { content -= 1 }
            let len = content - lineStart
            if len == 3 {
                let a = bytes[lineStart], b = bytes[lineStart + 1], c = bytes[lineStart + 2]
                if (a == 0x2D && b == 0x2D && c == 0x2D) || (a == 0x2E && b == 0x2E && c == 0x2E) {
                    return SourceRange(0, end)
                }
            }
            var next = end
            if next < bytes.count && bytes[next] == 0x0D { next += 1 }
            if next < bytes.count && bytes[next] == 0x0A { next += 1 }
            if next == end { break }
            lineStart = next
        }
        return nil
    }
}
