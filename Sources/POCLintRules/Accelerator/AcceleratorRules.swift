import Foundation
import POCLintCore

/// A minimal accelerator application for `.document` examples: the title names the profile.
private let acceleratorTitle = "# Acme: Generative AI Accelerator application\n\n"

/// The product must lead with AI: an AI-native product, not AI added to an existing one.
public struct AINativeFraming: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ai-native-framing",
        title: "The product reads as AI-augmented, not AI-native",
        detail: "The product description's first paragraph of eight words or more must name what the AI does (a word of the `ai_terms` list: AI, LLM, model, agent, generative...). Separately, every phrase of the `ai_addon` list in the company overview or the product description ('AI add-on', 'AI-powered feature', 'added AI to our existing product') is reported where it stands.",
        rationale: "The accelerator funds AI-native companies: products whose core is the model. A description that opens with dashboards and integrations and mentions AI later, or that calls the AI an add-on, reads as an existing product with AI features, which reviewers screen out.",
        severity: .warning,
        component: .product,
        triggering: [
            .section(.product, "Ledgerly is a bookkeeping dashboard for restaurants: bank feeds, invoice inbox and payroll exports in one place.\n\nWe are adding an AI-powered feature that categorises transactions with an LLM."),
            .section(.product, "Our agents reconcile restaurant books with an LLM. We started as a bookkeeping tool and added AI to our existing product last year."),
        ],
        nonTriggering: [
            .section(.product, "Ledgerly's agents close a restaurant's books every night: an LLM reads each bank line, invoice and payroll export, matches them and writes the journal entries a bookkeeper approves."),
        ],
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        guard let section = context.section(.product) else { return }
        let runs = context.runs(.product)
        let doc = context.document
        // The first paragraph of the section's body (the label paragraph itself for a lead-in label).
        // The first substantive paragraph (eight words or more: a tagline or a stray line is not the description).
        if let first = runs.first(where: { doc.blocks[doc.texts[$0].block].kind == .paragraph && wordCount(doc.texts[$0].bytes) >= 8 }) {
            let text = doc.texts[first]
            let body = section.kind == .label ? (context.leadingStrong(first)?.upperBound ?? 0)..<text.bytes.count : 0..<text.bytes.count
            if !context.termMatches("ai_terms", in: [first]).contains(where: { body.contains($0.textRange.lowerBound) }) {
                let sentence = context.sentence(first, around: body.lowerBound..<min(body.lowerBound + 1, text.bytes.count))
                context.report(text.sourceRange(trimmed(text, sentence)),
                               "The product description opens without AI: its first paragraph names no AI capability, so the product reads as AI features added to an existing product.",
                               suggestion: "Open with what the model does for the user ('Our agents close a restaurant's books every night...'), then the rest of the product.")
            }
        }
        for m in context.termMatches("ai_addon", in: context.runs(.company) + runs) {
            context.report(context.range(of: m),
                           "'\(doc.texts[m.run].string(m.textRange))' frames AI as a feature of an existing product; reviewers fund AI-native products.",
                           suggestion: "Describe the product as the AI: what the model does that the product could not do without it.")
        }
    }

    private func wordCount(_ bytes: [UInt8]) -> Int {
        var n = 0
        var inWord = false
        for b in bytes {
            let w = b > 0x20
            if w && !inWord { n += 1 }
            inWord = w
        }
        return n
    }

    private func trimmed(_ text: TextRun, _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound
        while lo < r.upperBound && text.bytes[lo] == 0x20 { lo += 1 }
        return lo..<max(lo, r.upperBound)
    }
}

/// Series B or later is not eligible.
public struct FundingStageIneligible: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "funding-stage-ineligible",
        title: "Series B or later is not eligible",
        detail: "The current funding stage is the latest stage of `rules/accelerator/scoring.yml` `stages` that the application states (words of the lexicon lists `stage_<id>`) in a sentence that does not plan a round (no word of `future_round`: 'plan to raise', 'next round'...). A current stage at or after `ineligible_from_stage` (Series B) is reported once, at its first mention. Any finding of this rule predicts rejection-risk (`disqualifying_rules`).",
        rationale: "The Generative AI Accelerator takes pre-Series-B startups; a Series B or later company is screened out before its application is read.",
        severity: .error,
        component: .company,
        triggering: [
            .section(.company, "Ledgerly (founded 2019, 140 people) raised a $60M Series C led by Summit Partners in March 2026."),
        ],
        nonTriggering: [
            .section(.company, "Ledgerly raised a $9M Series A led by Northwind Ventures in 2026; we plan to raise a Series B in 2028, after the accelerator."),
        ],
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        let facts = context.acceleratorFacts
        let stages = context.profile.scoring.stages ?? []
        guard let from = context.profile.scoring.ineligible_from_stage, let limit = stages.firstIndex(of: from),
              let current = facts.currentStage, current.index >= limit,
              let first = facts.stages.first(where: { !$0.future && $0.index == current.index }) else { return }
        let written = context.document.texts[first.run].string(first.range)
        context.report(context.document.texts[first.run].sourceRange(first.range),
                       "The application states a \(written) round: Series B and later companies are not eligible for the Generative AI Accelerator.",
                       suggestion: "Check eligibility before applying; if the round is planned, not raised, say so ('we plan to raise a Series B in 2027').")
    }
}

/// The funding stage must be stated.
public struct FundingStageUnstated: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "funding-stage-unstated",
        title: "No funding stage stated",
        detail: "No current funding stage (a word of a `stage_<id>` list in a sentence that does not plan a round) appears anywhere in the application. Reported at the company overview's heading; silent when the company overview is missing (missing-component reports that).",
        rationale: "Eligibility (pre-Series B) and the top tier (Series A with an institutional lead) both depend on the stage; a reviewer who cannot find it assumes the worst.",
        severity: .warning,
        component: .company,
        triggering: [
            .section(.company, "Ledgerly was founded in 2023 by two former Stripe engineers and serves 1,900 restaurants."),
        ],
        nonTriggering: [
            .section(.company, "Ledgerly was founded in 2023 and raised a $2.5M seed round in 2024."),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        let facts = context.acceleratorFacts
        guard facts.currentStage == nil, let anchor = context.anchor(.company) else { return }
        let planned = facts.stages.first.map { context.document.texts[$0.run].string($0.range) }
        context.report(anchor,
                       planned.map { "Only a planned round (\($0)) is mentioned; the current funding stage is not stated." }
                           ?? "The application does not state the company's funding stage.",
                       suggestion: "State the stage and the last round: 'We raised a $4M seed round led by Northwind Ventures in May 2025.'")
    }
}

/// The team's AI/ML credibility must be stated.
public struct TeamAICredibility: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "team-ai-credibility",
        title: "No AI/ML credibility stated for the team",
        detail: "No word of the `ai_credentials` list (PhD, ML engineer, research scientist, published, NeurIPS, fine-tuned, head of ML...) appears anywhere in the application. Reported at the company overview's heading.",
        rationale: "Reviewers fund teams that can build on foundation models; a team section without any AI/ML experience makes the migration plan hard to believe.",
        severity: .warning,
        component: .company,
        triggering: [
            .document(acceleratorTitle + "## Company overview\n\nAcme was founded in 2024 by two former consultants and raised a seed round.\n"),
        ],
        nonTriggering: [
            .document(acceleratorTitle + "## Company overview\n\nAcme was founded in 2024 by a former Amazon applied scientist and an ML engineer who fine-tuned retrieval models at Stripe.\n"),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.company) else { return }
        guard context.terms("ai_credentials", in: Array(context.allRuns)).isEmpty else { return }
        context.report(anchor, "Nothing in the application shows the team's AI/ML experience.",
                       suggestion: "Name who builds the models and what they have built: roles, publications, models shipped ('our CTO led Alexa AI's ranking models').")
    }
}

/// The migration plan must commit to Bedrock, not hedge across providers.
public struct BedrockHedging: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "bedrock-hedging",
        title: "The migration plan hedges across providers",
        detail: "In the Bedrock migration plan: every phrase of the `hedge` list ('multi-cloud', 'Bedrock or Azure', 'provider-agnostic', 'avoid lock-in'...), and every model or inference provider outside Bedrock named in a sentence that neither replaces it (`replacement`: 'migrate from', 'instead of') nor describes today's stack (`status_quo`: 'today', 'currently').",
        rationale: "The accelerator invests in startups that build on Bedrock; a plan that keeps another provider in play reads as a customer shopping for credits, not a committed one.",
        severity: .warning,
        component: .migration,
        triggering: [
            .section(.migration, "We will run Claude Sonnet 4 on Bedrock and keep a multi-cloud setup so that we can move traffic to Azure OpenAI if prices change."),
            .section(.migration, "Summaries will run on Claude Sonnet 4 on Bedrock, with GPT-4o on Azure OpenAI for the long documents."),
        ],
        nonTriggering: [
            .section(.migration, "All production traffic moves from GPT-4o on Azure OpenAI to Claude Sonnet 4 on Bedrock by month 3; Claude 3.5 Haiku is the fallback."),
        ],
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        let runs = context.runs(.migration)
        let doc = context.document
        // One finding per sentence: "Bedrock or Azure OpenAI" is one hedge, not a phrase and a provider.
        var reported: [(run: Int, sentence: Range<Int>)] = []
        for m in context.termMatches("hedge", in: runs) {
            reported.append((m.run, context.sentence(m.run, around: m.textRange)))
            context.report(context.range(of: m),
                           "'\(doc.texts[m.run].string(m.textRange))': the migration plan hedges across providers instead of committing to Bedrock.",
                           suggestion: "Commit: say which workloads move to Bedrock and when; name Bedrock models as fallbacks.")
        }
        let runSet = Set(runs)
        for mention in context.modelMentions where runSet.contains(mention.run) && (mention.kind == .foreignModel || mention.kind == .foreignProvider) {
            let sentence = context.sentence(mention.run, around: mention.textRange)
            if reported.contains(where: { $0.run == mention.run && $0.sentence == sentence }) { continue }
            reported.append((mention.run, sentence))
            if mention.isReplaced || context.hasTerm("replacement", run: mention.run, in: sentence, includeLabel: false)
                || context.hasTerm("status_quo", run: mention.run, in: sentence, includeLabel: false) { continue }
            let name = doc.texts[mention.run].string(mention.textRange)
            context.report(doc.texts[mention.run].sourceRange(mention.textRange),
                           "The migration plan keeps \(name) in use alongside Bedrock.",
                           suggestion: "Say that \(name) is replaced (and by which Bedrock model), or move it out of the plan.")
        }
    }
}

/// The migration plan must commit production traffic to Bedrock.
public struct BedrockCommitment: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "bedrock-commitment",
        title: "No firm commitment to Bedrock",
        detail: "The Bedrock migration plan contains no word of the `commitment` list ('all production traffic', 'commit', 'cut over', 'fully migrate', 'exclusively'...). Reported at the section's heading.",
        rationale: "Reviewers look for a firm Bedrock commitment: which traffic moves and by when. A plan that only 'explores' Bedrock gives them nothing to hold the credits against.",
        severity: .warning,
        component: .migration,
        triggering: [
            .section(.migration, "We will try Claude Sonnet 4 on Bedrock for the reconciliation agent and see how it performs."),
        ],
        nonTriggering: [
            .section(.migration, "We commit all production traffic of the reconciliation agent to Claude Sonnet 4 on Bedrock by month 3."),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.migration) else { return }
        guard context.terms("commitment", in: context.runs(.migration)).isEmpty else { return }
        context.report(anchor, "The migration plan never commits production traffic to Bedrock.",
                       suggestion: "State the commitment and its date: 'All production traffic runs on Bedrock by month 3.'")
    }
}

/// Traction must come with numbers.
public struct TractionNoNumbers: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "traction-no-numbers",
        title: "No traction with numbers",
        detail: "Nowhere does a traction word come with a figure: a count at most three words before a user or customer word (`traction_users`: '40,000 monthly active users') or a letters-of-intent word (`traction_lois`), or an amount in a sentence with a revenue word (`traction_revenue`: '$62K MRR', '$1.2M ARR'). Reported at the company overview's heading.",
        rationale: "Traction is what separates the accepted 5%: users, revenue and letters of intent with figures. 'Strong interest from customers' is not traction.",
        severity: .warning,
        component: .company,
        triggering: [
            .document(acceleratorTitle + "## Company overview\n\nLedgerly raised a $2.5M seed round in 2024. Restaurants love the product and our revenue is growing fast.\n"),
        ],
        nonTriggering: [
            .document(acceleratorTitle + "## Company overview\n\nLedgerly raised a $2.5M seed round in 2024 and serves 1,900 restaurants at $38K MRR.\n"),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        let facts = context.acceleratorFacts
        guard facts.users == nil, facts.mrr == nil, facts.lois == nil, let anchor = context.anchor(.company) else { return }
        let words = facts.tractionWords.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        context.report(anchor,
                       facts.tractionWords.isEmpty ? "The application shows no traction: no users, revenue or letters of intent."
                           : "Traction is mentioned (\(words)) but never with a number.",
                       suggestion: "Give the figures: '40,000 monthly active users', '$62K MRR', '4 signed letters of intent'.")
    }
}

/// The projection must be broken down by month and by workload.
public struct ConsumptionBreakdown: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "consumption-breakdown",
        title: "Consumption not broken down by month and workload",
        detail: "The consumption section needs a table with at least three month labels (`month_labels`: Month 1, M1, Jan...) in its header row or first column, and at least two workloads (rows or columns other than months and totals) with figures. Reported at the section's heading, saying which breakdown is missing.",
        rationale: "Reviewers size the award from the projection; a single yearly figure cannot be checked, and a projection without workloads cannot be tied to the migration plan.",
        severity: .warning,
        component: .consumption,
        triggering: [
            .section(.consumption, "We expect to spend about $300,000 on Bedrock over the next 12 months."),
            .section(.consumption, "| Month | M1 | M2 | M3 |\n|---|---|---|---|\n| Bedrock | $8,000 | $9,000 | $10,000 |"),
        ],
        nonTriggering: [
            .section(.consumption, "| Workload | M1 | M2 | M3 |\n|---|---|---|---|\n| Reconciliation agent (Claude Sonnet 4) | $6,000 | $7,000 | $8,000 |\n| Receipt extraction (Nova Lite) | $2,000 | $2,000 | $2,000 |"),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.consumption) else { return }
        if let p = context.consumption {
            if p.workloads.count < 2 {
                context.report(anchor, "The consumption projection is broken down by month but not by workload.",
                               suggestion: "Give each workload of the migration plan its own row (model, tokens, cost per month).")
            }
        } else if ConsumptionProjection.listMonths(context) >= 3 {
            context.report(anchor, "The consumption projection lists months but is not a table by workload.",
                           suggestion: "Use a table: one row per workload, one column per month (M1-M12), a Total row and column.")
        } else {
            context.report(anchor, "The consumption projection is not broken down by month or by workload.",
                           suggestion: "Use a table: one row per workload, one column per month (M1-M12), a Total row and column.")
        }
    }
}

/// Totals of the projection must equal the sums of their items.
public struct ConsumptionSum: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "consumption-sum",
        title: "A consumption total disagrees with its items",
        detail: "In the consumption table: a workload's total (the Total column) must equal its months, a month's total (the Total row) its workloads, and the grand total the months' totals; a 12-month total stated in the section's prose (an amount without a period in a sentence with 'total' or '12 months') must equal the table's sum. Within 1% (option `tolerance`) and $1. The safe fix writes the computed sum.",
        rationale: "The projection's arithmetic is checked like the POC budget's: a total that does not add up costs the reviewer's trust in every other figure, and the award is sized from it.",
        severity: .error,
        component: .consumption,
        triggering: [
            .section(.consumption, "| Workload | M1 | M2 | M3 | Total |\n|---|---|---|---|---|\n| Reconciliation agent | $6,000 | $7,000 | $8,000 | $21,000 |\n| Receipt extraction | $2,000 | $2,000 | $2,000 | $6,000 |\n| Total | $8,000 | $9,000 | $10,000 | $29,000 |"),
        ],
        nonTriggering: [
            .section(.consumption, "| Workload | M1 | M2 | M3 | Total |\n|---|---|---|---|---|\n| Reconciliation agent | $6,000 | $7,000 | $8,000 | $21,000 |\n| Receipt extraction | $2,000 | $2,000 | $2,000 | $6,000 |\n| Total | $8,000 | $9,000 | $10,000 | $27,000 |"),
        ],
        options: [RuleOption("tolerance", default: "0.01", "Relative difference allowed between a total and its sum.")],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        let tolerance = context.option("tolerance", default: 0.01)
        func check(_ stated: ConsumptionProjection.Cell?, _ sum: Double, _ what: String, _ items: [ConsumptionProjection.Cell]) {
            guard let stated, items.count >= 2, abs(stated.value - sum) > max(1, stated.value * tolerance) else { return }
            let text = context.document.texts[stated.run]
            let range = text.sourceRange(stated.range)
            let written = context.source.string(range)
            let replacement = written.hasPrefix("$") || stated.dollar ? dollars(sum) : String(dollars(sum).dropFirst())
            context.report(range, "\(what) add up to \(dollars(sum)); the total says \(dollars(stated.value)).",
                           suggestion: "Correct the total or the figure that is wrong.",
                           fix: Fix(title: "Replace the total with the sum (\(dollars(sum)))",
                                    edits: [TextEdit(range: range, replacement: replacement)], isSafe: true))
        }
        guard let p = context.consumption else {
            // No monthly table: a list of workloads with their 12-month figures and a stated total.
            let list = listItems(context)
            if let total = list.total { check(total, list.items.reduce(0) { $0 + $1.value }, "The workloads listed", list.items) }
            return
        }
        for (w, cells) in p.values.enumerated() where w < p.workloadTotals.count {
            let items = cells.compactMap { $0 }
            check(p.workloadTotals[w], items.reduce(0) { $0 + $1.value }, "The months of '\(p.workloads[w])'", items)
        }
        for m in p.months.indices where m < p.monthTotals.count {
            let items = p.values.compactMap { $0[m] }
            check(p.monthTotals[m], items.reduce(0) { $0 + $1.value }, "The workloads of \(p.months[m])", items)
        }
        let monthSums = p.monthlySpend
        let all = p.values.flatMap { $0.compactMap { $0 } }
        check(p.grandTotal, monthSums.reduce(0, +), "All workloads over \(p.months.count) months", all)
        // A 12-month total stated in the prose of the section: in a sentence that says "total"
        // (not about credits), the amount nearest after that word. A sentence that also names a
        // month's figure ("$420,500, reaching $45,150 in month 12") is fine when any of its
        // amounts is the sum.
        let table = Set(all.map(\.run) + p.monthTotals.compactMap { $0?.run } + p.workloadTotals.compactMap { $0?.run } + [p.grandTotal?.run].compactMap { $0 })
        let sum = monthSums.reduce(0, +)
        for ri in context.runs(.consumption) where !table.contains(ri) {
            let text = context.document.texts[ri]
            let amounts = context.quantities(ri).money.filter { $0.period == nil && !$0.isRange }
            var checked = Set<Range<Int>>()
            for money in amounts {
                let sentence = context.sentence(ri, around: money.range)
                guard !checked.contains(sentence) else { continue }
                checked.insert(sentence)
                let words = " " + Normalizer.key(text.string(sentence)) + " "
                guard words.contains(" total "), !words.contains(" credit"), !words.contains(" request") else { continue }
                let inSentence = amounts.filter { sentence.contains($0.range.lowerBound) }
                if inSentence.contains(where: { abs($0.value - sum) <= max(1, $0.value * tolerance) }) { continue }
                guard let totalWord = Self.firstWord("total", in: text, sentence),
                      let stated = inSentence.first(where: { $0.range.lowerBound >= totalWord }) ?? inSentence.last else { continue }
                check(ConsumptionProjection.Cell(value: stated.value, run: ri, range: stated.range, dollar: true),
                      sum, "The table's \(p.months.count) months", all)
            }
        }
    }
}

extension ConsumptionSum {
    /// Offset of the first occurrence of an ASCII word (case-insensitive, whole word) in a range of a run.
    static func firstWord(_ word: String, in text: TextRun, _ range: Range<Int>) -> Int? {
        let w = Array(word.utf8)
        let b = text.bytes
        var i = range.lowerBound
        while i + w.count <= range.upperBound {
            var match = true
            for k in 0..<w.count where (b[i + k] | 0x20) != w[k] { match = false; break }
            let before = i == 0 || !(b[i - 1] | 0x20 >= 0x61 && b[i - 1] | 0x20 <= 0x7A)
            let afterIndex = i + w.count
            let after = afterIndex >= b.count || !(b[afterIndex] | 0x20 >= 0x61 && b[afterIndex] | 0x20 <= 0x7A)
            if match && before && after { return i }
            i += 1
        }
        return nil
    }

    /// List items of the consumption section with one amount each (no period, not a total), and
    /// the total stated in a sentence with "total" outside the list.
    func listItems(_ context: LintContext) -> (items: [ConsumptionProjection.Cell], total: ConsumptionProjection.Cell?) {
        let doc = context.document
        var items: [ConsumptionProjection.Cell] = []
        var total: ConsumptionProjection.Cell?
        for ri in context.runs(.consumption) {
            let text = doc.texts[ri]
            let block = doc.blocks[text.block]
            let isItem = block.parent >= 0 && doc.blocks[block.parent].kind == .item
            let amounts = context.quantities(ri).money.filter { !$0.isRange }
            let words = " " + Normalizer.key(text.string) + " "
            let isTotal = words.contains(" total ")
            if isItem && !isTotal && amounts.count == 1 && amounts[0].period == nil {
                items.append(.init(value: amounts[0].value, run: ri, range: amounts[0].range, dollar: true))
            } else if isTotal && total == nil, let m = amounts.first(where: { $0.period == nil }),
                      !words.contains(" credit") && !words.contains(" request") {
                total = .init(value: m.value, run: ri, range: m.range, dollar: true)
            }
        }
        return (items, total)
    }
}

/// The migration plan must name the Bedrock models it moves to.
public struct MigrationNoModel: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "migration-no-model",
        title: "The migration plan names no Bedrock model",
        detail: "No Bedrock model or model family of the catalog (`rules/models.yml`) is named in the Bedrock migration plan. Reported at the section's heading.",
        rationale: "A migration plan without named models cannot be costed or checked against the consumption projection.",
        severity: .warning,
        component: .migration,
        triggering: [
            .section(.migration, "We commit all production traffic to Bedrock by month 3, using the best available model for each workload."),
        ],
        nonTriggering: [
            .section(.migration, "We commit all production traffic to Claude Sonnet 4 on Bedrock by month 3."),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.migration) else { return }
        let runs = Set(context.runs(.migration))
        guard !context.modelMentions.contains(where: { runs.contains($0.run) && ($0.kind == .bedrock || $0.kind == .family) }) else { return }
        context.report(anchor, "The migration plan names no Bedrock model.",
                       suggestion: "Name the model of each workload ('Claude Sonnet 4 for reconciliation, Amazon Nova Lite for receipt extraction').")
    }
}

/// The migration plan must describe retrieval (or say none is needed).
public struct MigrationNoRAG: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "migration-no-rag",
        title: "The migration plan says nothing of retrieval",
        detail: "No word of the `rag` list (RAG, retrieval, Knowledge Bases, vector store, embeddings, OpenSearch... or 'no retrieval') appears in the Bedrock migration plan. Reported at the section's heading.",
        rationale: "Reviewers expect the RAG architecture on Bedrock (Knowledge Bases, the vector store, the embeddings model): it is a large part of both the work and the consumption. A product without retrieval should say so.",
        severity: .warning,
        component: .migration,
        triggering: [
            .section(.migration, "We commit all production traffic to Claude Sonnet 4 on Bedrock by month 3."),
        ],
        nonTriggering: [
            .section(.migration, "We commit all production traffic to Claude Sonnet 4 on Bedrock by month 3; ledgers are retrieved from Knowledge Bases for Amazon Bedrock on OpenSearch Serverless."),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.migration), context.terms("rag", in: context.runs(.migration)).isEmpty else { return }
        context.report(anchor, "The migration plan does not describe retrieval (RAG) on Bedrock.",
                       suggestion: "Describe the retrieval path (Knowledge Bases for Amazon Bedrock, the vector store, the embeddings model), or say that the product needs none.")
    }
}

/// The migration plan must have a fallback.
public struct MigrationNoFallback: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "migration-no-fallback",
        title: "The migration plan has no fallback",
        detail: "No word of the `fallback` list (fallback, fall back, failover...) appears in the Bedrock migration plan. Reported at the section's heading.",
        rationale: "A migration without a fallback risks the customers the traction section counts; reviewers look for what happens when a model is throttled or fails its evaluation.",
        severity: .warning,
        component: .migration,
        triggering: [
            .section(.migration, "We commit all production traffic to Claude Sonnet 4 on Bedrock by month 3."),
        ],
        nonTriggering: [
            .section(.migration, "We commit all production traffic to Claude Sonnet 4 on Bedrock by month 3, with Claude 3.5 Haiku as the fallback when Sonnet is throttled."),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.migration), context.terms("fallback", in: context.runs(.migration)).isEmpty else { return }
        context.report(anchor, "The migration plan has no fallback.",
                       suggestion: "Name the fallback: another Bedrock model, cross-region inference, or the degraded path users see.")
    }
}

/// The migration plan must say how the migrated models are evaluated.
public struct MigrationNoEvaluation: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "migration-no-evaluation",
        title: "The migration plan does not say how it is evaluated",
        detail: "No word of the `evaluation_terms` list (evaluation, test set, benchmark, shadow traffic, A/B test...) nor of the `metric` list (accuracy, F1...) appears in the Bedrock migration plan. Reported at the section's heading.",
        rationale: "Moving production traffic to new models needs evidence that quality holds; reviewers look for the test set and the metric that decides each cut-over.",
        severity: .warning,
        component: .migration,
        triggering: [
            .section(.migration, "We commit all production traffic to Claude Sonnet 4 on Bedrock by month 3."),
        ],
        nonTriggering: [
            .section(.migration, "We commit all production traffic to Claude Sonnet 4 on Bedrock by month 3, once it matches GPT-4o's 0.94 match accuracy on our 2,000-ledger test set."),
        ],
        readsProse: false,
        profiles: ["accelerator"])

    public func check(_ context: LintContext) {
        guard let anchor = context.anchor(.migration) else { return }
        let runs = context.runs(.migration)
        guard context.terms("evaluation_terms", in: runs).isEmpty && context.terms("metric", in: runs).isEmpty else { return }
        context.report(anchor, "The migration plan does not say how the migrated models are evaluated.",
                       suggestion: "Name the test set, the metric and the threshold each workload must meet before it cuts over.")
    }
}
