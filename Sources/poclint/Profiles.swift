import ArgumentParser
import POCLintCore
import POCLintRules
import POCLintReport

enum ProfileOption {
    static func validate(_ name: String) throws {
        let known = RulePack.builtIn.profiles.map(\.id)
        guard known.contains(name) else {
            throw ValidationError("unknown profile '\(name)'\(NearestNames.hint(name, among: known)); profiles: \(known.joined(separator: ", "))")
        }
    }
}

/// `--min-tier`: TIER (every profile that has such a tier) or PROFILE:TIER.
struct TierGate {
    enum Verdict { case pass, below(String), notATier(String) }

    private var gates: [(profile: String?, tier: Tier)] = []
    var isEmpty: Bool { gates.isEmpty }

    init(_ values: [String]) throws {
        let pack = RulePack.builtIn
        for v in values {
            let parts = v.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                guard let p = pack.profile(parts[0]) else {
                    throw ValidationError("--min-tier \(v): unknown profile '\(parts[0])'; profiles: \(pack.profiles.map(\.id).joined(separator: ", "))")
                }
                guard p.tiers.contains(Tier(parts[1])) else {
                    throw ValidationError("--min-tier \(v): '\(parts[1])' is not a tier of the \(p.id) profile (\(p.tiers.map(\.rawValue).joined(separator: ", ")))")
                }
                gates.append((p.id, Tier(parts[1])))
            } else {
                let all = pack.profiles.flatMap { $0.tiers.map(\.rawValue) }
                guard all.contains(v) else {
                    throw ValidationError("--min-tier \(v): not a tier\(NearestNames.hint(v, among: all)); POC: \(pack.poc.tiers.map(\.rawValue).joined(separator: ", "))")
                }
                gates.append((nil, Tier(v)))
            }
        }
    }

    /// The gate that applies to a prediction: one for its profile, else an unqualified one of its ladder.
    func check(_ p: Prediction) -> Verdict { check(profile: p.profile, tier: p.tier) }

    func check(profile id: String, tier: Tier) -> Verdict {
        guard !gates.isEmpty, let profile = RulePack.builtIn.profile(id) else { return .pass }
        let gate = gates.first { $0.profile == profile.id } ?? gates.first { $0.profile == nil && profile.tiers.contains($0.tier) }
        guard let gate else {
            let given = gates.map { ($0.profile.map { $0 + ":" } ?? "") + $0.tier.rawValue }.joined(separator: ", ")
            return .notATier("--min-tier \(given) does not apply to the \(profile.id) profile (tiers: \(profile.tiers.map(\.rawValue).joined(separator: ", "))); add --min-tier \(profile.id):TIER")
        }
        return profile.rank(tier) < profile.rank(gate.tier) ? .below((gate.profile.map { $0 + ":" } ?? "") + gate.tier.rawValue) : .pass
    }
}

/// A POC application and an accelerator application of one founder, as two files: when a
/// folder holds exactly one file of each profile, the cross rules compare them.
enum CrossFiles {
    static func compare(_ reports: [FileReport], linters: [Linter]) -> [FileReport] {
        var byFolder: [String: [Int]] = [:]
        for (i, r) in reports.enumerated() where r.path != "-" && r.path != "<stdin>" {
            byFolder[PathUtil.parent(r.path), default: []].append(i)
        }
        var out = reports
        for (_, indices) in byFolder where indices.count >= 2 {
            // Single-application files only: a two-part document is compared within itself.
            let single = indices.filter { reports[$0].result.parts.count == 1 }
            let poc = single.filter { reports[$0].result.profile == "poc" }
            let accelerator = single.filter { reports[$0].result.profile == "accelerator" }
            guard poc.count == 1, accelerator.count == 1 else { continue }
            let a = accelerator[0], p = poc[0]
            let found = linters[a].compare(reports[a].result, with: reports[p].result, otherPath: reports[p].path)
            if !found.isEmpty { out[a] = FileReport(path: reports[a].path, result: reports[a].result.adding(found)) }
        }
        return out
    }
}
