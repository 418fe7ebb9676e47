import Foundation
import POCLintCore

/// One input: a file path, or standard input (`-`).
struct InputFile: Sendable {
    let path: String
    let isStdin: Bool
}

/// Expands the paths given on the command line: files as given, directories recursed for
/// `*.md` and `*.markdown` (symlink loops are visited once), `-` for standard input.
/// Sorted by path, duplicates dropped. Inside a directory only regular files are taken: a
/// named pipe or a device called `x.md` would block or never end. A subdirectory that
/// cannot be read is an error, not a silent skip.
enum FileCollector {
    static func collect(_ paths: [String]) throws(InputError) -> [InputFile] {
        var out: [InputFile] = []
        var seen = Set<String>()
        let fm = FileManager.default
        for raw in paths {
            if raw == "-" {
                out.append(InputFile(path: "-", isStdin: true))
                continue
            }
            // stat itself (as FileManager.fileExists does, links followed): this runs for
            // every path of a long command line, before any file is linted.
            var info = stat()
            guard stat(raw, &info) == 0 else {
                throw InputError(path: raw, message: "no such file or directory")
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var found: [String] = []
                try walk(raw, fm: fm, into: &found)
                if found.isEmpty {
                    throw InputError(path: raw, message: "directory holds no Markdown files (*.md, *.markdown)")
                }
                for f in found.sorted() where seen.insert(f).inserted { out.append(InputFile(path: f, isStdin: false)) }
            } else if seen.insert(raw).inserted {
                out.append(InputFile(path: raw, isStdin: false))
            }
        }
        return out
    }

    /// Walks a folder: the real tree first, then what the symlinks met in it point to, so
    /// that a file reachable both directly and through a link is linted once, under its own
    /// path, and a folder reached again through any chain of links is walked once.
    private static func walk(_ root: String, fm: FileManager, into found: inout [String]) throws(InputError) {
        var state = WalkState()
        try walkFolder(root, fm: fm, &state)
        var next = 0
        while next < state.links.count {
            let path = state.links[next]
            next += 1
            var info = stat()
            guard stat(path, &info) == 0 else { continue }   // a dangling symlink
            try visit(path, info, fm: fm, &state)
        }
        found = state.found
    }

    private struct WalkState {
        var folders = Set<String>()
        var files = Set<String>()
        var links: [String] = []
        var found: [String] = []
    }

    private static func walkFolder(_ dir: String, fm: FileManager, _ state: inout WalkState) throws(InputError) {
        guard let real = canonical(dir), state.folders.insert(real).inserted else { return }
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: dir)
        } catch let error as CocoaError where error.code == .fileReadNoPermission {
            throw InputError(path: dir, message: "cannot read directory: permission denied")
        } catch {
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFLNK {
                state.links.append(path)
            } else {
                try visit(path, info, fm: fm, &state)
            }
        }
    }

    /// A folder is walked; a regular Markdown file is taken. Anything else (a named pipe, a
    /// device, a socket) is not: reading it could block or never end.
    private static func visit(_ path: String, _ info: stat, fm: FileManager, _ state: inout WalkState) throws(InputError) {
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            try walkFolder(path, fm: fm, &state)
        } else if type == S_IFREG && (path.hasSuffix(".md") || path.hasSuffix(".markdown")),
                  let real = canonical(path), state.files.insert(real).inserted {
            state.found.append(path)
        }
    }

    /// The path with every symlink of every component resolved by the kernel.
    private static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads an input's bytes.
    static func read(_ input: InputFile) throws(InputError) -> [UInt8] {
        if input.isStdin {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        let fd = open(input.path, O_RDONLY)
        if fd < 0 {
            let reason = errno == EACCES ? "permission denied" : errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw InputError(path: input.path, message: "cannot read: \(reason)")
        }
        defer { close(fd) }
        // A regular file is read straight into an array of its size (no zeroed chunk, no
        // copy); whatever is left (a file that grew, a pipe) is read in chunks after it.
        var st = stat()
        let size = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var off = 0
            while off < size {
                let n = Foundation.read(fd, buf.baseAddress! + off, size - off)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno; break }
                if n == 0 { break }
                off += n
            }
            count = off
        }
        if failure != 0 {
            throw InputError(path: input.path, message: "cannot read: \(String(cString: strerror(failure)))")
        }
        var chunk = [UInt8](repeating: 0, count: size > 0 ? 4096 : 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, 1 << 16) }
            if n < 0 {
                if errno == EISDIR { throw InputError(path: input.path, message: "is a directory") }
                throw InputError(path: input.path, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}
