import ArgumentParser
import Dispatch
import Foundation
import POCLintCore
import POCLintReport

// The streamed report of `poclint lint` (everything but --fix): the files are linted on all
// cores, and each file's part of the report is written as soon as it and the files before it
// are done, then dropped. Kept out of LintCommand.swift, which only calls `lintStreaming`.

extension LintCommand {
    /// Lints on all cores and writes the report file by file, in input order, as the files
    /// are done: each file's source, tree and findings are dropped once its part is written,
    /// so memory does not grow with the run. The bytes are those of `finish` (the reporters'
    /// `render` is the same stream into memory). A file that cannot be read is one line on
    /// stderr, in its place in the order; the others are still reported, and the exit status is 2.
    func lintStreaming(_ inputs: [InputFile], linters: [Linter]) throws {
        let base = reportOptions()
        let reporter = (Reporters.named(format.rawValue) as? any StreamingReporter) ?? TextReporter()
        let stdout = OutputBuffer(fd: STDOUT_FILENO)
        // The report file is written to a temporary file and renamed at the end; when it
        // cannot be created, the run still lints (and names the unreadable inputs), then fails.
        var file: AtomicFile?
        var fileError: String?
        if let output {
            do { file = try AtomicFile(path: output) } catch { fileError = "\(error)" }
        }
        let fileBuffer = file.map { OutputBuffer(fd: $0.fd) }
        var mainOptions = base
        var human: (stream: ReportStream, options: ReportOptions)?
        let main: ReportStream
        if output != nil {
            let sink = fileBuffer
            main = ReportStream(reporter, options: mainOptions) { sink?.write($0) }
            if format != .text && fileError == nil {
                var h = base
                h.color = !noColor && Terminal.wantsColor
                human = (ReportStream(TextReporter(), options: h) { stdout.write($0) }, h)
            }
        } else {
            mainOptions.color = format == .text && !noColor && Terminal.wantsColor
            main = ReportStream(reporter, options: mainOptions) { stdout.write($0) }
        }
        let quiet = quiet
        let humanOptions = human?.options
        let partOptions = mainOptions
        let state = StreamState(main: main, human: human?.stream)
        LintRun.stream(inputs, linters: linters, prepare: { result in
            var r = result
            if quiet { r = r.filtered { $0.severity == .error } }
            let report = FileReport(path: r.path, result: r)
            return (ReportStream.part(reporter, report, options: partOptions),
                    humanOptions.map { ReportStream.part(TextReporter(), report, options: $0) })
        }, emit: { outcome in
            state.emit(outcome, stdout: stdout)
        })
        let failures = state.failures
        if failures > 0 && main.summaries.isEmpty {
            stdout.flush()
            file?.abort()
            throw ExitCode(2)
        }
        if let fileError {
            stdout.flush()
            throw CLIError("\(output!): cannot write the report: \(fileError)")
        }
        main.finish()
        if let file, let fileBuffer {
            do {
                try fileBuffer.flushOrThrow()
                try file.commit()
            } catch {
                file.abort()
                stdout.flush()
                throw CLIError("\(output!): cannot write the report: \(error)")
            }
        }
        human?.stream.finish()
        stdout.flush()
        let summaries = main.summaries
        if output == nil && format != .text && !quiet {
            let counts = SeverityCounts(summaries: summaries)
            FileHandle.standardError.write(Data("poclint: \(summaries.count) file\(summaries.count == 1 ? "" : "s") linted: \(counts.phrase)\n".utf8))
        }
        do {
            try exitStatus(summaries)
        } catch let code as ExitCode where code == ExitCode(1) && failures > 0 {
            throw ExitCode(2)
        }
        if failures > 0 { throw ExitCode(2) }
    }
}

/// A file being written atomically: bytes go to `fd` (a temporary file beside the target),
/// `commit` renames it over the target, `abort` removes it. A target that exists and is not
/// a regular file (/dev/null, /dev/stdout, a pipe) is written as it is, never renamed over.
final class AtomicFile {
    let path: String
    let fd: Int32
    /// The temporary file; nil when writing to the target itself.
    private let temp: String?
    private var closed = false

    init(path: String) throws(AtomicWriter.Failure) {
        self.path = path
        var existing = stat()
        if stat(path, &existing) == 0 && (existing.st_mode & S_IFMT) != S_IFREG {
            fd = open(path, O_WRONLY)
            guard fd >= 0 else { throw AtomicWriter.Failure(description: String(cString: strerror(errno))) }
            temp = nil
            return
        }
        let dir = PathUtil.parent(PathUtil.absolute(path, relativeTo: FileManager.default.currentDirectoryPath))
        let name = URL(fileURLWithPath: path).lastPathComponent
        var template = Array("\(dir)/.\(name).poclint-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw AtomicWriter.Failure(description: String(cString: strerror(errno))) }
        temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { abort() }

    /// Gives the file the target's permissions (0644 for a new one), syncs it and renames it
    /// over the target.
    func commit() throws(AtomicWriter.Failure) {
        guard !closed else { return }
        closed = true
        guard let temp else {
            close(fd)
            return
        }
        var ok = true
        var st = stat()
        if stat(path, &st) == 0 { fchmod(fd, st.st_mode & 0o7777) } else { fchmod(fd, 0o644) }
        if fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(temp, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temp)
            throw AtomicWriter.Failure(description: message)
        }
    }

    /// Closes and removes the temporary file; the target is left as it was.
    func abort() {
        guard !closed else { return }
        closed = true
        close(fd)
        if let temp { unlink(temp) }
    }
}

/// Bytes on their way to a file descriptor, written in blocks of 64 KiB. The first write
/// error is kept (`flushOrThrow`); later bytes are dropped.
final class OutputBuffer: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var error: Int32?

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        if error == nil && !buffer.isEmpty { error = Self.writeAll(fd, buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    func flushOrThrow() throws(AtomicWriter.Failure) {
        flush()
        if let error { throw AtomicWriter.Failure(description: String(cString: strerror(error))) }
    }

    /// Writes every byte; the errno of a failure, or nil.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { buf -> Int32? in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n < 0 ? errno : EIO }
                off += n
            }
            return nil
        }
    }
}

/// The report streams of a run and what the end of the run needs; `emit` is called by
/// `LintRun.stream` for one file at a time, in input order.
final class StreamState: @unchecked Sendable {
    let main: ReportStream
    let human: ReportStream?
    private(set) var failures = 0

    init(main: ReportStream, human: ReportStream?) {
        self.main = main
        self.human = human
    }

    func emit(_ outcome: Result<(StreamPart, StreamPart?), InputError>, stdout: OutputBuffer) {
        switch outcome {
        case .success(let parts):
            main.add(parts.0)
            if let h = parts.1 { human?.add(h) }
        case .failure(let error):
            failures += 1
            stdout.flush()
            FileHandle.standardError.write(Data("poclint: \(error.description)\n".utf8))
        }
    }
}

extension LintRun {
    /// Lints on all cores and hands each file's outcome to `emit` in input order, one at a
    /// time, as soon as it and every file before it are done. `prepare` turns a result into
    /// what is kept (on the worker's thread); the result itself is dropped there.
    ///
    /// The cross-file comparison of `CrossFiles` is made on the way: in a folder that ends up
    /// with exactly one single-application POC file and one accelerator file, the accelerator
    /// file gets the findings of comparing the two. Such an accelerator file is held (its
    /// compacted result, not its part) until every file of its folder is linted, and the files
    /// after it wait behind it; a folder keeps at most one result of each profile meanwhile.
    static func stream<P: Sendable>(_ inputs: [InputFile], linters: [Linter],
                                    prepare: @escaping @Sendable (LintResult) -> P,
                                    emit: @escaping @Sendable (Result<P, InputError>) -> Void) {
        let names = inputs.map { $0.isStdin ? "<stdin>" : $0.path }
        let slots = OrderedSlots<P>(names: names, linters: linters, prepare: prepare, emit: emit)
        let lintOne: @Sendable (Int) -> Void = { i in
            let outcome: Result<OrderedSlots<P>.Slot, InputError>
            do throws(InputError) {
                let bytes = try FileCollector.read(inputs[i])
                let result = try linters[i].lint(bytes: bytes, path: names[i])
                switch slots.role(i, result) {
                case .accelerator: outcome = .success(.held(result.compacted()))
                case .poc: outcome = .success(.ready(prepare(result), kept: result.compacted()))
                case .none: outcome = .success(.ready(prepare(result), kept: nil))
                }
            } catch {
                outcome = .failure(error)
            }
            slots.put(i, outcome)
        }
        if inputs.count > 1 {
            DispatchQueue.concurrentPerform(iterations: inputs.count, execute: lintOne)
        } else if inputs.count == 1 {
            lintOne(0)
        }
    }
}

/// Outcomes that arrive in any order, handed on in input order: whoever completes the next
/// one in line emits it and every ready one after it, under a lock. Keeps, per folder of two
/// files or more, what `CrossFiles` needs (see `LintRun.stream`).
private final class OrderedSlots<P: Sendable>: @unchecked Sendable {
    enum Slot: @unchecked Sendable {
        /// Rendered; `kept` is the compacted result of a POC file its folder may compare with.
        case ready(P, kept: LintResult?)
        /// An accelerator file rendered once its folder is complete.
        case held(LintResult)
    }

    enum Role { case none, poc, accelerator }

    private struct Folder {
        var remaining: Int
        var poc: [Int] = []
        var accelerator: [Int] = []
        /// The POC file's compacted result, while a comparison may still need it.
        var pocResult: LintResult?
        /// More than one file of a profile: no comparison in this folder.
        var none: Bool { poc.count > 1 || accelerator.count > 1 }
    }

    private var slots: [Result<Slot, InputError>?]
    private var next = 0
    private let lock = NSLock()
    private let names: [String]
    private let linters: [Linter]
    private let prepare: @Sendable (LintResult) -> P
    private let emit: @Sendable (Result<P, InputError>) -> Void
    /// For each input, its folder's index in `folders` when the folder holds two inputs or more.
    private let folderOf: [Int?]
    private var folders: [Folder] = []

    init(names: [String], linters: [Linter], prepare: @escaping @Sendable (LintResult) -> P,
         emit: @escaping @Sendable (Result<P, InputError>) -> Void) {
        slots = Array(repeating: nil, count: names.count)
        self.names = names
        self.linters = linters
        self.prepare = prepare
        self.emit = emit
        var members: [String: [Int]] = [:]
        for (i, name) in names.enumerated() where name != "-" && name != "<stdin>" {
            members[PathUtil.parent(name), default: []].append(i)
        }
        var folderOf = [Int?](repeating: nil, count: names.count)
        for (_, list) in members.sorted(by: { $0.key < $1.key }) where list.count >= 2 {
            for i in list { folderOf[i] = folders.count }
            folders.append(Folder(remaining: list.count))
        }
        self.folderOf = folderOf
    }

    /// What a linted file is to its folder's comparison (read-only: safe on any thread).
    func role(_ i: Int, _ result: LintResult) -> Role {
        guard folderOf[i] != nil, result.parts.count == 1 else { return .none }
        switch result.profile {
        case "poc": return .poc
        case "accelerator": return .accelerator
        default: return .none
        }
    }

    func put(_ i: Int, _ outcome: Result<Slot, InputError>) {
        lock.lock()
        defer { lock.unlock() }
        slots[i] = outcome
        if let f = folderOf[i] {
            folders[f].remaining -= 1
            switch outcome {
            case .success(.ready(_, let kept?)):
                folders[f].poc.append(i)
                folders[f].pocResult = folders[f].poc.count == 1 ? kept : nil
            case .success(.held):
                folders[f].accelerator.append(i)
            default: break
            }
            if folders[f].none || (folders[f].remaining == 0 && folders[f].accelerator.isEmpty) {
                folders[f].pocResult = nil
            }
        }
        while next < slots.count, let ready = slots[next] {
            switch ready {
            case .failure(let e):
                emit(.failure(e))
            case .success(.ready(let part, _)):
                emit(.success(part))
            case .success(.held(let result)):
                let f = folderOf[next]!
                guard folders[f].none || folders[f].remaining == 0 else { return }
                var final = result
                if !folders[f].none, folders[f].poc.count == 1, folders[f].accelerator.count == 1,
                   let poc = folders[f].pocResult {
                    let found = linters[next].compare(result, with: poc, otherPath: names[folders[f].poc[0]])
                    if !found.isEmpty { final = result.adding(found) }
                }
                folders[f].pocResult = nil
                emit(.success(prepare(final)))
            }
            slots[next] = nil
            next += 1
        }
    }
}
