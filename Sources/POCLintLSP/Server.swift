import Dispatch
import Foundation
import POCLintCore
import POCLintReport
import POCLintRules

/// JSON-RPC and LSP error codes.
enum ErrorCode {
    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let internalError = -32603
    static let serverNotInitialized = -32002
    static let requestCancelled = -32800
}

/// The poclint language server: LSP 3.17 over a pair of file descriptors.
///
/// Threads: the caller's thread reads and handles messages in order; linting, pull
/// diagnostics, code actions and hover run on one serial queue; a lock guards the state;
/// the writer serializes output. Pushed diagnostics are debounced per document and are
/// published only while the text they were computed from is still the latest.
public final class LanguageServer: @unchecked Sendable {
    public struct Options: Sendable {
        /// Pause in typing, in seconds, after which the diagnostics of the latest text are pushed.
        public var debounce: Double = 0.075
        public var report = ReportOptions()
        public var verbose = false
        /// The engine for a configuration: every rule and the outcome prediction.
        public var linter: @Sendable (Configuration) -> Linter = { RuleRegistry.linter($0) }
        public init() {}
    }

    enum Phase { case uninitialized, running, shutDown }

    struct OpenDocument {
        var uri: String
        var path: String?
        var version: Int?
        var bytes: [UInt8]
        /// Whether poclint lints it (Markdown); other documents are tracked, never linted.
        var isMarkdown: Bool
        var generation: Int
        var cache: LintSnapshot?
    }

    private let options: Options
    private let configuration: any ConfigurationProvider
    private let writer: FrameWriter
    private var reader: FrameReader
    private let log: ErrorLog
    private let queue = DispatchQueue(label: "poclint.lsp.lint", qos: .userInitiated)
    private let lock = NSLock()

    // State, guarded by `lock`.
    private var phase = Phase.uninitialized
    private var pullMode = false
    private var refreshSupport = false
    private var watchRegistration = false
    private var documents: [String: OpenDocument] = [:]
    private var pending: Set<JSON> = []
    private var scheduled: [String: DispatchWorkItem] = [:]
    /// When each document last changed (uptime nanoseconds), for the debounce.
    private var lastChange: [String: UInt64] = [:]
    private var counter = 0
    private var outgoing = 0
    private var shownProblems: Set<String> = []

    public init(input: Int32 = 0, output: Int32 = 1, options: Options = Options(),
                configuration: any ConfigurationProvider = ConfigLoaderProvider()) {
        self.options = options
        self.configuration = configuration
        self.writer = FrameWriter(fileDescriptor: output)
        self.reader = FrameReader(fileDescriptor: input)
        self.log = ErrorLog(verbose: options.verbose)
    }

    /// Serves until `exit` or the end of input; returns the process exit status:
    /// 0 after `shutdown`, 1 otherwise.
    public func run() -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        while true {
            switch reader.next() {
            case .endOfInput:
                let status: Int32 = locked { phase == .shutDown } ? 0 : 1
                log.debug("input closed; exiting with status \(status)")
                return status
            case .badHeader(let problem):
                log.error("skipped a message: \(problem)")
            case .message(let body):
                if let status = handle(body) { return status }
            }
        }
    }

    // MARK: - Dispatch

    /// Handles one message; returns an exit status when the server must stop.
    func handle(_ body: [UInt8]) -> Int32? {
        let message: JSON
        do {
            message = try JSON.parse(body)
        } catch {
            log.error("parse error: \(error)")
            respondError(.null, ErrorCode.parseError, "Parse error: \(error)")
            return nil
        }
        guard case .object(let fields) = message else {
            respondError(.null, ErrorCode.invalidRequest, "a message must be a JSON object")
            return nil
        }
        let id = fields["id"]
        guard let method = fields["method"]?.string else {
            if id != nil && (fields["result"] != nil || fields["error"] != nil) { return nil }  // a client's response
            respondError(id ?? .null, ErrorCode.invalidRequest, "a request needs a method")
            return nil
        }
        let params = fields["params"] ?? .null
        if let id {
            switch id {
            case .int, .string, .null: break
            default:
                respondError(.null, ErrorCode.invalidRequest, "a request id is a number or a string")
                return nil
            }
            request(id, method, params)
            return nil
        }
        return notification(method, params)
    }

    private func request(_ id: JSON, _ method: String, _ params: JSON) {
        let phase = locked { self.phase }
        switch phase {
        case .uninitialized where method != "initialize":
            respondError(id, ErrorCode.serverNotInitialized, "the server is not initialized; send 'initialize' first")
            return
        case .shutDown:
            respondError(id, ErrorCode.invalidRequest, "the server is shut down; only 'exit' is accepted")
            return
        default: break
        }
        switch method {
        case "initialize": initialize(id, params)
        case "shutdown": shutdown(id)
        case "textDocument/diagnostic":
            documentRequest(id, params) { uri throws(RequestError) in try self.pullDiagnostics(uri, params) }
        case "textDocument/codeAction":
            documentRequest(id, params) { uri throws(RequestError) in try self.codeActions(uri, params) }
        case "textDocument/hover":
            documentRequest(id, params) { uri throws(RequestError) in try self.hover(uri, params) }
        default: respondError(id, ErrorCode.methodNotFound, "method not found: \(method)")
        }
    }

    private func notification(_ method: String, _ params: JSON) -> Int32? {
        if method == "exit" {
            let status: Int32 = locked { phase == .shutDown } ? 0 : 1
            log.debug("exit with status \(status)")
            return status
        }
        guard locked({ phase == .running }) else { return nil }
        switch method {
        case "initialized": initialized()
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didSave": didSave(params)
        case "textDocument/didClose": didClose(params)
        case "workspace/didChangeConfiguration": configurationChanged("configuration changed")
        case "workspace/didChangeWatchedFiles":
            let changes = params["changes"]?.array ?? []
            if changes.contains(where: { ($0["uri"]?.string).map(isConfigURI) ?? false }) {
                configurationChanged("a .poclint.yml changed")
            }
        case "$/cancelRequest": cancel(params["id"])
        default: break  // unknown notifications, `$/setTrace` and the like are ignored
        }
        return nil
    }

    // MARK: - Lifecycle

    private func initialize(_ id: JSON, _ params: JSON) {
        let already = locked { () -> Bool in
            guard phase == .uninitialized else { return true }
            let caps = params["capabilities"]
            let pull = caps?["textDocument"]?["diagnostic"]
            pullMode = pull != nil && pull != .null
            refreshSupport = caps?["workspace"]?["diagnostics"]?["refreshSupport"]?.bool ?? false
            watchRegistration = caps?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.bool ?? false
            phase = .running
            return false
        }
        if !already {
            let folder = params["workspaceFolders"]?.array?.first?["uri"]?.string
            let root = (folder ?? params["rootUri"]?.string).flatMap(Self.path(of:)) ?? params["rootPath"]?.string
            queue.async { self.configuration.setWorkspaceRoot(root) }
        }
        if already {
            respondError(id, ErrorCode.invalidRequest, "initialize was already received")
            return
        }
        let capabilities: JSON = .object([
            "positionEncoding": .string("utf-16"),
            "textDocumentSync": .object([
                "openClose": .bool(true),
                "change": .int(2),
                "save": .object(["includeText": .bool(false)]),
            ]),
            "diagnosticProvider": .object([
                "identifier": .string("poclint"),
                "interFileDependencies": .bool(false),
                "workspaceDiagnostics": .bool(false),
            ]),
            "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
            "hoverProvider": .bool(true),
        ])
        respond(id, .object([
            "capabilities": capabilities,
            "serverInfo": .object(["name": .string(POCLint.name), "version": .string(POCLint.version)]),
        ]))
        let mode = locked { pullMode } ? "pull" : "push"
        log.debug("initialized (\(mode) diagnostics)")
    }

    private func initialized() {
        // Ask the client to tell us about `.poclint.yml` changes, when it can watch files for us.
        guard locked({ watchRegistration }) else { return }
        sendRequest("client/registerCapability", .object(["registrations": .array([.object([
            "id": .string("poclint-config-watcher"),
            "method": .string("workspace/didChangeWatchedFiles"),
            "registerOptions": .object(["watchers": .array([
                .object(["globPattern": .string("**/\(configFileName)")]),
            ])]),
        ])])]))
    }

    private func shutdown(_ id: JSON) {
        locked {
            phase = .shutDown
            for item in scheduled.values { item.cancel() }
            scheduled = [:]
        }
        respond(id, .null)
    }

    // MARK: - Documents

    private func didOpen(_ params: JSON) {
        guard let item = params["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else {
            log.error("didOpen without textDocument.uri and text")
            return
        }
        let language = item["languageId"]?.string ?? ""
        let path = Self.path(of: uri)
        let isMarkdown = !isConfigURI(uri) && (Self.markdownLanguages.contains(language.lowercased())
            || Self.markdownExtensions.contains { uri.lowercased().hasSuffix($0) })
        let push = locked { () -> Bool in
            counter += 1
            documents[uri] = OpenDocument(uri: uri, path: path, version: item["version"]?.int, bytes: Array(text.utf8),
                                          isMarkdown: isMarkdown, generation: counter, cache: nil)
            return !pullMode && isMarkdown
        }
        if push { schedulePush(uri, after: 0) }
    }

    private func didChange(_ params: JSON) {
        guard let uri = params["textDocument"]?["uri"]?.string, let changes = params["contentChanges"]?.array else {
            log.error("didChange without textDocument.uri and contentChanges")
            return
        }
        let parsed = changes.compactMap(TextChanges.Change.init)
        if parsed.count != changes.count { log.error("didChange: skipped \(changes.count - parsed.count) malformed changes") }
        let push = locked { () -> Bool in
            guard var doc = documents[uri] else { return false }
            doc.bytes = TextChanges.apply(parsed, to: doc.bytes)
            doc.version = params["textDocument"]?["version"]?.int ?? doc.version
            counter += 1
            doc.generation = counter
            doc.cache = nil
            documents[uri] = doc
            return !pullMode && doc.isMarkdown
        }
        guard push else { return }
        // Leading and trailing edge: the first change after a pause is linted at once (a
        // single edit shows its result without waiting); changes that follow it closely are
        // coalesced until the typing pauses for `debounce`.
        let now = DispatchTime.now().uptimeNanoseconds
        let paused = locked { () -> Bool in
            let last = lastChange[uri]
            lastChange[uri] = now
            return last.map { now - $0 >= UInt64(options.debounce * 1e9) } ?? true
        }
        schedulePush(uri, after: paused ? 0 : options.debounce)
    }

    private func didSave(_ params: JSON) {
        guard let uri = params["textDocument"]?["uri"]?.string else { return }
        if isConfigURI(uri) {
            configurationChanged("\(configFileName) saved")
        } else if locked({ !pullMode && documents[uri]?.isMarkdown == true }) {
            schedulePush(uri, after: 0)  // now rather than after the debounce; unchanged text comes from the cache
        }
    }

    private func didClose(_ params: JSON) {
        guard let uri = params["textDocument"]?["uri"]?.string else { return }
        locked {
            scheduled.removeValue(forKey: uri)?.cancel()
            lastChange.removeValue(forKey: uri)
            guard let doc = documents.removeValue(forKey: uri) else { return }
            // Under the lock, so that no lint finishing now can publish after this.
            if !pullMode && doc.isMarkdown { publish(uri, version: nil, []) }
        }
    }

    private func configurationChanged(_ why: String) {
        log.debug("\(why): linting open documents again")
        queue.async { self.configuration.invalidate() }
        let (uris, refresh) = locked { () -> ([String], Bool) in
            shownProblems = []
            for uri in documents.keys {
                counter += 1
                documents[uri]!.generation = counter
                documents[uri]!.cache = nil
            }
            if pullMode { return ([], refreshSupport) }
            return (documents.values.filter(\.isMarkdown).map(\.uri), false)
        }
        for uri in uris { schedulePush(uri, after: 0) }
        if refresh { sendRequest("workspace/diagnostic/refresh", .null) }
    }

    // MARK: - Linting

    /// The lint of the document's current text, from the cache when nothing changed. Runs on `queue`.
    private func snapshot(_ uri: String) -> LintSnapshot? {
        guard let doc = locked({ documents[uri] }) else { return nil }
        if let cache = doc.cache, cache.generation == doc.generation { return cache }
        guard doc.isMarkdown else { return nil }
        let snapshot = lint(uri: uri, path: doc.path, version: doc.version, bytes: doc.bytes, generation: doc.generation)
        locked {
            if documents[uri]?.generation == snapshot.generation { documents[uri]!.cache = snapshot }
        }
        return snapshot
    }

    private func lint(uri: String, path: String?, version: Int?, bytes: [UInt8], generation: Int) -> LintSnapshot {
        let (config, problem) = configuration.configuration(forDocumentAt: path)
        if let problem { showProblemOnce(problem) }
        let linter = options.linter(config)
        let result = linter.lint(SourceText(bytes: bytes), path: path ?? uri)
        return LintSnapshot(uri: uri, version: version, generation: generation, result: result)
    }

    private func schedulePush(_ uri: String, after delay: Double) {
        let generation = locked { documents[uri]?.generation }
        guard let generation else { return }
        let item = DispatchWorkItem { [weak self] in self?.push(uri, generation: generation) }
        locked {
            scheduled.removeValue(forKey: uri)?.cancel()
            scheduled[uri] = item
        }
        queue.asyncAfter(deadline: .now() + delay, execute: item)
    }

    /// Lints and publishes, unless the text changed meanwhile (then a newer push is scheduled).
    private func push(_ uri: String, generation: Int) {
        guard locked({ documents[uri]?.generation == generation && phase == .running }) else { return }
        guard let snapshot = snapshot(uri) else { return }
        let items = LSPFeatures.diagnostics(snapshot, report: options.report)
        locked {
            guard phase == .running, let doc = documents[uri], doc.generation == snapshot.generation else { return }
            publish(uri, version: snapshot.version, items)
        }
    }

    /// Call with the lock held.
    private func publish(_ uri: String, version: Int?, _ diagnostics: [JSON]) {
        writer.send(.object([
            "jsonrpc": .string("2.0"),
            "method": .string("textDocument/publishDiagnostics"),
            "params": .members([
                ("uri", .string(uri)),
                ("version", version.map(JSON.int)),
                ("diagnostics", .array(diagnostics)),
            ]),
        ]))
    }

    // MARK: - Requests on documents

    /// Runs a document request on the lint queue, where it can be cancelled until it answers.
    private func documentRequest(_ id: JSON, _ params: JSON, _ work: @escaping @Sendable (String) throws(RequestError) -> JSON) {
        guard let uri = params["textDocument"]?["uri"]?.string else {
            respondError(id, ErrorCode.invalidParams, "textDocument.uri is required")
            return
        }
        locked { _ = pending.insert(id) }
        queue.async {
            guard self.locked({ self.pending.contains(id) }) else { return }  // cancelled while queued
            let outcome: Result<JSON, RequestError>
            do throws(RequestError) {
                outcome = .success(try work(uri))
            } catch {
                outcome = .failure(error)
            }
            // Answer only if no cancellation answered first.
            guard self.locked({ self.pending.remove(id) != nil }) else { return }
            switch outcome {
            case .success(let result): self.respond(id, result)
            case .failure(let error): self.respondError(id, error.code, error.message)
            }
        }
    }

    private func cancel(_ id: JSON?) {
        guard let id else { return }
        if locked({ pending.remove(id) != nil }) {
            respondError(id, ErrorCode.requestCancelled, "request cancelled")
        }
    }

    private func pullDiagnostics(_ uri: String, _ params: JSON) throws(RequestError) -> JSON {
        let previous = params["previousResultId"]?.string
        if let doc = locked({ documents[uri] }) {
            let resultID = String(doc.generation)
            if previous == resultID { return .object(["kind": .string("unchanged"), "resultId": .string(resultID)]) }
            guard let snapshot = snapshot(uri) else {
                return .object(["kind": .string("full"), "resultId": .string(resultID), "items": .array([])])
            }
            return .object([
                "kind": .string("full"),
                "resultId": .string(String(snapshot.generation)),
                "items": .array(LSPFeatures.diagnostics(snapshot, report: options.report)),
            ])
        }
        // Not open: lint the file on disk, if there is one.
        guard let path = Self.path(of: uri), let data = FileManager.default.contents(atPath: path) else {
            return .object(["kind": .string("full"), "items": .array([])])
        }
        do throws(InputError) {
            let decoded = try SourceDecoder.decode(Array(data), path: path)
            let snapshot = lint(uri: uri, path: path, version: nil, bytes: decoded.text.bytes, generation: 0)
            return .object(["kind": .string("full"), "items": .array(LSPFeatures.diagnostics(snapshot, report: options.report))])
        } catch {
            return .object(["kind": .string("full"), "items": .array([])])
        }
    }

    private func codeActions(_ uri: String, _ params: JSON) throws(RequestError) -> JSON {
        guard let range = LSPRange(params["range"]) else { throw RequestError(ErrorCode.invalidParams, "range is required") }
        if let only = params["context"]?["only"]?.array?.compactMap(\.string),
           !only.contains(where: { $0.isEmpty || $0 == "quickfix" || "quickfix".hasPrefix($0 + ".") }) {
            return .array([])
        }
        guard let snapshot = snapshot(uri) else { return .array([]) }
        let diagnostics = params["context"]?["diagnostics"]?.array ?? []
        return .array(LSPFeatures.codeActions(snapshot, range: range, clientDiagnostics: diagnostics, report: options.report))
    }

    private func hover(_ uri: String, _ params: JSON) throws(RequestError) -> JSON {
        guard let position = LSPPosition(params["position"]) else { throw RequestError(ErrorCode.invalidParams, "position is required") }
        guard let snapshot = snapshot(uri) else { return .null }
        return LSPFeatures.hover(snapshot, at: position) ?? .null
    }

    // MARK: - Output

    private func respond(_ id: JSON, _ result: JSON) {
        writer.send(.object(["jsonrpc": .string("2.0"), "id": id, "result": result]))
    }

    private func respondError(_ id: JSON, _ code: Int, _ message: String) {
        writer.send(.object([
            "jsonrpc": .string("2.0"), "id": id,
            "error": .object(["code": .int(code), "message": .string(message)]),
        ]))
    }

    private func sendRequest(_ method: String, _ params: JSON) {
        let n = locked { outgoing += 1; return outgoing }
        writer.send(.members([
            ("jsonrpc", .string("2.0")), ("id", .string("poclint-\(n)")), ("method", .string(method)),
            ("params", params == .null ? nil : params),
        ]))
    }

    private func showProblemOnce(_ problem: String) {
        guard locked({ shownProblems.insert(problem).inserted }) else { return }
        log.error(problem)
        writer.send(.object([
            "jsonrpc": .string("2.0"), "method": .string("window/showMessage"),
            "params": .object(["type": .int(2), "message": .string("poclint: \(problem)")]),
        ]))
    }

    // MARK: - Helpers

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private let configFileName = ".poclint.yml"

    private func isConfigURI(_ uri: String) -> Bool { uri.hasSuffix("/" + configFileName) }

    static let markdownLanguages: Set<String> = ["markdown", "md"]
    static let markdownExtensions = [".md", ".markdown", ".mdown", ".mkd"]

    /// The file system path of a `file:` URI.
    static func path(of uri: String) -> String? {
        guard uri.hasPrefix("file:"), let url = URL(string: uri), url.isFileURL else { return nil }
        return url.path
    }
}

/// An error answer to a request.
struct RequestError: Error {
    let code: Int
    let message: String
    init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }
}
