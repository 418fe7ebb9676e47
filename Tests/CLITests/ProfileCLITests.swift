import Foundation
import Testing

/// The profile through the binary: --profile, --min-tier PROFILE:TIER, a POC application and
/// an accelerator application as two files of one folder, and `init --profile accelerator`.
@Suite struct ProfileCLITests {
    static let combined: String = (try? String(contentsOf: repositoryRoot.appendingPathComponent("fixtures/accelerator/combined-hvac-field-service.md"), encoding: .utf8)) ?? ""

    /// The combined fixture split at its accelerator title: (POC application, accelerator application).
    static var split: (String, String) {
        let marker = "# Coilwise: Generative AI Accelerator application"
        guard let r = combined.range(of: marker) else { return ("", "") }
        return (String(combined[..<r.lowerBound]), String(combined[r.lowerBound...]))
    }

    func json(_ r: RunResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
    }

    func files(_ r: RunResult) throws -> [[String: Any]] {
        try #require(try json(r)["files"] as? [[String: Any]])
    }

    func rules(_ file: [String: Any]) -> [String] {
        ((file["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
    }

    @Test func profileOptionChoosesTheProfile() throws {
        let dir = try TemporaryDirectory(prefix: "profile")
        let draft = try dir.write("draft.md", "# Acme\n\n## Company overview\n\nAcme raised a seed round.\n")
        let r = try poclint(["lint", "--format", "json", "--profile", "accelerator", draft], in: dir.url)
        #expect(r.exitedNormally && r.status == 1, "\(r)")
        let f = try #require(try files(r).first)
        #expect(f["profile"] as? String == "accelerator")
        #expect((f["prediction"] as? [String: Any])?["profile"] as? String == "accelerator")
        #expect(rules(f).contains("missing-component"))
        let bad = try poclint(["lint", "--profile", "acelerator", draft], in: dir.url)
        #expect(bad.status == 2 && bad.stderrLines.count == 1 && bad.stderr.contains("accelerator"), "\(bad)")
    }

    @Test func minTierGatesEachProfileByItsOwnLadder() throws {
        let lower = repositoryRoot.appendingPathComponent("fixtures/accelerator/lower-median-municipal-permitting.md").path
        let gated = try poclint(["lint", "--fail-on", "never", "--min-tier", "accelerator:median", lower])
        #expect(gated.status == 1 && gated.stderr.contains("predicts lower-median, below --min-tier accelerator:median"), "\(gated)")
        let passes = try poclint(["lint", "--fail-on", "never", "--min-tier", "accelerator:floor", lower])
        #expect(passes.status == 0, "\(passes)")
        // A POC tier the accelerator ladder does not have: exit 2, saying how to gate it.
        let wrong = try poclint(["lint", "--fail-on", "never", "--min-tier", "standard", lower])
        #expect(wrong.status == 2 && wrong.stderr.contains("accelerator:TIER"), "\(wrong)")
        let unknown = try poclint(["lint", "--min-tier", "accelerator:standard", lower])
        #expect(unknown.status == 2 && unknown.stderr.contains("upper-median"), "\(unknown)")
    }

    @Test func twoFilesOfOneFounderAreCompared() throws {
        let (poc, accelerator) = Self.split
        #expect(!poc.isEmpty && !accelerator.isEmpty)
        let dir = try TemporaryDirectory(prefix: "pair")
        try dir.write("poc.md", poc)
        try dir.write("accelerator.md", accelerator)
        let r = try poclint(["lint", "--format", "json", "--fail-on", "never", dir.path], in: dir.url)
        #expect(r.exitedNormally && r.status == 0, "\(r)")
        let fs = try files(r)
        let acc = try #require(fs.first { ($0["path"] as? String)?.hasSuffix("accelerator.md") == true })
        let pocFile = try #require(fs.first { ($0["path"] as? String)?.hasSuffix("poc.md") == true })
        #expect(rules(acc).contains("cross-primary-model") && rules(acc).contains("cross-consumption-budget"))
        #expect(!rules(pocFile).contains { $0.hasPrefix("cross-") })
        let message = ((acc["diagnostics"] as? [[String: Any]]) ?? []).first { $0["rule"] as? String == "cross-consumption-budget" }?["message"] as? String
        #expect(message?.contains("poc.md:") == true, "\(message ?? "")")

        // A second POC application in the folder: whose is whose is unknown, so nothing is compared.
        try dir.write("other-poc.md", poc)
        let ambiguous = try poclint(["lint", "--format", "json", "--fail-on", "never", dir.path], in: dir.url)
        #expect(try files(ambiguous).allSatisfy { !rules($0).contains { $0.hasPrefix("cross-") } })

        // A suppression comment in the accelerator file silences a cross finding.
        try FileManager.default.removeItem(atPath: dir.url.appendingPathComponent("other-poc.md").path)
        try dir.write("accelerator.md", "<!-- poclint-disable-file cross-primary-model -- the POC tests the fallback model -->\n" + accelerator)
        let silenced = try poclint(["lint", "--format", "json", "--fail-on", "never", dir.path], in: dir.url)
        let acc2 = try #require(try files(silenced).first { ($0["path"] as? String)?.hasSuffix("accelerator.md") == true })
        #expect(!rules(acc2).contains("cross-primary-model") && rules(acc2).contains("cross-consumption-budget"))
    }

    @Test func initWritesTheAcceleratorSkeleton() throws {
        let dir = try TemporaryDirectory(prefix: "init")
        let w = try poclint(["init", "--profile", "accelerator", "app.md"], in: dir.url)
        #expect(w.status == 0, "\(w)")
        let r = try poclint(["lint", "--format", "json", "app.md"], in: dir.url)
        let f = try #require(try files(r).first)
        #expect(f["profile"] as? String == "accelerator")
        // Every section is there; what is left is the TODOs and the facts they stand for.
        #expect(!rules(f).contains("missing-component"))
        #expect(rules(f).contains("vague-phrase"))
        let badProfile = try poclint(["init", "--profile", "grant", "x.md"], in: dir.url)
        #expect(badProfile.status == 2, "\(badProfile)")
    }
}
