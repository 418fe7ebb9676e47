/// A predicted award tier. Tiers are data: each profile lists its own, best first, in
/// `rules/<profile>/scoring.yml` (the POC pool: ceiling, standard, floor, rejection-risk).
/// Ranks and awards belong to the profile's ladder (`ScoringFile.tiers`), not to the id:
/// `ceiling` is $50K in the POC pool and $1M in the accelerator.
public struct Tier: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ id: String) { self.rawValue = id }

    public static let ceiling = Tier("ceiling")
    public static let standard = Tier("standard")
    public static let floor = Tier("floor")
    public static let rejectionRisk = Tier("rejection-risk")

    /// The id in words ("rejection risk", "upper median").
    public var words: String { String(rawValue.map { $0 == "-" ? " " : $0 }) }
    public var description: String { rawValue }
}

/// A signal a tier requires (Series A with an institutional lead, $50K+ MRR...), whether the
/// application shows it, and what it was read from.
public struct SignalResult: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var met: Bool
    /// What poclint read ("Series A led by Northwind Ventures (line 12)"), or why it is not met.
    public var detail: String
    public init(id: String, title: String, met: Bool, detail: String) {
        self.id = id
        self.title = title
        self.met = met
        self.detail = detail
    }
}

/// One tranche of an award: when it is released, how much, on what milestone, and whether
/// the projected consumption up to the next tranche fits in what has been released.
public struct Tranche: Sendable, Hashable, Codable {
    public var month: Int
    public var amount: Double
    public var milestone: String
    /// nil when the application has no monthly projection to compare with.
    public var covers: Bool?
    public init(month: Int, amount: Double, milestone: String, covers: Bool?) {
        self.month = month
        self.amount = amount
        self.milestone = milestone
        self.covers = covers
    }
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
    /// The profile the application was scored with (`poc`, `accelerator`).
    public var profile: String
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
    /// Award in dollars of the next tier, if any.
    public var nextAward: Double?
    public var runway: Runway?
    /// The signals the tiers require, met or not (empty for a profile whose tiers require none).
    public var signals: [SignalResult]
    /// How the award is released (empty for a profile without a tranche schedule).
    public var tranches: [Tranche]

    public init(profile: String = "poc", tier: Tier, award: Double, overall: Double, components: [ComponentScore], fixes: [RankedFix],
                nextTier: Tier?, nextAward: Double? = nil, fixesToNextTier: [RankedFix], runway: Runway?,
                signals: [SignalResult] = [], tranches: [Tranche] = []) {
        self.profile = profile
        self.nextAward = nextAward
        self.signals = signals
        self.tranches = tranches
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
