/// A unified diff (`diff -u` shape, three lines of context) of two texts, line by line.
enum UnifiedDiff {
    static func diff(_ old: [UInt8], _ new: [UInt8], oldName: String, newName: String) -> String {
        let a = lines(old), b = lines(new)
        if a == b { return "" }
        // Trim the common head and tail; diff the middle by longest common subsequence.
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let am = Array(a[head..<(a.count - tail)]), bm = Array(b[head..<(b.count - tail)])
        var ops: [(Character, String)] = a[0..<head].map { (" ", $0) }
        ops += middle(am, bm)
        ops += a[(a.count - tail)...].map { (" ", $0) }
        return "--- \(oldName)\n+++ \(newName)\n" + hunks(ops)
    }

    /// Lines with their terminators, so a missing final newline shows.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            out.append(String(decoding: bytes[start...i], as: UTF8.self))
            start = i + 1
        }
        if start < bytes.count { out.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return out
    }

    static func middle(_ a: [String], _ b: [String]) -> [(Character, String)] {
        if a.isEmpty { return b.map { ("+", $0) } }
        if b.isEmpty { return a.map { ("-", $0) } }
        guard a.count * b.count <= 4_000_000 else { return a.map { ("-", $0) } + b.map { ("+", $0) } }
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [(Character, String)] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { ops.append((" ", a[i])); i += 1; j += 1 }
            else if lcs[i + 1][j] >= lcs[i][j + 1] { ops.append(("-", a[i])); i += 1 }
            else { ops.append(("+", b[j])); j += 1 }
        }
        ops += a[i...].map { ("-", $0) }
        ops += b[j...].map { ("+", $0) }
        return ops
    }

    static func hunks(_ ops: [(Character, String)], context: Int = 3) -> String {
        let changed = ops.indices.filter { ops[$0].0 != " " }
        guard !changed.isEmpty else { return "" }
        // Group changes whose context windows touch.
        var groups: [ClosedRange<Int>] = []
        for c in changed {
            let lo = max(0, c - context), hi = min(ops.count - 1, c + context)
            if let last = groups.last, lo <= last.upperBound + 1 {
                groups[groups.count - 1] = last.lowerBound...max(last.upperBound, hi)
            } else {
                groups.append(lo...hi)
            }
        }
        var out = ""
        for g in groups {
            var oldStart = 1, newStart = 1
            for k in 0..<g.lowerBound {
                if ops[k].0 != "+" { oldStart += 1 }
                if ops[k].0 != "-" { newStart += 1 }
            }
            let body = ops[g]
            let oldCount = body.filter { $0.0 != "+" }.count
            let newCount = body.filter { $0.0 != "-" }.count
            out += "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for (op, line) in body {
                out += String(op) + line
                if !line.hasSuffix("\n") { out += "\n\\ No newline at end of file\n" }
            }
        }
        return out
    }
}
