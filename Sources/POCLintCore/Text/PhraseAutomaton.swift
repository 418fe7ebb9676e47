/// An Aho-Corasick automaton over normalised UTF-8 bytes: every phrase list of the rule
/// packs compiled into one DFA and run once over each text. Patterns are matched as whole
/// words (` pattern ` inside ` text `), overlapping matches included.
public struct PhraseAutomaton: Sendable {
    /// Byte -> column class (0 = a byte that occurs in no pattern).
    private let classes: [UInt8]
    private let classCount: Int
    /// DFA transitions, `state * classCount + class`.
    private let delta: [Int32]
    /// For each state, the first pattern it completes (or -1), and the next state on the
    /// failure chain that completes one (or -1).
    private let output: [Int32]
    private let outputLink: [Int32]
    /// Patterns completing at the same state beyond the first.
    private let extraOutputs: [Int32: [Int32]]
    /// Length of each pattern in normalised bytes, padding included.
    public let patternLengths: [Int]

    /// Builds the automaton; `patterns` are already-normalised keys (no padding).
    public init(patterns: [String]) {
        let padded = patterns.map { Array(" \($0) ".utf8) }
        var cls = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for p in padded { for b in p where cls[Int(b)] == 0 { cls[Int(b)] = next; next &+= 1 } }
        let nc = Int(next)
        // Trie in one flat table (a row of `nc` transitions per state), turned into the DFA in
        // place by the breadth-first pass: no array per state (start-up time).
        var d: [Int32] = []
        d.reserveCapacity(nc * (padded.reduce(0) { $0 + $1.count } / 2 + 1))
        d.append(contentsOf: repeatElement(-1, count: nc))
        var out: [Int32] = [-1]
        var extra: [Int32: [Int32]] = [:]
        for (pi, p) in padded.enumerated() {
            var s = 0
            for b in p {
                let c = Int(cls[Int(b)])
                if d[s * nc + c] < 0 {
                    d[s * nc + c] = Int32(out.count)
                    d.append(contentsOf: repeatElement(-1, count: nc))
                    out.append(-1)
                }
                s = Int(d[s * nc + c])
            }
            if out[s] < 0 { out[s] = Int32(pi) } else { extra[Int32(s), default: []].append(Int32(pi)) }
        }
        let n = out.count
        var fail = [Int32](repeating: 0, count: n)
        var link = [Int32](repeating: -1, count: n)
        var queue: [Int] = []
        queue.reserveCapacity(n)
        for c in 0..<nc {
            let t = d[c]
            if t >= 0 {
                fail[Int(t)] = 0
                queue.append(Int(t))
            } else {
                d[c] = 0
            }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            let f = Int(fail[s])
            link[s] = out[f] >= 0 ? Int32(f) : link[f]
            for c in 0..<nc {
                let t = d[s * nc + c]
                if t >= 0 {
                    fail[Int(t)] = d[f * nc + c]
                    queue.append(Int(t))
                } else {
                    d[s * nc + c] = d[f * nc + c]
                }
            }
        }
        classes = cls
        classCount = nc
        delta = d
        output = out
        outputLink = link
        extraOutputs = extra
        patternLengths = padded.map(\.count)
    }

    /// Calls `found(pattern, start, end)` for every match in a normalised text, where
    /// `start..<end` covers the pattern's words without the padding separators.
    @inline(__always)
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int, Int) -> Void) {
        var s = 0
        let nc = classCount
        delta.withUnsafeBufferPointer { d in
            classes.withUnsafeBufferPointer { cls in
                for i in 0..<text.count {
                    s = Int(d[s * nc + Int(cls[Int(text[i])])])
                    if output[s] >= 0 || outputLink[s] >= 0 {
                        var t = output[s] >= 0 ? Int32(s) : outputLink[s]
                        while t >= 0 {
                            let p = Int(output[Int(t)])
                            let end = i + 1
                            found(p, end - patternLengths[p] + 1, end - 1)
                            if let more = extraOutputs[t] {
                                for q in more { found(Int(q), end - patternLengths[Int(q)] + 1, end - 1) }
                            }
                            t = outputLink[Int(t)]
                        }
                    }
                }
            }
        }
    }
}
