import Foundation

/// One example of the CommonMark or GFM specification.
struct SpecExample: Sendable, CustomStringConvertible {
    /// The spec file, relative to the corpus.
    let file: String
    /// 1-based number of the example within its file.
    let number: Int
    /// Line of the file where the example starts.
    let line: Int
    let markdown: String

    var description: String { "\(file) example \(number) (line \(line))" }
}

/// Reads the examples of a spec file: between a line of 32 backticks followed by ` example`
/// (and possibly extension names) and a line holding a single `.`; `→` stands for a tab.
enum SpecExamples {
    static let fence = String(repeating: "`", count: 32)

    /// The spec files of the corpus that hold examples, relative to it.
    static let files = [
        "commonmark-spec/spec.md",
        "cmark-gfm/test/spec.md",
        "cmark-gfm/test/extensions.md",
        "cmark-gfm/test/extensions-full-info-string.md",
        "cmark-gfm/test/extensions-table-prefer-style-attributes.md",
        "cmark-gfm/test/regression.md",
        "cmark-gfm/test/smart_punct.md",
    ]

    static func parse(_ text: String, file: String) -> [SpecExample] {
        var out: [SpecExample] = []
        var current: [Substring]? = nil
        var startLine = 0
        var inOutput = false
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil && !inOutput {
                if line.hasPrefix(fence + " example") {
                    current = []
                    startLine = i + 1
                }
            } else if !inOutput, var lines = current {
                if line == "." {
                    let markdown = lines.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
                    out.append(SpecExample(file: file, number: out.count + 1, line: startLine, markdown: markdown))
                    current = nil
                    inOutput = true
                } else {
                    lines.append(line)
                    current = lines
                }
            } else if inOutput && line.hasPrefix(fence) {
                inOutput = false
            }
        }
        return out
    }

    /// Every example of every spec file in the corpus (empty when the corpus is absent).
    static let all: [SpecExample] = {
        guard let root = corpusRoot else { return [] }
        return files.flatMap { file -> [SpecExample] in
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else { return [] }
            return parse(text, file: file)
        }
    }()

    /// Adversarial inputs shipped with cmark-gfm's benchmark, and its fuzzing seed.
    static let adversarial: [(name: String, bytes: [UInt8])] = {
        guard let root = corpusRoot else { return [] }
        let fm = FileManager.default
        var out: [(String, [UInt8])] = []
        for dir in ["cmark-gfm/bench/samples", "cmark-gfm/test/afl_test_cases"] {
            let url = root.appendingPathComponent(dir)
            for name in ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
                if let data = fm.contents(atPath: url.appendingPathComponent(name).path) {
                    out.append((dir + "/" + name, Array(data)))
                }
            }
        }
        return out
    }()
}
