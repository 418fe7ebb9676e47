import Foundation
import POCLintCore

/// The 12-month consumption projection of an accelerator application, read from the first
/// table of the consumption section whose header row (months as columns) or first column
/// (months as rows) holds at least three month labels (`month_labels`: Month 1, M1, Jan...).
/// Workloads are the other rows (or columns); a row or column labelled "total" (or "sum")
/// holds stated totals.
struct ConsumptionProjection {
    /// A dollar figure of a cell.
    struct Cell {
        let value: Double
        let run: Int
        let range: Range<Int>
        /// The figure was written with a `$`.
        let dollar: Bool
    }

    /// Month labels, in table order.
    var months: [String] = []
    /// Workload names, in table order.
    var workloads: [String] = []
    /// `values[w][m]`: workload w in month m (nil: empty cell).
    var values: [[Cell?]] = []
    /// A workload's stated 12-month total (the total column).
    var workloadTotals: [Cell?] = []
    /// A month's stated total over the workloads (the total row).
    var monthTotals: [Cell?] = []
    /// The total row's total column.
    var grandTotal: Cell?
    /// Whether a table with months was found at all.
    var found: Bool { !months.isEmpty }

    /// Each month's spend: the sum of its workloads (the stated total when no workload has a figure).
    var monthlySpend: [Double] {
        months.indices.map { m in
            let cells = values.compactMap { $0[m] }
            if cells.isEmpty { return monthTotals.indices.contains(m) ? monthTotals[m]?.value ?? 0 : 0 }
            return cells.reduce(0) { $0 + $1.value }
        }
    }

    var peak: Double? { monthlySpend.max() }

    static func read(_ context: LintContext) -> ConsumptionProjection? {
        let runs = Set(context.runs(.consumption))
        guard !runs.isEmpty, let monthList = context.pack.termListIndex("month_labels") else { return nil }
        let doc = context.document
        func run(_ cell: Int) -> Int? { doc.blocks[cell].text }
        func isMonth(_ cell: Int) -> Bool {
            guard let r = run(cell) else { return false }
            let text = doc.texts[r]
            // The label must start the cell ("Month 3", "M3", "Mar 2027"), not merely mention a month.
            return context.matches(inRun: r).contains { m in
                m.textRange.lowerBound == 0 && context.pack.entries[m.pattern].contains(PatternEntry(kind: .term, index: monthList))
            } && text.bytes.count <= 24
        }
        func isTotal(_ cell: Int) -> Bool {
            guard let r = run(cell) else { return false }
            let key = " " + Normalizer.key(doc.texts[r].string) + " "
            return key.contains(" total ") || key.contains(" sum ") || key.contains(" totals ")
        }
        func label(_ cell: Int) -> String {
            run(cell).map { doc.texts[$0].string.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        func figure(_ cell: Int) -> Cell? {
            guard let r = run(cell) else { return nil }
            let q = context.quantities(r)
            if let m = q.money.first(where: { !$0.isRange }) {
                return Cell(value: m.value, run: r, range: m.range, dollar: true)
            }
            if let t = q.tokens.first(where: { $0.number != nil && !$0.isPercent }), let v = t.number {
                return Cell(value: v, run: r, range: t.range, dollar: t.isDollar)
            }
            return nil
        }

        for table in doc.tables {
            guard let first = table.header.first, let r0 = run(first), runs.contains(r0) else { continue }
            var p = ConsumptionProjection()
            let headerMonths = table.header.indices.filter { isMonth(table.header[$0]) }
            let rowMonths = table.rows.indices.filter { !table.rows[$0].isEmpty && isMonth(table.rows[$0][0]) }
            if headerMonths.count >= 3 {
                // Months as columns, workloads as rows.
                p.months = headerMonths.map { label(table.header[$0]) }
                let totalColumn = table.header.indices.last { $0 > 0 && isTotal(table.header[$0]) && !headerMonths.contains($0) }
                for row in table.rows where !row.isEmpty {
                    let cells = headerMonths.map { $0 < row.count ? figure(row[$0]) : nil }
                    let total = totalColumn.flatMap { $0 < row.count ? figure(row[$0]) : nil }
                    if isTotal(row[0]) {
                        p.monthTotals = cells
                        p.grandTotal = total
                    } else {
                        p.workloads.append(label(row[0]))
                        p.values.append(cells)
                        p.workloadTotals.append(total)
                    }
                }
            } else if rowMonths.count >= 3 {
                // Months as rows, workloads as columns.
                p.months = rowMonths.map { label(table.rows[$0][0]) }
                let totalColumn = table.header.indices.last { $0 > 0 && isTotal(table.header[$0]) }
                let workloadColumns = table.header.indices.filter { $0 > 0 && $0 != totalColumn }
                p.workloads = workloadColumns.map { label(table.header[$0]) }
                p.values = workloadColumns.map { c in rowMonths.map { r in c < table.rows[r].count ? figure(table.rows[r][c]) : nil } }
                p.monthTotals = rowMonths.map { r in totalColumn.flatMap { $0 < table.rows[r].count ? figure(table.rows[r][$0]) : nil } }
                if let totalRow = table.rows.firstIndex(where: { !$0.isEmpty && isTotal($0[0]) }) {
                    let row = table.rows[totalRow]
                    p.workloadTotals = workloadColumns.map { $0 < row.count ? figure(row[$0]) : nil }
                    p.grandTotal = totalColumn.flatMap { $0 < row.count ? figure(row[$0]) : nil }
                } else {
                    p.workloadTotals = workloadColumns.map { _ in nil }
                }
            } else {
                continue
            }
            // A workload with no figure at all is a label row ("Workload", "Notes"), not a workload.
            let keep = p.values.indices.filter { w in p.values[w].contains { $0 != nil } || p.workloadTotals[w] != nil }
            p.workloads = keep.map { p.workloads[$0] }
            p.values = keep.map { p.values[$0] }
            p.workloadTotals = keep.map { p.workloadTotals[$0] }
            return p
        }
        return nil
    }

    /// A list breakdown by month ("- Month 1: $4,000"): at least three items or lines that start with a month label.
    static func listMonths(_ context: LintContext) -> Int {
        guard let monthList = context.pack.termListIndex("month_labels") else { return 0 }
        var n = 0
        for ri in context.runs(.consumption) {
            let block = context.document.blocks[context.document.texts[ri].block]
            guard block.kind == .paragraph else { continue }
            if context.matches(inRun: ri).contains(where: { $0.textRange.lowerBound == 0 && context.pack.entries[$0.pattern].contains(PatternEntry(kind: .term, index: monthList)) }) {
                n += 1
            }
        }
        return n
    }
}

extension LintContext {
    var consumption: ConsumptionProjection? {
        memo("consumption") { ConsumptionProjection.read(self) }
    }
}
