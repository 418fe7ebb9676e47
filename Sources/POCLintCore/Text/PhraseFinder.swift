extension Document {
    /// Finds a phrase (whole words, case-insensitive, across soft line breaks and inline markup
    /// such as `*whatever* model`) in the text of the blocks that start within `range`, and
    /// returns the exact source range of each occurrence.
    ///
    /// For one-off look-ups; rules read the shared `TextAnalysis` instead.
    public func find(_ phrase: String, in range: SourceRange? = nil) -> [SourceRange] {
        let key = Array(" \(Normalizer.key(phrase)) ".utf8)
        guard key.count > 2 else { return [] }
        var norm: [UInt8] = []
        var map: [Int32] = []
        var found: [SourceRange] = []
        for run in texts {
            if let range, !range.contains(blocks[run.block].range.start) { continue }
            run.bytes.withUnsafeBufferPointer { Normalizer.normalize($0, into: &norm, map: &map) }
            guard norm.count >= key.count else { continue }
            var i = 0
            while i + key.count <= norm.count {
                if norm[i] == key[0] && Array(norm[i..<(i + key.count)]) == key {
                    let ts = Int(map[i + 1])
                    let te = Int(map[i + key.count - 2]) + 1
                    found.append(run.sourceRange(ts..<te))
                    i += key.count - 1
                } else {
                    i += 1
                }
            }
        }
        return found
    }

    /// The section whose title matches `title` (normalised), if any.
    public func section(titled title: String) -> Section? {
        let key = Normalizer.key(title)
        return sections.first { Normalizer.key($0.title) == key }
    }
}
