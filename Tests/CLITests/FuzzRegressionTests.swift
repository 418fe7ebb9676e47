import Foundation
import Testing

/// Inputs the fuzzer once broke poclint with, kept in `fuzz/regressions/`, replayed through
/// the same pipeline the fuzzer runs (`POCLintFuzz FILE...`: decoder, every rule, every
/// output format, the range invariants) and through the binary in every output format.
@Suite struct FuzzRegressionTests {
    static let directory = repositoryRoot.appendingPathComponent("fuzz/regressions")

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".txt") }.sorted()
    }()

    static let replayBinary = builtExecutable("POCLintFuzz", env: "POCLINT_FUZZ_REPLAY")

    @Test func regressionInputsAreReplayedThroughTheFuzzPipeline() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.replayBinary),
                     "no POCLintFuzz at \(Self.replayBinary): run `swift build` first")
        guard !Self.inputs.isEmpty else { return }
        let paths = Self.inputs.map { Self.directory.appendingPathComponent($0).path }
        let r = try runProcess(Self.replayBinary, paths)
        #expect(r.exitedNormally && r.status == 0, "\(r)")
        #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == paths.count, "\(r)")
    }

    @Test(arguments: inputs)
    func regressionInputKeepsEveryRangeInsideTheText(_ name: String) throws {
        let bytes = readBytes(Self.directory.appendingPathComponent(name).path)
        let problems = lintAndCheck(bytes, name: name)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(arguments: inputs)
    func regressionInputLintsThroughTheBinary(_ name: String) throws {
        let path = Self.directory.appendingPathComponent(name).path
        for format in try outputFormats() {
            let r = try poclint(["lint", "--format", format, "--fail-on", "never", path])
            #expect(r.exitedNormally, "\(name) --format \(format): \(r)")
            #expect(r.status == 0 || r.status == 2, "\(name) --format \(format): \(r)")
        }
    }
}
