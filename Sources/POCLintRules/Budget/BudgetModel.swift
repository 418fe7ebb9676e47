import POCLintCore

/// A line of the budget: a table row, a list item, or a sentence of prose with an amount.
struct BudgetLine {
    enum Origin { case tableRow, listItem, prose }
    let origin: Origin
    /// The label (first cell, or the text before the amount).
    let label: String
    /// Runs (cells or the paragraph) the line is made of.
    let runs: [Int]
    /// The amount and where it is.
    let amount: Money?
    let amountRun: Int?
    /// Period of the amount: its own, else its column's, else the budget's default.
    let period: Period?
    /// Token volumes with their runs.
    let volumes: [(TokenVolume, Int)]
    let isTotal: Bool
    let isSubtotal: Bool
    /// The models named on the line.
    let models: [ModelMention]
    /// Whether the line is model inference (a model, "inference" or token volumes).
    let isInference: Bool

    var amountRange: SourceRange? { nil }
}

/// The budget section read as lines, a total and the amounts, shared by the budget rules.
struct BudgetModel {
    /// Words of a sentence about credits or runway, not about spend.
    static let creditWords = ASCIISearch("credit", "lasts", "covers", "runway")
    var lines: [BudgetLine] = []
    /// Every amount in the budget section, with its run.
    var amounts: [(Money, Int)] = []

    /// The line items a total should add up to: the table rows and list items; when the budget
    /// has neither, the amounts of its prose.
    var items: [BudgetLine] {
        let all = lines.filter { !$0.isTotal && !$0.isSubtotal && $0.amount != nil }
        let structured = all.filter { $0.origin != .prose }
        return structured.isEmpty ? all : structured
    }
    var total: BudgetLine? { lines.first { $0.isTotal && $0.amount != nil } }

    /// Monthly value of a line's amount (nil when its period is unknown and not monthly by context).
    func monthly(_ line: BudgetLine, daysPerMonth: Double) -> Double? {
        guard let a = line.amount else { return nil }
        return a.value * (line.period ?? .month).perMonth(daysPerMonth: daysPerMonth)
    }
}

extension LintContext {
    var budget: BudgetModel {
        memo("budget") { BudgetModel.read(self) }
    }
}

extension BudgetModel {
    static func periodOf(_ text: String) -> Period? {
        let t = " " + Normalizer.key(text) + " "
        if t.contains(" month") || t.contains(" mo ") || t.contains(" monthly ") { return .month }
        if t.contains(" day ") || t.contains(" daily ") || t.contains(" per day") { return .day }
        if t.contains(" year") || t.contains(" annual") { return .year }
        if t.contains(" week") { return .week }
        if t.contains(" hour") { return .hour }
        return nil
    }

    static func isTotalLabel(_ text: String) -> Bool {
        let t = " " + Normalizer.key(text) + " "
        return t.contains(" total ") || t.contains(" grand total ") || t.hasPrefix(" total") || t.contains(" sum ")
    }

    static func isSubtotalLabel(_ text: String) -> Bool {
        Normalizer.key(text).contains("subtotal") || Normalizer.key(text).contains("sub total")
    }

    static func read(_ context: LintContext) -> BudgetModel {
        var model = BudgetModel()
        let doc = context.document
        let runs = context.runs(.budget)
        guard !runs.isEmpty else { return model }
        let runSet = Set(runs)
        let mentions = context.modelMentions.filter { $0.component == .budget }
        func models(in rs: [Int]) -> [ModelMention] { mentions.filter { rs.contains($0.run) && ($0.kind == .bedrock || $0.kind == .family) } }
        func inferenceWords(_ rs: [Int]) -> Bool { !context.terms("inference", in: rs).isEmpty }

        for ri in runs {
            for m in context.quantities(ri).money { model.amounts.append((m, ri)) }
        }
        // Default period: the budget's own words ("monthly cost", "per month") else a month.
        var handledRuns = Set<Int>()

        // Tables.
        for table in doc.tables {
            let cells = table.header + table.rows.flatMap { $0 }
            guard let firstCell = cells.first, let t0 = doc.blocks[firstCell].text, runSet.contains(t0) else { continue }
            let headers = table.header.map { doc.blocks[$0].text.map { doc.texts[$0].string } ?? "" }
            // The amount column: the one whose body cells hold money most often (ties: the rightmost).
            var moneyCounts = Array(repeating: 0, count: max(headers.count, table.rows.map(\.count).max() ?? 0))
            for row in table.rows {
                for (ci, cell) in row.enumerated() where ci < moneyCounts.count {
                    if let t = doc.blocks[cell].text, !context.quantities(t).money.isEmpty { moneyCounts[ci] += 1 }
                }
            }
            let amountColumn = moneyCounts.indices.max { a, b in moneyCounts[a] != moneyCounts[b] ? moneyCounts[a] < moneyCounts[b] : a < b }
            for c in cells { if let t = doc.blocks[c].text { handledRuns.insert(t) } }
            guard let amountColumn, moneyCounts[amountColumn] > 0 else { continue }
            let columnPeriod = amountColumn < headers.count ? periodOf(headers[amountColumn]) : nil
            for row in table.rows {
                let rowRuns = row.compactMap { doc.blocks[$0].text }
                guard !rowRuns.isEmpty else { continue }
                let label = doc.texts[rowRuns[0]].string
                var amount: Money?
                var amountRun: Int?
                if amountColumn < row.count, let t = doc.blocks[row[amountColumn]].text {
                    amount = context.quantities(t).money.first
                    amountRun = t
                }
                var volumes: [(TokenVolume, Int)] = []
                for (ci, cell) in row.enumerated() {
                    guard let t = doc.blocks[cell].text else { continue }
                    for v in context.quantities(t).volumes { volumes.append((v, t)) }
                    // A bare figure under an "Input tokens / day" header.
                    if ci < headers.count, ci != amountColumn {
                        let h = Normalizer.key(headers[ci])
                        if h.contains("token"), context.quantities(t).volumes.isEmpty,
                           let n = context.quantities(t).tokens.first(where: { $0.number != nil && !$0.isDollar && !$0.isPercent }), let v = n.number {
                            let dir: TokenDirection = h.contains("input") || h.contains("prompt") ? .input : h.contains("output") || h.contains("completion") ? .output : .total
                            volumes.append((TokenVolume(tokens: v, direction: dir, period: periodOf(headers[ci]), range: n.range), t))
                        }
                    }
                }
                let ms = models(in: rowRuns)
                let isTotal = isTotalLabel(label) && !isSubtotalLabel(label)
                model.lines.append(BudgetLine(
                    origin: .tableRow, label: label, runs: rowRuns, amount: amount, amountRun: amountRun,
                    period: amount?.period ?? columnPeriod, volumes: volumes, isTotal: isTotal,
                    isSubtotal: isSubtotalLabel(label), models: ms,
                    isInference: !ms.isEmpty || !volumes.isEmpty || inferenceWords([rowRuns[0]])))
            }
        }

        // List items: one line each.
        var proseRuns: [Int] = []
        for ri in runs where !handledRuns.contains(ri) {
            let block = doc.blocks[doc.texts[ri].block]
            guard block.kind == .paragraph else { continue }
            let q = context.quantities(ri)
            guard !q.money.isEmpty else { continue }
            let isItem = block.parent >= 0 && doc.blocks[block.parent].kind == .item
            guard isItem else { proseRuns.append(ri); continue }
            let text = doc.texts[ri]
            // The amount: the monthly one if there is one, else the last.
            let amount = q.money.first { $0.period == .month } ?? q.money.last!
            let label = text.string(0..<amount.fullRange.lowerBound)
            let ms = models(in: [ri])
            let volumes = q.volumes.map { ($0, ri) }
            model.lines.append(BudgetLine(
                origin: .listItem, label: label, runs: [ri], amount: amount, amountRun: ri,
                period: amount.period, volumes: volumes, isTotal: isTotalLabel(label), isSubtotal: isSubtotalLabel(label), models: ms,
                isInference: !ms.isEmpty || !volumes.isEmpty || inferenceWords([ri])))
        }

        // Prose: a line per sentence with an amount, or per amount when a sentence lists several
        // ("Lambda $60 a month, Amazon S3 logging $10 a month and CloudWatch $40 a month").
        for ri in proseRuns {
            let text = doc.texts[ri]
            let q = context.quantities(ri)
            var bySentence: [(Range<Int>, [Money])] = []
            for m in q.money {
                let sentence = context.sentence(ri, around: m.range)
                if let last = bySentence.last, last.0 == sentence { bySentence[bySentence.count - 1].1.append(m) }
                else { bySentence.append((sentence, [m])) }
            }
            for (sentence, amounts) in bySentence {
                // A sentence about the credit requested or the runway is not a cost; in prose a cost
                // is an amount per period.
                if BudgetModel.creditWords.occurs(in: text, sentence) { continue }
                let monthly = amounts.filter { $0.period == .month }
                let totalFirst = isTotalLabel(text.string(sentence.lowerBound..<amounts[0].range.lowerBound))
                let kept = totalFirst ? [amounts[0]] : monthly.isEmpty ? amounts.filter { $0.period != nil } : monthly
                var segmentStart = sentence.lowerBound
                for (k, amount) in kept.enumerated() {
                    let segmentEnd = k + 1 < kept.count ? kept[k + 1].fullRange.lowerBound : sentence.upperBound
                    let segment = segmentStart..<segmentEnd
                    let label = text.string(segmentStart..<amount.fullRange.lowerBound)
                    let ms = mentions.filter { $0.run == ri && segment.contains($0.textRange.lowerBound) && ($0.kind == .bedrock || $0.kind == .family) }
                    let volumes = q.volumes.filter { segment.contains($0.range.lowerBound) }.map { ($0, ri) }
                    let isTotal = k == 0 && isTotalLabel(text.string(sentence.lowerBound..<amount.range.lowerBound))
                    model.lines.append(BudgetLine(
                        origin: .prose, label: label, runs: [ri], amount: amount, amountRun: ri,
                        period: amount.period, volumes: volumes, isTotal: isTotal, isSubtotal: isSubtotalLabel(label), models: ms,
                        isInference: !ms.isEmpty || !volumes.isEmpty || !context.terms("inference", in: [ri]).isEmpty && kept.count == 1))
                    segmentStart = amount.fullRange.upperBound
                    if isTotal { break }
                }
            }
        }
        return model
    }
}
