import Foundation
import Testing
import POCLintCore
import POCLintRules

/// Every fixture declares the diagnostics it must produce; the linter must produce exactly those.
struct FixtureTests {
    static let fixtures: [String] = fixtureNames()

    @Test func thereAreFixtures() {
        #expect(Self.fixtures.count >= 2)
    }

    @Test(arguments: fixtures)
    func fixtureProducesExactlyItsExpectedDiagnostics(_ name: String) throws {
        let text = try readRepoFile("fixtures/" + name)
        let expected = FixtureExpectation(text)
        let result = lint(text)
        #expect(result.positions == expected.diagnostics, "\(name): \(result.diagnostics.map(\.message))")
    }

    @Test(arguments: fixtures)
    func crlfCopyGivesTheSamePositions(_ name: String) throws {
        let text = try readRepoFile("fixtures/" + name)
        let crlf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        #expect(lint(crlf).positions == lint(text).positions)
    }
}
