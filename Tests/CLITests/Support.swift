import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shared corpus (`../shared/corpus` from the repository), or nil when it is not there.
let corpusRoot: URL? = {
    let candidates = [
        ProcessInfo.processInfo.environment["POCLINT_CORPUS"].map { URL(fileURLWithPath: $0) },
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus"),
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0.path) }
}()

/// Directory of the running test executable (where `swift test` also puts the `poclint` it built).
private let testProductsDirectory: URL? = {
    #if os(Linux)
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
    }
    #endif
    return Bundle.main.executableURL?.deletingLastPathComponent()
}()

/// An executable built by this package: `$ENV` if set, else the one `swift test` built next to
/// the test bundle (so `--scratch-path` builds test their own binary), else `.build/debug/NAME`.
func builtExecutable(_ name: String, env: String) -> String {
    if let path = ProcessInfo.processInfo.environment[env], !path.isEmpty { return path }
    if let dir = testProductsDirectory {
        let sibling = dir.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
    }
    return repositoryRoot.appendingPathComponent(".build/debug/" + name).path
}

/// The `poclint` binary under test.
let poclintBinary = builtExecutable("poclint", env: "POCLINT")

/// How long any one run of the binary may take before it is killed and the test fails.
/// Generous on purpose: it catches hangs, it does not measure speed (the benchmark does).
/// Under AddressSanitizer (`make test-asan` sets ASAN_OPTIONS) everything runs several
/// times slower, and the guard grows with it.
let hangTimeout: TimeInterval = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil ? 30 : 120

/// What a run of the binary did.
struct RunResult: CustomStringConvertible {
    var status: Int32
    /// The signal that ended the process, if one did (a crash, or our kill on a hang).
    var signal: Int32?
    var timedOut: Bool
    /// The hang guard the run had.
    var timeout: TimeInterval
    var stdoutData: Data
    var stderrData: Data

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// The lines of stderr, without empty ones.
    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: true) }

    /// Whether the run ended by itself, with an exit status (no hang, no crash, no sanitizer report).
    var exitedNormally: Bool {
        !timedOut && signal == nil && !stderr.contains("Sanitizer") && !stderr.contains("Fatal error")
    }

    var description: String {
        let how = timedOut ? "killed after \(Int(timeout)) s (hang)" : signal.map { "killed by signal \($0)" } ?? "exit \(status)"
        return "\(how)\n--- stderr:\n\(stderr.prefix(2000))\n--- stdout (first 2000 bytes):\n\(stdout.prefix(2000))"
    }
}

/// Runs an executable with a hard timeout, stdout and stderr captured through files (no pipe
/// can fill up and block the child), optionally with a file as stdin. Uses `posix_spawn`
/// directly: Foundation's `Process` leaks on Linux, which LeakSanitizer (`make test-asan`)
/// would report against this harness.
func runProcess(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                stdin stdinPath: String? = nil, environment extra: [String: String] = [:],
                timeout: TimeInterval = hangTimeout) throws -> RunResult {
    let scratch = try TemporaryDirectory(prefix: "run")
    let outPath = scratch.path + "/stdout"
    let errPath = scratch.path + "/stderr"

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in extra { env[k] = v }
    // A working directory is set by a shell that then execs the program (posix_spawn's
    // chdir action is not exported to Swift on every libc).
    let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path, executable] } ?? [executable]
    let argv = (command + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
    guard spawned == 0 else {
        throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable])
    }

    // Poll for the exit; kill on the deadline. The poll is a hang guard, not a measurement.
    var status: Int32 = 0
    var timedOut = false
    let deadline = Date(timeIntervalSinceNow: timeout)
    while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { break }
        if r < 0 && errno != EINTR { break }
        if Date() > deadline {
            timedOut = true
            kill(pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            break
        }
        usleep(2_000)
    }
    let signaled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
    return RunResult(status: signaled ? -1 : (status >> 8) & 0xFF,
                     signal: signaled && !timedOut ? status & 0x7F : nil,
                     timedOut: timedOut,
                     timeout: timeout,
                     stdoutData: Data(readBytes(outPath)),
                     stderrData: Data(readBytes(errPath)))
}

/// The bytes of a file (empty when it cannot be read).
func readBytes(_ path: String) -> [UInt8] {
    guard let f = fopen(path, "rb") else { return [] }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 1 << 16, f) }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return bytes
}

/// Runs `poclint` with the arguments.
func poclint(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil,
             environment: [String: String] = [:], timeout: TimeInterval = hangTimeout) throws -> RunResult {
    try #require(FileManager.default.isExecutableFile(atPath: poclintBinary),
                 "no poclint binary at \(poclintBinary): run `swift build` first or set POCLINT")
    return try runProcess(poclintBinary, arguments, in: directory, stdin: stdin, environment: environment, timeout: timeout)
}

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init(prefix: String = "poclint") throws {
        var base = NSTemporaryDirectory()
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var template = Array((base + "/\(prefix)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else { throw CocoaError(.fileWriteUnknown) }
        url = URL(fileURLWithPath: String(cString: made))
    }

    var path: String { url.path }

    /// Writes bytes to a file in the directory (subfolders created) and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    deinit {
        // Restore permissions a test may have taken away so that everything can be removed.
        if let e = FileManager.default.enumerator(atPath: url.path) {
            for case let rel as String in e { chmod(url.appendingPathComponent(rel).path, 0o755) }
        }
        try? FileManager.default.removeItem(at: url)
    }
}

/// The `file:line:col: ...` headers of a text report, with the file name replaced by `F`, so
/// that two runs over differently encoded copies of one document can be compared. Other
/// lines (snippets, the prediction, the summary) are left out.
func diagnosticHeaders(_ output: String, path: String) -> [String] {
    output.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix(path + ":") else { return nil }
        let rest = line.dropFirst(path.count)
        guard rest.range(of: #"^:[0-9]+:[0-9]+: "#, options: .regularExpression) != nil else { return nil }
        return "F" + rest
    }
}

/// A document with all five components, vague in places, with multibyte text before the vague
/// phrases so that columns in characters, UTF-16 units and bytes all differ.
let sampleApplication = """
# Claims drafting assistant — “Draftwise” 🚀

## Use case

Résumé: we want to — 🚀 bring generative AI into our platform for claims adjusters.

## Model selection

We use Claude Sonnet 4 on Amazon Bedrock; it scored 4 points above Claude Haiku on our 300-example set.

## Evaluation plan

The team will review outputs. A 300-example test set labelled by our adjusters, run weekly; pass at F1 ≥ 0.85.

## Budget

| item | monthly |
|---|---|
| Bedrock inference (10M input + 2M output tokens a day on Claude Sonnet 4) | $1,800 |
| OpenSearch Serverless | $700 |
| Total | $2,500 |

## Timeline

A 90-day POC: mid-point review at day 45 against the F1 threshold; go/no-go at day 90.

"""
