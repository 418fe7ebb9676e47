import Foundation

/// Writes frames to a file descriptor, one whole frame at a time, from any thread.
/// A closed pipe (the client went away) turns later writes into no-ops.
final class FrameWriter: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var broken = false

    init(fileDescriptor fd: Int32) {
        self.fd = fd
    }

    func send(_ message: JSON) {
        let bytes = frame(message.bytes)
        lock.lock()
        defer { lock.unlock() }
        guard !broken else { return }
        var written = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n > 0 {
                    written += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    broken = true
                    return
                }
            }
        }
    }
}

/// Messages for people go to standard error, never to standard output (it carries the protocol).
struct ErrorLog: Sendable {
    let verbose: Bool

    func error(_ message: String) {
        FileHandle.standardError.write(Data("poclint lsp: \(message)\n".utf8))
    }

    func debug(_ message: @autoclosure () -> String) {
        if verbose { error(message()) }
    }
}
