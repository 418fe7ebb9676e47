/// Writes merged configuration values back as a `.poclint.yml` (what `--print-config`
/// shows): every rule with its effective severity, the scalars with their effective values,
/// and the data-pack extensions. The output is itself a valid configuration file.
public enum ConfigPrinter {
    public static func render(_ values: ConfigFile, files: [String], rules: [RuleDescription],
                              pack: RulePack = .builtIn) -> String {
        var out = "# poclint configuration (merged)\n"
        if files.isEmpty {
            out += "# no \(ConfigLoader.fileName) found: built-in defaults\n"
        } else {
            out += "# read from: \(files.joined(separator: ", ")) (the first wins)\n"
        }
        out += "budget_tolerance: \(number(values.budgetTolerance ?? Configuration().budgetTolerance))\n"
        out += "window: \(values.window.map(String.init) ?? "null")  # 60 or 90; null accepts either\n"
        out += "requested_credit: \(values.requestedCredit.map(number) ?? "null")\n"
        out += "profile: \(values.profile ?? "null")\n"
        out += "catalog_as_of: \(quote(values.catalogAsOf ?? pack.models.as_of))\n"
        out += "rules:\n"
        for rule in rules.sorted(by: { $0.id < $1.id }) {
            let entry = values.rules[rule.id]
            let severity = entry?.severity ?? rule.severity.rawValue
            if let options = entry?.options, !options.isEmpty {
                let opts = options.keys.sorted().map { "\($0): \(value(options[$0]!))" }.joined(separator: ", ")
                out += "  \(rule.id): {severity: \(severity), options: {\(opts)}}\n"
            } else {
                out += "  \(rule.id): \(severity)\n"
            }
        }
        if !values.components.isEmpty {
            out += "components:\n"
            for c in RulePack.builtIn.allComponents {
                guard let e = values.components[c] else { continue }
                out += "  \(c.rawValue):\n"
                if !e.headings.isEmpty { out += "    headings: \(list(e.headings))\n" }
                if !e.cues.isEmpty { out += "    cues: \(list(e.cues))\n" }
            }
        }
        if !values.phrases.isEmpty {
            out += "phrases:\n"
            for p in values.phrases {
                out += "  - phrase: \(quote(p.phrase))\n"
                if let v = p.variants, !v.isEmpty { out += "    variants: \(list(v))\n" }
                out += "    category: \(quote(p.category))\n"
                out += "    components: \(list(p.components))\n"
                out += "    severity: \(p.severity.rawValue)\n"
                out += "    say_instead: \(quote(p.say_instead))\n"
            }
        }
        if !values.models.isEmpty {
            out += "models:\n"
            for m in values.models {
                out += "  - id: \(quote(m.id))\n"
                func field(_ name: String, _ v: String?) { if let v { out += "    \(name): \(v)\n" } }
                field("provider", m.provider.map(quote))
                field("family", m.family.map(quote))
                field("display_name", m.display_name.map(quote))
                field("aliases", m.aliases.map(list))
                field("bedrock_model_id", m.bedrock_model_id.map(quote))
                field("kind", m.kind.map(quote))
                field("input_per_mtok", m.input_per_mtok.map(number))
                field("output_per_mtok", m.output_per_mtok.map(number))
                field("source", m.source.map(quote))
                field("as_of", m.as_of.map(quote))
            }
        }
        return out
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    /// A double-quoted YAML scalar.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\x" + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func list(_ items: [String]) -> String { "[" + items.map(quote).joined(separator: ", ") + "]" }

    static func value(_ v: OptionValue) -> String {
        switch v {
        case .bool(let b): b ? "true" : "false"
        case .number(let n): number(n)
        case .string(let s): quote(s)
        case .list(let l): list(l)
        }
    }
}
