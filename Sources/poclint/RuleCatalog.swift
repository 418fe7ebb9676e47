import POCLintCore
import POCLintRules

/// Every rule the tool knows: the registered rules, then the checks of suppression comments.
enum RuleCatalog {
    static var descriptions: [RuleDescription] {
        RuleRegistry.all.map(\.description) + SuppressionRules.all
    }

    static var ids: [String] { descriptions.map(\.id) }

    static func description(_ id: String) -> RuleDescription? {
        descriptions.first { $0.id == id }
    }
}
