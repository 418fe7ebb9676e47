extension Document {
    /// The document without its tree: the source, the sections and nothing else. What the
    /// reporters need after linting (positions, the component map), at a fraction of the
    /// memory, so that a run over thousands of files does not keep every tree alive.
    public func compacted() -> Document {
        var d = Document(source: source)
        d.sections = sections
        d.frontMatter = frontMatter
        return d
    }
}

extension LintResult {
    /// The same result holding a compacted document.
    public func compacted() -> LintResult {
        LintResult(path: path, document: document.compacted(), components: components, diagnostics: diagnostics,
                   prefix: prefix, parts: parts)
    }
}
