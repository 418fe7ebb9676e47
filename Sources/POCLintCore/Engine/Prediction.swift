/// The award tiers of the Bedrock POC pool, best first.
public enum Tier: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case ceiling
    case standard
    case floor
    case rejectionRisk = "rejection-risk"

    /// Rank: higher is better.
    public var rank: Int {
        switch self {
        case .ceiling: 3
        case .standard: 2
        case .floor: 1
        case .rejectionRisk: 0
        }
    }

    public var words: String {
        switch self {
        case .ceiling: "ceiling"
        case .standard: "standard"
        case .floor: "floor"
        case .rejectionRisk: "rejection risk"
        }
    }

    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rank < rhs.rank }

    /// The tier above, if any.
    public var next: Tier? { Tier.allCases.first { $0.rank == rank + 1 } }
}

/// One component's score, the evidence found, and the findings that cost points.
public struct ComponentScore: Sendable, Hashable, Codable {
    public var component: Component
    public var present: Bool
    public var score: Double
    public var evidence: [String]
    /// Findings that cost points: rule id, message, points.
    public var costs: [Cost]

    public struct Cost: Sendable, Hashable, Codable {
        public var ruleID: String
        public var message: String
        public var points: Double
        public init(ruleID: String, message: String, points: Double) {
            self.ruleID = ruleID
            self.message = message
            self.points = points
        }
    }

    public init(component: Component, present: Bool, score: Double, evidence: [String], costs: [Cost]) {
        self.component = component
        self.present = present
        self.score = score
        self.evidence = evidence
        self.costs = costs
    }
}

/// A fix that would raise the score: the finding and how many points resolving it adds.
public struct RankedFix: Sendable, Hashable, Codable {
    public var ruleID: String
    public var message: String
    public var suggestion: String?
    public var range: SourceRange
    public var component: Component?
    public var points: Double

    public init(ruleID: String, message: String, suggestion: String?, range: SourceRange, component: Component?, points: Double) {
        self.ruleID = ruleID
        self.message = message
        self.suggestion = suggestion
        self.range = range
        self.component = component
        self.points = points
    }
}

/// How long credits last at the projected monthly spend.
public struct Runway: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var credit: Double
        /// Where the credit comes from: "requested" or a tier id.
        public var basis: String
        public var months: Double
        public init(credit: Double, basis: String, months: Double) {
            self.credit = credit
            self.basis = basis
            self.months = months
        }
    }

    public var monthlySpend: Double
    /// The credit the document (or the configuration) asks for, if stated.
    public var requested: Double?
    public var lines: [Line]
    /// POC window in days, if known.
    public var windowDays: Int?
    /// Whether the requested credit (or the predicted award) outlasts the POC window.
    public var outlastsWindow: Bool?
    /// Whether the request exceeds 12 months of projected spend.
    public var exceedsTwelveMonths: Bool?

    public init(monthlySpend: Double, requested: Double?, lines: [Line], windowDays: Int?, outlastsWindow: Bool?, exceedsTwelveMonths: Bool?) {
        self.monthlySpend = monthlySpend
        self.requested = requested
        self.lines = lines
        self.windowDays = windowDays
        self.outlastsWindow = outlastsWindow
        self.exceedsTwelveMonths = exceedsTwelveMonths
    }
}

/// The predicted outcome of one application.
public struct Prediction: Sendable, Hashable, Codable {
    public var tier: Tier
    /// Award in dollars of the predicted tier.
    public var award: Double
    public var overall: Double
    public var components: [ComponentScore]
    /// Every fix that adds points, most points first.
    public var fixes: [RankedFix]
    /// The smallest set of fixes found that reaches the next tier (empty at the ceiling, or when none does).
    public var nextTier: Tier?
    public var fixesToNextTier: [RankedFix]
    public var runway: Runway?

    public init(tier: Tier, award: Double, overall: Double, components: [ComponentScore], fixes: [RankedFix],
                nextTier: Tier?, fixesToNextTier: [RankedFix], runway: Runway?) {
        self.tier = tier
        self.award = award
        self.overall = overall
        self.components = components
        self.fixes = fixes
        self.nextTier = nextTier
        self.fixesToNextTier = fixesToNextTier
        self.runway = runway
    }
}

/// Computes a prediction from what the rules found (installed by the rules module).
public protocol Predicting: Sendable {
    func predict(_ context: LintContext, diagnostics: [Diagnostic]) -> Prediction
}
