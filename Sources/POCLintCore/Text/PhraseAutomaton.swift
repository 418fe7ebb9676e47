import POCLintTables

/// An Aho-Corasick automaton over normalised UTF-8 bytes: every phrase list of the rule
/// packs compiled into one automaton and run once over each text. Patterns are matched as
/// whole words (` pattern ` inside ` text `), overlapping matches included.
///
/// It is built at start-up, so it is built to be cheap. The states near the root (depth up to
/// `denseDepth`, under a thousand of the built-in packs' 12,000) get full DFA rows: one table
/// read per byte of text, where a scan spends nearly all its time. The deeper states, almost
/// all on a single pattern's chain, keep their trie children and their failure state: a byte
/// that does not continue the chain falls back to the failure state, which is shallower. The
/// built-in packs' automata take about 0.6 MB instead of 2.5 MB of full rows, and build in a
/// fraction of the time. Every transition carries in its low bit whether the state it leads to
/// completes a pattern (itself or on its failure chain).
public struct PhraseAutomaton: @unchecked Sendable {
    /// States up to this depth (in bytes, the padding space included) have full rows.
    static let denseDepth = 5

    /// The memory of the tables of an automaton built at run time; nil when the tables are
    /// static data of the binary (the built-in pack's, `init(tables:)`). The tables are never
    /// written once built, so the automaton can be shared between threads.
    private let owner: Owner?
    /// Byte -> column class (0 = a byte that occurs in no pattern); 256 entries.
    private let classes: UnsafePointer<UInt8>
    private let classCount: Int
    /// States are numbered breadth first; the first `denseCount` have rows here,
    /// `state * classCount + class`, each `next << 1 | completes`.
    private let denseCount: Int
    private let delta: UnsafePointer<UInt32>
    /// For a state `s >= denseCount`, at `s - denseCount`: its failure state, and its children
    /// `edgeStart[i]..<edgeStart[i + 1]` as (class, `next << 1 | completes`).
    private let sparseCount: Int
    private let sparseFail: UnsafePointer<UInt32>
    private let edgeStart: UnsafePointer<UInt32>
    private let edgeCount: Int
    private let edgeClass: UnsafePointer<UInt8>
    private let edgeNext: UnsafePointer<UInt32>
    /// For each state, the first pattern it completes (or -1), and the next state on the
    /// failure chain that completes one (or -1).
    private let stateCount: Int
    private let output: UnsafePointer<Int32>
    private let outputLink: UnsafePointer<Int32>
    /// Patterns completing at the same state beyond the first (the same key given twice).
    private let extraOutputs: [Int32: [Int32]]
    /// Length of each pattern in normalised bytes, padding included.
    private let lengths: UnsafePointer<Int32>
    private let patternCount: Int
    /// Size of the ring of input offsets `scanText` keeps: a power of two above the longest pattern.
    private let ringSize: Int
    /// For each ASCII byte of raw text, the class of the byte it normalises to (letters case
    /// folded, as `Normalizer` does), or 0xFF for a separator: one table read per byte in
    /// `scanText`. Classes are below 0xFF (one per distinct pattern byte, and the space).
    private let rawClasses: UnsafePointer<UInt8>
    private let rawClassesOwner: Owner

    private static func rawClasses(_ classes: UnsafePointer<UInt8>) -> (Owner, UnsafePointer<UInt8>) {
        let owner = Owner()
        let t = owner.allocate(UInt8.self, 128)
        for b in 0..<128 {
            let u = UInt8(b)
            t[b] = Normalizer.isWordASCII(u) ? classes[Int(u >= 0x41 && u <= 0x5A ? u | 0x20 : u)] : 0xFF
        }
        return (owner, UnsafePointer(t))
    }

    static func ringSize(_ lengths: UnsafePointer<Int32>, _ count: Int) -> Int {
        var longest = 0
        for p in 0..<count { longest = max(longest, Int(lengths[p])) }
        var size = 16
        while size < longest + 1 { size <<= 1 }
        return size
    }

    /// Length of each pattern in normalised bytes, padding included.
    public var patternLengths: [Int] { (0..<patternCount).map { Int(lengths[$0]) } }

    /// Frees the tables of an automaton built at run time.
    private final class Owner {
        var blocks: [UnsafeMutableRawPointer] = []
        /// `count` zeroed elements (at least one, so that no table pointer is dangling).
        func allocate<T: FixedWidthInteger>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            p.initialize(repeating: 0, count: max(count, 1))
            blocks.append(UnsafeMutableRawPointer(p))
            return p
        }
        deinit { for b in blocks { b.deallocate() } }
    }

    /// The automaton of static tables (the built-in pack's, computed at build time by
    /// scripts/embed-rules.py from the same patterns `init(patterns:)` would be given).
    init(tables t: POCLintAutomatonTables) {
        owner = nil
        classes = t.classes
        classCount = Int(t.classCount)
        denseCount = Int(t.denseCount)
        delta = t.delta
        sparseCount = Int(t.sparseCount)
        sparseFail = t.sparseFail
        edgeStart = t.edgeStart
        edgeCount = Int(t.edgeCount)
        edgeClass = t.edgeClass
        edgeNext = t.edgeNext
        stateCount = Int(t.stateCount)
        output = t.output
        outputLink = t.outputLink
        var extra: [Int32: [Int32]] = [:]
        for i in 0..<Int(t.extraCount) {
            extra[t.extraOutputs[2 * i], default: []].append(t.extraOutputs[2 * i + 1])
        }
        extraOutputs = extra
        lengths = t.patternLengths
        patternCount = Int(t.patternCount)
        ringSize = Self.ringSize(t.patternLengths, Int(t.patternCount))
        (rawClassesOwner, rawClasses) = Self.rawClasses(t.classes)
    }

    /// The names of the tables in which two automata differ (none: they are the same automaton).
    func differences(from o: PhraseAutomaton) -> [String] {
        func same<T: Equatable>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ n: Int) -> Bool {
            UnsafeBufferPointer(start: a, count: n).elementsEqual(UnsafeBufferPointer(start: b, count: n))
        }
        var out: [String] = []
        if classCount != o.classCount || !same(classes, o.classes, 256) { out.append("classes") }
        if denseCount != o.denseCount || !same(delta, o.delta, denseCount * classCount) { out.append("delta") }
        if sparseCount != o.sparseCount || !same(sparseFail, o.sparseFail, sparseCount)
            || !same(edgeStart, o.edgeStart, sparseCount + 1) { out.append("sparseFail/edgeStart") }
        if edgeCount != o.edgeCount || !same(edgeClass, o.edgeClass, edgeCount)
            || !same(edgeNext, o.edgeNext, edgeCount) { out.append("edgeClass/edgeNext") }
        if stateCount != o.stateCount || !same(output, o.output, stateCount)
            || !same(outputLink, o.outputLink, stateCount) { out.append("output/outputLink") }
        if extraOutputs != o.extraOutputs { out.append("extraOutputs") }
        if patternLengths != o.patternLengths { out.append("patternLengths") }
        return out
    }

    /// Builds the automaton; `patterns` are already-normalised keys (no padding).
    ///
    /// Start-up time here is mostly first touches of fresh memory (a few microseconds a page
    /// on this kind of machine), so the construction touches little: the trie is built level
    /// by level, which numbers the states breadth first as it goes (no renumbering), and the
    /// tables are written in place.
    public init(patterns: [String]) {
        // Every pattern's bytes in one buffer; byte classes in order of first appearance
        // (the padding space first).
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(patterns.count + 1)
        for p in patterns {
            bytes.append(contentsOf: p.utf8)
            starts.append(bytes.count)
        }
        var cls = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        if !patterns.isEmpty {
            cls[0x20] = 1
            next = 2
        }
        for b in bytes where cls[Int(b)] == 0 { cls[Int(b)] = next; next &+= 1 }
        let nc = Int(next)
        let lengths = (0..<patterns.count).map { starts[$0 + 1] - starts[$0] + 2 }
        let cap = bytes.count + 2 * patterns.count + 1
        // Patterns by length, longest first (a counting sort): pass k of the construction
        // visits the ones longer than k. Each as (length, first byte, state reached so far).
        let longest = lengths.max() ?? 0
        var bucket = [Int](repeating: 0, count: longest + 2)
        for l in lengths { bucket[longest - l + 1] += 1 }
        for i in 0..<longest + 1 { bucket[i + 1] += bucket[i] }
        var todo = [(length: Int32, start: Int32, state: Int32)](repeating: (0, 0, 0), count: patterns.count)
        var position = [Int](repeating: 0, count: patterns.count)
        for pi in 0..<patterns.count {
            let slot = longest - lengths[pi]
            position[pi] = bucket[slot]
            todo[bucket[slot]] = (Int32(lengths[pi]), Int32(starts[pi]), 0)
            bucket[slot] += 1
        }

        // The trie, breadth first: pass k adds every state of depth k + 1 (first child / next
        // sibling lists). `fail` and `link` are filled later; one allocation, freed at the end.
        let work = UnsafeMutablePointer<Int32>.allocate(capacity: 5 * cap)
        let edge = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        defer {
            work.deallocate()
            edge.deallocate()
        }
        let firstChild = work, sibling = work + cap, out = work + 2 * cap, fail = work + 3 * cap, link = work + 4 * cap
        var n = 1
        firstChild[0] = -1
        out[0] = -1
        var dense = -1, denseAndNext = -1
        bytes.withUnsafeBufferPointer { b in
        cls.withUnsafeBufferPointer { cls in
        todo.withUnsafeMutableBufferPointer { todo in
            let space = cls[0x20]
            for k in 0...longest {
                if k == Self.denseDepth { dense = n }
                if k == Self.denseDepth + 1 { denseAndNext = n }
                for i in 0..<todo.count {
                    let len = Int(todo[i].length)
                    if len <= k { break }
                    let c = k == 0 || k == len - 1 ? space : cls[Int(b[Int(todo[i].start) + k - 1])]
                    let s = Int(todo[i].state)
                    var t = Int(firstChild[s])
                    while t >= 0 && edge[t] != c { t = Int(sibling[t]) }
                    if t < 0 {
                        t = n
                        firstChild[n] = -1
                        sibling[n] = firstChild[s]
                        edge[n] = c
                        out[n] = -1
                        firstChild[s] = Int32(n)
                        n += 1
                    }
                    todo[i].state = Int32(t)
                }
            }
        }}}
        if dense < 0 { dense = n }
        if denseAndNext < 0 { denseAndNext = n }
        // Each pattern's last state, in index order: the first index given a key reports first.
        var extra: [Int32: [Int32]] = [:]
        for pi in 0..<patterns.count {
            let s = Int(todo[position[pi]].state)
            if out[s] < 0 { out[s] = Int32(pi) } else { extra[Int32(s), default: []].append(Int32(pi)) }
        }
        let sparse = n - dense
        // Every state deeper than the first sparse level is the child of a sparse state.
        let sparseEdges = n - denseAndNext

        // The tables, breadth first: a state's failure state is shallower, so its row (or its
        // children and failure state) is complete when the state is reached.
        let owner = Owner()
        let d = owner.allocate(UInt32.self, dense * nc)
        let sFail = owner.allocate(UInt32.self, sparse)
        let sStart = owner.allocate(UInt32.self, sparse + 1)
        let eClass = owner.allocate(UInt8.self, sparseEdges)
        let eNext = owner.allocate(UInt32.self, sparseEdges)
        do {
            fail[0] = 0
            link[0] = -1
            var edges = 0
            for s in 0..<n {
                let f = Int(fail[s])
                if s < dense {
                    if s > 0 { (d + s * nc).update(from: d + f * nc, count: nc) }
                } else {
                    sFail[s - dense] = UInt32(f)
                    sStart[s - dense] = UInt32(edges)
                }
                var k = Int(firstChild[s])
                while k >= 0 {
                    let c = Int(edge[k])
                    // The child's failure state: where the state's failure state goes on `c`.
                    var g = 0
                    if s > 0 {
                        var x = f
                        search: while true {
                            if x < dense {
                                g = Int(d[x * nc + c] >> 1)
                                break
                            }
                            let i = x - dense
                            // x < s: the next state's edges start where x's end (set already).
                            var e = Int(sStart[i])
                            let end = Int(sStart[i + 1])
                            while e < end {
                                if Int(eClass[e]) == c { g = Int(eNext[e] >> 1); break search }
                                e += 1
                            }
                            x = Int(sFail[i])
                        }
                    }
                    fail[k] = Int32(g)
                    link[k] = out[g] >= 0 ? Int32(g) : link[g]
                    let t = UInt32(k) << 1 | (out[k] >= 0 || link[k] >= 0 ? 1 : 0)
                    if s < dense {
                        d[s * nc + c] = t
                    } else {
                        eClass[edges] = UInt8(c)
                        eNext[edges] = t
                        edges += 1
                    }
                    k = Int(sibling[k])
                }
            }
            sStart[sparse] = UInt32(edges)
        }

        let classes = owner.allocate(UInt8.self, 256)
        classes.update(from: cls, count: 256)
        let output = owner.allocate(Int32.self, n)
        output.update(from: out, count: n)
        let outputLink = owner.allocate(Int32.self, n)
        outputLink.update(from: link, count: n)
        let lengthTable = owner.allocate(Int32.self, patterns.count)
        for (i, l) in lengths.enumerated() { lengthTable[i] = Int32(l) }
        self.owner = owner
        self.classes = UnsafePointer(classes)
        classCount = nc
        denseCount = dense
        delta = UnsafePointer(d)
        sparseCount = sparse
        sparseFail = UnsafePointer(sFail)
        edgeStart = UnsafePointer(sStart)
        edgeCount = sparseEdges
        edgeClass = UnsafePointer(eClass)
        edgeNext = UnsafePointer(eNext)
        stateCount = n
        self.output = UnsafePointer(output)
        self.outputLink = UnsafePointer(outputLink)
        extraOutputs = extra
        self.lengths = UnsafePointer(lengthTable)
        patternCount = patterns.count
        ringSize = Self.ringSize(lengthTable, patterns.count)
        (rawClassesOwner, rawClasses) = Self.rawClasses(classes)
    }

    /// Calls `found(pattern, start, end)` for every match in a normalised text, where
    /// `start..<end` covers the pattern's words without the padding separators.
    @inline(__always)
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int, Int) -> Void) {
        var s = 0
        for i in 0..<text.count {
            let e = transition(s, Int(classes[Int(text[i])]))
            s = Int(e &>> 1)
            if e & 1 != 0 { report(s, end: i + 1, found) }
        }
    }

    /// The transition of `state` on class `c`, `next << 1 | completes`: a dense state's row, or a
    /// sparse state's children, then down its failure chain to a dense state.
    @inline(__always)
    private func transition(_ state: Int, _ c: Int) -> UInt32 {
        var t = state
        while true {
            if t < denseCount { return delta[t &* classCount &+ c] }
            let k = t &- denseCount
            var j = Int(edgeStart[k])
            let end = Int(edgeStart[k &+ 1])
            while j < end {
                if Int(edgeClass[j]) == c { return edgeNext[j] }
                j &+= 1
            }
            t = Int(sparseFail[k])
        }
    }

    /// Calls `found(pattern, start, end)` for every match in a text that is not normalised:
    /// `start..<end` is the byte range of the pattern's words in `text`. The same matches, in
    /// the same order, as `Normalizer.normalize` then `scan` with the map applied, without
    /// writing the normalised text or its map: the normaliser's rules are applied byte by byte
    /// on the way in (ASCII case folded, runs of punctuation and separator scalars read as one
    /// space), and the input offsets of the last bytes read are kept in a small ring, long
    /// enough for the longest pattern.
    public func scanText(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int, Int) -> Void) {
        guard patternCount > 0 else { return }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: ringSize) { ring in
            var lane = Lane(text: text, ring: ring.baseAddress!)
            start(&lane, found)
            while advance(&lane, found) {}
        }
    }

    /// `scanText` of two texts at once, `foundA` for the matches in `a` and `foundB` for those
    /// in `b`: each byte's step waits for the table read of the one before, so two texts read
    /// in turn keep two reads in flight (most of a scan's time is that wait).
    public func scanTexts(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>,
                          _ foundA: (Int, Int, Int) -> Void, _ foundB: (Int, Int, Int) -> Void) {
        guard patternCount > 0 else { return }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * ringSize) { ring in
            var la = Lane(text: a, ring: ring.baseAddress!)
            var lb = Lane(text: b, ring: ring.baseAddress! + ringSize)
            start(&la, foundA)
            start(&lb, foundB)
            while true {
                let moreA = advance(&la, foundA)
                let moreB = advance(&lb, foundB)
                if !moreA || !moreB { break }
            }
            while advance(&la, foundA) {}
            while advance(&lb, foundB) {}
        }
    }

    /// Where a scan is in one text: the next input byte, the index in the normalised text, the
    /// automaton's state, and the input offsets of the last normalised bytes (`ring`).
    struct Lane {
        let text: UnsafeBufferPointer<UInt8>
        let ring: UnsafeMutablePointer<Int32>
        var i = 0
        var w = 0
        var s = 0
        var lastWasSep = true
        var done = false
    }

    @inline(__always)
    private func start(_ l: inout Lane, _ found: (Int, Int, Int) -> Void) {
        feed(&l, Int(classes[0x20]), 0, found)
    }

    /// Reads one input byte (or one non-ASCII character) of the lane's text; at its end, the
    /// closing space. False once the text is done.
    @inline(__always)
    private func advance(_ l: inout Lane, _ found: (Int, Int, Int) -> Void) -> Bool {
        let i = l.i
        guard i < l.text.count else {
            if !l.done {
                l.done = true
                if !l.lastWasSep { feed(&l, Int(classes[0x20]), l.text.count, found) }
            }
            return false
        }
        let b = l.text[i]
        if b < 0x80 {
            let c = rawClasses[Int(b)]
            if c != 0xFF {
                feed(&l, Int(c), i, found)
                l.lastWasSep = false
            } else if !l.lastWasSep {
                feed(&l, Int(classes[0x20]), i, found)
                l.lastWasSep = true
            }
            l.i = i &+ 1
            return true
        }
        advanceNonASCII(&l, found)
        return true
    }

    /// A non-ASCII character: a separator (no-break space, dashes, curly quotes...) reads as a
    /// space, any other is fed byte by byte.
    @inline(never)
    private func advanceNonASCII(_ l: inout Lane, _ found: (Int, Int, Int) -> Void) {
        let text = l.text, n = text.count, i = l.i
        let (v, len) = Normalizer.scalar(text, at: i)
        if Normalizer.isSeparatorScalar(v) {
            if !l.lastWasSep {
                feed(&l, Int(classes[0x20]), i, found)
                l.lastWasSep = true
            }
        } else {
            var k = 0
            while k < len && i + k < n {
                feed(&l, Int(classes[Int(text[i + k])]), i + k, found)
                k += 1
            }
            l.lastWasSep = false
        }
        l.i = i + len
    }

    /// One normalised byte of class `c`, read at input offset `at`.
    @inline(__always)
    private func feed(_ l: inout Lane, _ c: Int, _ at: Int, _ found: (Int, Int, Int) -> Void) {
        let mask = ringSize &- 1
        l.ring[l.w & mask] = Int32(truncatingIfNeeded: at)
        let e = transition(l.s, c)
        l.s = Int(e &>> 1)
        if e & 1 != 0 { reportRaw(l.s, l.w, l.ring, found) }
        l.w &+= 1
    }

    /// The matches completed at normalised index `w` (state `s`), as input offsets.
    @inline(never)
    private func reportRaw(_ s: Int, _ w: Int, _ ring: UnsafeMutablePointer<Int32>, _ found: (Int, Int, Int) -> Void) {
        let mask = ringSize &- 1
        report(s, end: w + 1) { p, first, last in
            guard last > first else { return }
            found(p, Int(ring[first & mask]), Int(ring[(last &- 1) & mask]) &+ 1)
        }
    }

    /// Every pattern completed at `state` (its own, then along the output links).
    private func report(_ state: Int, end: Int, _ found: (Int, Int, Int) -> Void) {
        var t = output[state] >= 0 ? Int32(state) : outputLink[state]
        while t >= 0 {
            let p = Int(output[Int(t)])
            found(p, end - Int(lengths[p]) + 1, end - 1)
            if !extraOutputs.isEmpty, let more = extraOutputs[t] {
                for q in more { found(Int(q), end - Int(lengths[Int(q)]) + 1, end - 1) }
            }
            t = outputLink[Int(t)]
        }
    }
}
