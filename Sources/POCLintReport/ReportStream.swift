import POCLintCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the end of a report needs to know about one file once its part is written: a few
/// numbers and strings, never the source, the tree or the findings.
public struct FileSummary: Sendable {
    /// The path as the report shows it.
    public let path: String
    /// The file's findings by severity (after any filtering the run applied).
    public let counts: SeverityCounts
    /// The profile and predicted tier of each part, when the linter has a predictor.
    public let tiers: [(profile: String, tier: Tier)]
    /// How many parts (applications) the document holds.
    public let parts: Int
    /// The file's rows of the scorecard table (text output), one per prediction.
    public let rows: [Scorecard.Row]

    public init(_ file: FileReport) {
        path = file.path
        counts = SeverityCounts(file.result.diagnostics)
        let predictions = file.result.predictions
        parts = file.result.parts.count
        tiers = predictions.map { ($0.profile, $0.tier) }
        let multi = parts > 1
        rows = predictions.map { Scorecard.Row(multi ? "\(file.path) (\($0.profile))" : file.path, $0) }
    }
}

/// One file's share of a streamed report, rendered on any thread from that file alone.
public struct StreamPart: Sendable {
    /// Written at once, in input order (between the header and the footer).
    public var bytes: [UInt8]
    /// Kept until the footer (SARIF's per-file predictions come after every result).
    public var deferred: [UInt8]
    public var summary: FileSummary

    public init(bytes: [UInt8], deferred: [UInt8] = [], summary: FileSummary) {
        self.bytes = bytes
        self.deferred = deferred
        self.summary = summary
    }
}

/// A reporter whose output is written file by file while the run goes on: a header, one part
/// per file in input order (separated by `streamSeparator` when both are non-empty), then a
/// footer made from the files' summaries. `render` is the same stream into memory, so the
/// two always give the same bytes.
public protocol StreamingReporter: Reporter, Sendable {
    /// The bytes before the first file's part.
    func streamHeader(_ options: ReportOptions) -> [UInt8]
    /// One file's part and its deferred bytes (empty when the format has none).
    func streamPart(_ file: FileReport, _ options: ReportOptions) -> (bytes: [UInt8], deferred: [UInt8])
    /// Written between two non-empty parts, and between two non-empty deferred parts.
    var streamSeparator: [UInt8] { get }
    /// The bytes after the last part, written through `write`.
    func streamFooter(_ run: StreamedRun, _ options: ReportOptions, _ write: ([UInt8]) -> Void)
}

/// What a footer is made from.
public struct StreamedRun {
    /// The summary of every file written, in order.
    public let files: [FileSummary]
    /// Whether any non-empty part was written.
    public let wroteParts: Bool
    /// The deferred parts, joined by the separator.
    public let deferred: Spool

    public var counts: SeverityCounts { SeverityCounts(summaries: files) }
}

/// Writes one report through `sink` as the files come, in the order they are added. Not
/// thread-safe: render parts anywhere (`ReportStream.part`), add them from one thread at a time.
public final class ReportStream {
    private let reporter: any StreamingReporter
    private let options: ReportOptions
    private let sink: ([UInt8]) -> Void
    private var started = false
    private var wroteParts = false
    private var deferred: Spool
    public private(set) var summaries: [FileSummary] = []

    /// `spoolLimit`: bytes of deferred parts kept in memory before they go to a temporary file.
    public init(_ reporter: any StreamingReporter, options: ReportOptions, spoolLimit: Int = 1 << 20,
                sink: @escaping ([UInt8]) -> Void) {
        self.reporter = reporter
        self.options = options
        self.sink = sink
        deferred = Spool(limit: spoolLimit)
    }

    /// A file's part: safe to call on any thread.
    public static func part(_ reporter: any StreamingReporter, _ file: FileReport, options: ReportOptions) -> StreamPart {
        let p = reporter.streamPart(file, options)
        return StreamPart(bytes: p.bytes, deferred: p.deferred, summary: FileSummary(file))
    }

    /// Writes the header on the first call, then the file's part.
    public func add(_ part: StreamPart) {
        start()
        if !part.bytes.isEmpty {
            if wroteParts { write(reporter.streamSeparator) }
            write(part.bytes)
            wroteParts = true
        }
        if !part.deferred.isEmpty {
            if !deferred.isEmpty { deferred.append(reporter.streamSeparator) }
            deferred.append(part.deferred)
        }
        summaries.append(part.summary)
    }

    /// Writes the footer (and the header, when no file was added).
    public func finish() {
        start()
        reporter.streamFooter(StreamedRun(files: summaries, wroteParts: wroteParts, deferred: deferred), options) { write($0) }
        deferred = Spool(limit: 0)
    }

    private func start() {
        guard !started else { return }
        started = true
        write(reporter.streamHeader(options))
    }

    private func write(_ bytes: [UInt8]) {
        if !bytes.isEmpty { sink(bytes) }
    }

    /// The whole report in memory (what `Reporter.render` returns).
    public static func render(_ reporter: any StreamingReporter, _ files: [FileReport], options: ReportOptions) -> String {
        var out: [UInt8] = []
        let stream = ReportStream(reporter, options: options) { out.append(contentsOf: $0) }
        for f in files { stream.add(part(reporter, f, options: options)) }
        stream.finish()
        return String(decoding: out, as: UTF8.self)
    }
}

/// Bytes kept for later: in memory up to `limit`, then in an unlinked temporary file
/// (`tmpfile`), so that a report's deferred part does not grow the process with the run.
/// Falls back to memory when no temporary file can be written.
public final class Spool {
    private var memory: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private var spilled = 0
    private var noFile = false
    private let limit: Int
    public private(set) var count = 0

    public init(limit: Int = 1 << 20) {
        self.limit = limit
    }

    deinit {
        if let file { fclose(file) }
    }

    public var isEmpty: Bool { count == 0 }

    public func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        count += bytes.count
        memory.append(contentsOf: bytes)
        if memory.count >= limit && !noFile { spill() }
    }

    /// Moves what is in memory to the file.
    private func spill() {
        if file == nil {
            file = tmpfile()
            if file == nil { noFile = true; return }
        }
        let fd = fileno(file!)
        let ok = memory.withUnsafeBytes { buf -> Bool in
            var off = 0
            while off < buf.count {
                let n = pwrite(fd, buf.baseAddress! + off, buf.count - off, off_t(spilled + off))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        if ok {
            spilled += memory.count
            memory.removeAll(keepingCapacity: true)
        } else {
            // Keep everything in memory from now on: read back what the file holds.
            var back = [UInt8](repeating: 0, count: spilled)
            let read = back.withUnsafeMutableBytes { readAll(fd, $0) }
            if read { memory = back + memory }
            fclose(file!)
            file = nil
            spilled = 0
            noFile = true
            precondition(read, "poclint: cannot read back a temporary file")
        }
    }

    private func readAll(_ fd: Int32, _ buf: UnsafeMutableRawBufferPointer, from start: Int = 0) -> Bool {
        var off = 0
        while off < buf.count {
            let n = pread(fd, buf.baseAddress! + off, buf.count - off, off_t(start + off))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            off += n
        }
        return true
    }

    /// Calls `body` with the bytes in order, in chunks.
    public func forEachChunk(_ body: ([UInt8]) -> Void) {
        if let file, spilled > 0 {
            let fd = fileno(file)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var at = 0
            while at < spilled {
                let n = min(chunk.count, spilled - at)
                if n < chunk.count { chunk = [UInt8](repeating: 0, count: n) }
                let ok = chunk.withUnsafeMutableBytes { readAll(fd, $0, from: at) }
                precondition(ok, "poclint: cannot read back a temporary file")
                body(chunk)
                at += n
            }
        }
        if !memory.isEmpty { body(memory) }
    }
}
