import ArgumentParser
import Foundation
import POCLintCore

struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Monthly Bedrock inference cost and credit runway for a model and token volumes.",
        discussion: """
        Uses the price catalog the budget rules use (with the models and prices of the \
        .poclint.yml found from the current folder, or --config). Monthly cost = (input \
        million tokens a day × input price + output million tokens a day × output price) × 30.

        Example: poclint cost --model "Claude Sonnet 4" --input 10M/day --output 2M/day --credit 25K
        """)

    @Option(name: .long, help: "Model name, alias or id from the catalog (e.g. \"Claude Sonnet 4\", claude-3-haiku).")
    var model: String

    @Option(name: .long, help: ArgumentHelp("Input tokens: 10M/day, 300M/month, 500K/hour.", valueName: "RATE"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("Output tokens: 2M/day.", valueName: "RATE"))
    var output: String = "0/day"

    @Option(name: .long, help: ArgumentHelp("Credit in dollars (25K, $50,000) to compute the runway.", valueName: "AMOUNT"))
    var credit: String?

    @Option(name: .long, help: ArgumentHelp("Configuration file with model prices (default: the nearest .poclint.yml).", valueName: "FILE"))
    var config: String?

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let loader = ConfigLoader(rules: RuleCatalog.descriptions, workingDirectory: cwd)
        if let config, !PathUtil.isFile(PathUtil.absolute(config, relativeTo: cwd)) {
            throw CLIError("\(config): configuration file not found")
        }
        let configuration: Configuration
        do {
            configuration = try loader.configuration(config ?? loader.discover(forFileIn: cwd))
        } catch {
            throw CLIError(error.description)
        }
        let pack = configuration.pack
        let days = configuration.daysPerMonth
        guard let m = pack.model(named: model) else {
            let names = pack.models.models.flatMap { [$0.display_name, $0.id] }
            throw CLIError("unknown model '\(model)'\(NearestNames.hint(model, among: names)); the catalog (as of \(pack.models.as_of)) lists \(pack.models.models.count) models")
        }
        guard let inPerDay = CostMath.parseTokenRate(input, daysPerMonth: days) else {
            throw CLIError("--input '\(input)': give tokens per period, e.g. 10M/day, 300M/month or 500K/hour")
        }
        guard let outPerDay = CostMath.parseTokenRate(output, daysPerMonth: days) else {
            throw CLIError("--output '\(output)': give tokens per period, e.g. 2M/day")
        }
        var creditValue: Double?
        if let credit {
            guard let c = ConfigFile.parseDollars(credit), c > 0 else {
                throw CLIError("--credit '\(credit)': give an amount in dollars, e.g. 25K or 50000")
            }
            creditValue = c
        }
        let monthly = CostMath.monthlyCost(inputTokensPerDay: inPerDay, outputTokensPerDay: outPerDay,
                                           inputPricePerMTok: m.input_per_mtok, outputPricePerMTok: m.output_per_mtok,
                                           daysPerMonth: days)
        let inCost = CostMath.monthlyCost(inputTokensPerDay: inPerDay, outputTokensPerDay: 0,
                                          inputPricePerMTok: m.input_per_mtok, outputPricePerMTok: 0, daysPerMonth: days)
        let outCost = monthly - inCost
        let d = Int(days)
        var out = "\(m.display_name) (\(m.id)): \(Dollars.format(m.input_per_mtok)) input / \(Dollars.format(m.output_per_mtok)) output per million tokens"
        out += " (catalog as of \(m.as_of ?? pack.models.as_of))\n"
        out += "input:   \(Self.tokens(inPerDay)) tokens a day x \(d) days = \(Self.tokens(inPerDay * days)) tokens  \(Dollars.format(inCost))\n"
        out += "output:  \(Self.tokens(outPerDay)) tokens a day x \(d) days = \(Self.tokens(outPerDay * days)) tokens  \(Dollars.format(outCost))\n"
        out += "monthly cost: \(Dollars.format(monthly))\n"
        if let c = creditValue {
            let months = CostMath.runwayMonths(credit: c, monthlyCost: monthly)
            if months.isFinite {
                out += "runway: \(Dollars.format(c)) lasts \(String(format: "%.1f", months)) months at this rate"
                out += months < 12 ? " (credits are usually valid 12 months: this rate uses them up first)\n" : "\n"
            } else {
                out += "runway: unlimited (no inference cost)\n"
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// 10M, 2.5M, 500K, 1.2B.
    static func tokens(_ n: Double) -> String {
        func short(_ v: Double, _ unit: String) -> String {
            let s = v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
            return s + unit
        }
        if n >= 1e9 { return short(n / 1e9, "B") }
        if n >= 1e6 { return short(n / 1e6, "M") }
        if n >= 1e3 { return short(n / 1e3, "K") }
        return short(n, "")
    }
}

enum Dollars {
    /// `$1,800.00`, `$0.035`: two decimals, more for prices below a cent's precision.
    static func format(_ v: Double) -> String {
        let decimals = abs(v * 100 - (v * 100).rounded()) > 1e-9 ? 3 : 2
        let s = String(format: "%.\(decimals)f", v)
        let parts = s.split(separator: ".")
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return "$" + whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
