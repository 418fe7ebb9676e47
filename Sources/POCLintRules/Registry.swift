import POCLintCore

/// Every rule poclint has, in one hand-written list (Swift on Linux cannot discover types at
/// run time, and a list needs no code generation). Order is the order rules run in.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        MissingComponent(),
        VaguePhrase(),
        UseCaseGeneric(),
        UseCaseNoActor(),
        UseCaseNoInput(),
        UseCaseNoOutcome(),
        ModelNotNamed(),
        ModelVersionUnspecified(),
        NonBedrockModel(),
        ModelWithoutReason(),
        ModelNoComparison(),
        ModelRouting(),
        EvalNoTestSetSize(),
        EvalNoSource(),
        EvalNoCadence(),
        EvalNoMetric(),
        EvalNoThreshold(),
        EvalNoRegressionTracking(),
        BudgetRange(),
        BudgetTotal(),
        BudgetSum(),
        InferenceCost(),
        InferenceWithoutVolumes(),
        BudgetModelMismatch(),
        CreditRequest(),
        TimelineWindow(),
        TimelineMilestones(),
        TimelineNoMidpoint(),
        TimelineDecision(),
        NonAWSService(),
        ThresholdMismatch(),
        ApplicationLength(),
        DuplicateComponent(),
        UnknownProfile(),
        // The accelerator profile.
        AINativeFraming(),
        FundingStageIneligible(),
        FundingStageUnstated(),
        TeamAICredibility(),
        TractionNoNumbers(),
        BedrockHedging(),
        BedrockCommitment(),
        MigrationNoModel(),
        MigrationNoRAG(),
        MigrationNoFallback(),
        MigrationNoEvaluation(),
        ConsumptionBreakdown(),
        ConsumptionSum(),
        CrossPrimaryModel(),
        CrossConsumptionBudget(),
    ]

    /// The rule with this id.
    public static func rule(_ id: String) -> (any Rule)? {
        all.first { $0.description.id == id }
    }

    public static var ids: [String] { all.map(\.description.id) }

    /// The engine with every rule and the outcome prediction: what the CLI, the LSP and the
    /// tests run.
    public static func linter(_ configuration: Configuration = Configuration()) -> Linter {
        Linter(rules: all, configuration: configuration, predictor: Scorer(), factsReader: ApplicationFacts())
    }
}
