import Foundation
import Testing
@testable import POCLintRules

/// The numbers in messages: `formatNumber` prints with C's `%.Nf` (without Foundation's
/// formatter) and drops trailing zeros.
struct NumberFormatTests {
    @Test(arguments: [(1.0, 3, "1"), (2.5, 3, "2.5"), (0.035, 3, "0.035"), (0.125, 2, "0.12"), (1234.5678, 1, "1234.6"),
                      (0.0, 1, "0"), (-0.25, 3, "-0.25"), (1.05, 1, "1.1"), (3.2, 1, "3.2"), (1e20, 2, "100000000000000000000")])
    func examples(_ v: Double, _ decimals: Int, _ expected: String) {
        #expect(formatNumber(v, decimals: decimals) == expected)
    }

    /// The same text as String(format:) gave, on word counts over 450 (the length finding) and
    /// on a spread of prices and ratios.
    @Test func sameAsStringFormat() {
        func old(_ v: Double, _ decimals: Int) -> String {
            if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
            var s = String(format: "%.\(decimals)f", v)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        var values = (0..<5000).map { Double($0) / 450 }
        values += (0..<2000).map { Double($0) * 0.0137 - 3 }
        for v in values {
            for d in 1...3 { #expect(formatNumber(v, decimals: d) == old(v, d), "\(v) \(d)") }
        }
    }
}
