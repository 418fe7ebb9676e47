import Foundation
import POCLintCore

/// One input: a file path, or standard input (`-`).
struct InputFile: Sendable {
    let path: String
    let isStdin: Bool
}

/// Expands the paths given on the command line: files as given, directories recursed for
/// `*.md` and `*.markdown` (symlink loops are visited once), `-` for standard input.
/// Sorted by path, duplicates dropped.
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
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: raw, isDirectory: &isDir) else {
                throw InputError(path: raw, message: "no such file or directory")
            }
            if isDir.boolValue {
                var visited = Set<String>()
                var found: [String] = []
                walk(raw, fm: fm, visited: &visited, into: &found)
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

    private static func walk(_ dir: String, fm: FileManager, visited: inout Set<String>, into found: inout [String]) {
        let real = (try? fm.destinationOfSymbolicLink(atPath: dir)).map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: dir).deletingLastPathComponent()).standardizedFileURL.path }
            ?? URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
        guard visited.insert(URL(fileURLWithPath: real).resolvingSymlinksInPath().path).inserted else { return }
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                walk(path, fm: fm, visited: &visited, into: &found)
            } else if name.hasSuffix(".md") || name.hasSuffix(".markdown") {
                found.append(path)
            }
        }
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
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
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
