/// The declarative rule packs of `rules/`, decoded. Field names follow the YAML files.
public struct ComponentsFile: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var id: Component
        /// The section's heading ("Budget projection").
        public var title: String
        /// The name in a sentence ("budget projection").
        public var name: String
        /// A short name for tables ("budget"); `name` when absent.
        public var short: String?
        public var headings: [String]
        public var cues: [String]
    }
    public var schema_version: Int
    public var cue_threshold: Int
    public var components: [Entry]
}

public struct PhrasesFile: Codable, Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var phrase: String
        public var variants: [String]?
        public var category: String
        public var components: [String]
        public var severity: Severity
        public var say_instead: String

        /// Whether the phrase applies to text of `component` (nil: outside any component).
        public func applies(to component: Component?) -> Bool {
            if components.contains("any") { return true }
            guard let component else { return false }
            return components.contains(component.rawValue)
        }
    }
    public struct Example: Codable, Sendable {
        public var text: String
        public var component: String
        public var phrase: String?
    }
    public struct Examples: Codable, Sendable {
        public var trigger: [Example]
        public var no_trigger: [Example]
    }
    public var schema_version: Int
    public var phrases: [Entry]
    public var examples: Examples?
}

public struct ModelsFile: Codable, Sendable {
    public struct Price: Codable, Sendable, Hashable {
        public var input_per_mtok: Double
        public var output_per_mtok: Double
        public var note: String?
    }
    public struct Family: Codable, Sendable {
        public var name: String
        public var aliases: [String]
        public var assumed: String
        public var versions_differ: Bool
    }
    public struct Model: Codable, Sendable {
        public var id: String
        public var provider: String
        public var family: String?
        public var display_name: String
        public var aliases: [String]
        public var bedrock_model_id: String?
        public var kind: String?
        public var input_per_mtok: Double
        public var output_per_mtok: Double
        public var alt_prices: [Price]?
        public var source: String?
        public var as_of: String?
    }
    public var schema_version: Int
    public var currency: String?
    public var unit: String?
    public var as_of: String
    public var sources: [String: String]?
    public var families: [Family]
    public var models: [Model]
}

public struct ProvidersFile: Codable, Sendable {
    public struct ForeignModel: Codable, Sendable {
        public var name: String
        public var aliases: [String]
        public var provider: String
        public var suggest: String
    }
    public struct Provider: Codable, Sendable {
        public var name: String
        public var aliases: [String]
        public var suggest: String
    }
    public struct Service: Codable, Sendable {
        public var name: String
        public var aliases: [String]
        public var category: String
        public var aws_alternative: String
    }
    public var schema_version: Int
    public var non_bedrock_models: [ForeignModel]
    public var non_bedrock_providers: [Provider]
    public var services: [Service]
}

public struct LexiconFile: Codable, Sendable {
    public var schema_version: Int
    public var terms: [String: [String]]
}

public struct ScoringFile: Codable, Sendable {
    public struct TierSpec: Codable, Sendable {
        public var id: Tier
        public var award: Double
        public var min_overall: Double?
        public var min_component: Double?
        public var max_errors: Int?
        public var max_warnings: Int?
        /// What the tier means, in a few words (the HTML report's ladder).
        public var meaning: String?
        /// Ids of `signals` the application must show for this tier.
        public var requires: [String]?
        /// How the award is released, if the profile models it.
        public var tranches: [TrancheSpec]?
    }
    public struct TrancheSpec: Codable, Sendable {
        public var month: Int
        public var share: Double
        public var milestone: String
    }
    /// A condition on facts read from the application (see `docs/profiles/accelerator.md`).
    /// Every field given must hold; `any_of` holds when one of its facts reaches its value.
    public struct SignalSpec: Codable, Sendable {
        public var id: String
        public var title: String
        /// The least funding stage (an id of the profile's `stages`).
        public var stage_at_least: String?
        public var institutional_lead: Bool?
        /// Fact name (users, mrr, lois) -> least value.
        public var any_of: [String: Double]?
        /// The projection's highest month must reach this many dollars.
        public var peak_monthly_spend_at_least: Double?
    }
    public var schema_version: Int
    public var component_weights: [String: Double]
    public var severity_cost: [String: Double]
    public var rule_cost: [String: Double]
    public var repeat_decay: Double
    public var document_cost: [String: Double]
    public var resolved_missing_component_score: Double
    public var present_component_floor: Double
    public var tiers: [TierSpec]
    /// Signals the tiers may require (none in the POC profile).
    public var signals: [SignalSpec]?
    /// Funding stages, earliest first: each names the lexicon list `stage_<id>` of its words
    /// (the accelerator profile reads the latest current stage the application states).
    public var stages: [String]?
    /// The first stage that is not eligible.
    public var ineligible_from_stage: String?
    /// Rules any finding of which predicts the lowest tier (an ineligible applicant).
    public var disqualifying_rules: [String]?
}

/// `rules/profiles.yml`: the application types poclint knows and where their data lives.
public struct ProfilesFile: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var id: String
        public var title: String
        /// Level-1 heading texts that name this application (auto-detection, two-part documents).
        public var titles: [String]
        public var components: String
        public var scoring: String
        /// An extra lexicon merged into the shared one.
        public var lexicon: String?
    }
    public var schema_version: Int
    public var `default`: String
    public var profiles: [Entry]
}
