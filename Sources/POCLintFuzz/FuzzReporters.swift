import POCLintReport
import POCLintRules

/// Every output format the fuzzer renders each input into.
enum FuzzReporters {
    static var all: [any Reporter] { Reporters.names.compactMap { Reporters.named($0) } }

    static let options: ReportOptions = {
        var options = ReportOptions()
        options.rules = RuleRegistry.all.map(\.description)
        return options
    }()
}
