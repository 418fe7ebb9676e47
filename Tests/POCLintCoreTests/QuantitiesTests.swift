import Foundation
import Testing
@testable import POCLintCore

struct QuantitiesTests {
    func q(_ s: String) -> Quantities { Quantities(Array(s.utf8)) }

    @Test(arguments: [
        ("$1,800", 1800.0, nil as Period?),
        ("$1.8K", 1800.0, nil),
        ("1800 USD", 1800.0, nil),
        ("USD 1,800", 1800.0, nil),
        ("$2.3k/mo", 2300.0, .month),
        ("$60 per day", 60.0, .day),
        ("$4,170 a month", 4170.0, .month),
        ("$12,000 annually", 12000.0, .year),
        ("$1.2 million a year", 1_200_000.0, .year),
        ("$0.24/hr", 0.24, .hour),
    ])
    func money(_ text: String, _ value: Double, _ period: Period?) throws {
        let m = try #require(q(text).money.first, "\(text)")
        #expect(abs(m.value - value) < 0.0001)
        #expect(m.period == period)
        #expect(!m.isRange)
    }

    @Test func moneyRanges() throws {
        for text in ["$2K to $8K a month", "$2,000-$8,000 per month", "$2K – 8K monthly"] {
            let m = try #require(q(text).money.first, "\(text)")
            #expect(m.value == 2000 && m.upper == 8000 && m.period == .month, "\(text)")
        }
    }

    @Test func notMoney() {
        #expect(q("We have 40 retailers and 0.92 F1 on 400 claims.").money.isEmpty)
        #expect(q("p95 latency 8x7B").money.isEmpty)
    }

    @Test func volumes() throws {
        let a = q("10M input tokens a day").volumes
        #expect(a == [TokenVolume(tokens: 10_000_000, direction: .input, period: .day, range: 0..<9)])
        let b = q("2 million output tokens per day").volumes
        #expect(b.count == 1 && b[0].tokens == 2_000_000 && b[0].direction == .output && b[0].period == .day)
        let c = q("20M input + 4M output tokens per day").volumes
        #expect(c.map(\.tokens) == [20_000_000, 4_000_000])
        #expect(c.map(\.direction) == [.input, .output])
        #expect(c.map(\.period) == [.day, .day])
        let d = q("12M tokens/day").volumes
        #expect(d.count == 1 && d[0].direction == .total && d[0].period == .day)
        let e = q("8M input and 0.8M output tokens").volumes
        #expect(e.map(\.tokens) == [8_000_000, 800_000])
        #expect(e.allSatisfy { $0.period == nil })
        #expect(q("400 claims with 10 fields").volumes.isEmpty)
    }

    @Test func days() {
        let d = q("A 90-day POC: day 45 review, days 46-75 pilot, 12 weeks total").days
        #expect(d.map(\.day) == [90, 45, 46, 75, 84])
        #expect(d.map(\.isLength) == [true, false, false, false, true])
    }
}

/// The packs the binary decodes at start-up (JSON) are the packs of rules/*.yml.
struct EmbeddedPackTests {
    func canonical<T: Codable>(_ v: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(v), as: UTF8.self)
    }

    @Test func jsonAndYAMLFormsAgree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        func yaml(_ name: String) throws -> String { try String(contentsOf: root.appendingPathComponent("rules/" + name), encoding: .utf8) }
        #expect(try canonical(RulePack.decodeEmbedded(ModelsFile.self, "models.yml")) == canonical(RulePack.decode(ModelsFile.self, yaml("models.yml"), "models.yml")))
        #expect(try canonical(RulePack.decodeEmbedded(PhrasesFile.self, "phrases.yml")) == canonical(RulePack.decode(PhrasesFile.self, yaml("phrases.yml"), "phrases.yml")))
        #expect(try canonical(RulePack.decodeEmbedded(ProvidersFile.self, "providers.yml")) == canonical(RulePack.decode(ProvidersFile.self, yaml("providers.yml"), "providers.yml")))
        #expect(try canonical(RulePack.decodeEmbedded(ComponentsFile.self, "components.yml")) == canonical(RulePack.decode(ComponentsFile.self, yaml("components.yml"), "components.yml")))
        #expect(try canonical(RulePack.decodeEmbedded(LexiconFile.self, "lexicon.yml")) == canonical(RulePack.decode(LexiconFile.self, yaml("lexicon.yml"), "lexicon.yml")))
        #expect(try canonical(RulePack.decodeEmbedded(ScoringFile.self, "scoring.yml")) == canonical(RulePack.decode(ScoringFile.self, yaml("scoring.yml"), "scoring.yml")))
    }
}
