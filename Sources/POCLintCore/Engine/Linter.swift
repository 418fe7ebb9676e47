/// The result of linting one file.
public struct LintResult: Sendable {
    public let path: String
    public let document: Document
    public let components: ComponentMap
    public let diagnostics: [Diagnostic]
    /// Bytes that preceded the text (a UTF-8 BOM), for writing fixes back.
    public let prefix: [UInt8]
    /// The predicted outcome, when the linter has a predictor.
    public var prediction: Prediction?

    public init(path: String, document: Document, components: ComponentMap, diagnostics: [Diagnostic], prefix: [UInt8],
                prediction: Prediction? = nil) {
        self.path = path
        self.document = document
        self.components = components
        self.diagnostics = diagnostics
        self.prefix = prefix
        self.prediction = prediction
    }

    /// The same result with only the diagnostics that pass `keep` (the prediction is kept: it
    /// was made from every finding).
    public func filtered(_ keep: (Diagnostic) -> Bool) -> LintResult {
        LintResult(path: path, document: document, components: components, diagnostics: diagnostics.filter(keep), prefix: prefix,
                   prediction: prediction)
    }
}

/// The engine: a pure function from (source, configuration) to diagnostics.
public struct Linter: Sendable {
    public let rules: [any Rule]
    public let configuration: Configuration
    public let predictor: (any Predicting)?

    public init(rules: [any Rule], configuration: Configuration = Configuration(), predictor: (any Predicting)? = nil) {
        self.rules = rules
        self.configuration = configuration
        self.predictor = predictor
    }

    /// Lints raw file bytes; input that is not text throws a clear error.
    public func lint(bytes: [UInt8], path: String) throws(InputError) -> LintResult {
        let decoded = try SourceDecoder.decode(bytes, path: path)
        return lint(decoded.text, path: path, prefix: decoded.prefix)
    }

    /// Lints a Markdown string.
    public func lint(_ markdown: String, path: String = "<string>") -> LintResult {
        lint(SourceText(markdown), path: path, prefix: [])
    }

    public func lint(_ text: SourceText, path: String, prefix: [UInt8] = []) -> LintResult {
        let document = MarkdownParser.parse(text)
        let context = LintContext(document: document, configuration: configuration)
        for rule in rules { context.run(rule) }
        let ran = Set(rules.map(\.description.id).filter { configuration.setting($0).enabled })
        let known = (configuration.knownRuleIDs ?? Set(rules.map(\.description.id))).union(SuppressionRules.ids)
        let kept = Suppressions.apply(context.diagnostics, document: document, configuration: configuration,
                                      known: known, ran: ran)
        let sorted = Linter.order(kept)
        let prediction = predictor?.predict(context, diagnostics: sorted)
        return LintResult(path: path, document: document, components: context.components,
                          diagnostics: sorted, prefix: prefix, prediction: prediction)
    }

    /// Stable order: position, then rule id, then message; exact duplicates removed.
    static func order(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics
            .sorted { a, b in
                if a.range.start != b.range.start { return a.range.start < b.range.start }
                if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
                if a.range.end != b.range.end { return a.range.end < b.range.end }
                return a.message < b.message
            }
            .filter { seen.insert($0).inserted }
    }
}
