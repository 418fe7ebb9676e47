import Testing
@testable import POCLintCore

/// `PathUtil` computes paths on strings (it runs for every file of a run); these are the
/// answers `URL.standardizedFileURL.path` gives for the same inputs.
struct PathUtilTests {
    @Test(arguments: [
        ("a.md", "/work/main", "/work/main/a.md"),
        ("./a.md", "/work/main", "/work/main/a.md"),
        ("../x/a.md", "/work/main", "/work/x/a.md"),
        ("/abs/b.md", "/x", "/abs/b.md"),
        ("a/../b.md", "/w", "/w/b.md"),
        ("../../../../a", "/w", "/a"),
        ("dir/", "/w", "/w/dir"),
        ("a//b.md", "/w/", "/w/a/b.md"),
        ("/", "/", "/"),
        (".", "/w", "/w"),
        ("..", "/", "/"),
        ("x y/é.md", "/w", "/w/x y/é.md"),
    ])
    func absolute(_ path: String, _ directory: String, _ expected: String) {
        #expect(PathUtil.absolute(path, relativeTo: directory) == expected)
    }

    @Test(arguments: [("/", "/"), ("/a", "/"), ("/a/b", "/a"), ("/a/b/", "/a"), ("/a/./b/../c", "/a")])
    func parent(_ path: String, _ expected: String) {
        #expect(PathUtil.parent(path) == expected)
    }
}

extension PathUtilTests {
    /// Paths that are already standard come back unchanged; every other goes through the
    /// component walk. Both give what the walk alone gives.
    @Test(arguments: ["/a/b.md", "/a/.b/c", "/a/.../c", "/a/b..", "/a/..b", "/", "/a/./b", "/a/../b", "/a//b", "/a/b/",
                      "/a/.", "/a/..", "/.", "/..", "//", "/a/b/.hidden", "/é/ü.md"])
    func fastPathAgreesWithTheWalk(_ path: String) {
        var parts: [Substring] = []
        for c in path.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        #expect(PathUtil.standardized(path) == "/" + parts.joined(separator: "/"))
    }
}
