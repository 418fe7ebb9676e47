/// `poclint lint` with plain arguments, read without swift-argument-parser.
///
/// ArgumentParser builds each command's arguments by reflection, and first parses the
/// arguments a second time to see whether they ask for a completion script; for one
/// application that was about a fifth of the run (issue #7). This reads the common case by
/// hand: `lint`, then paths and the long options of `LintCommand`, each given once, a value
/// after `=` or in the next argument. Anything else (help, a short or unknown option, a
/// repeated option, `--`, a value that starts with `-` or is not one of the choices, a command
/// that does not validate) gives nil, and ArgumentParser parses the arguments as before, with
/// its own messages.
///
/// Every property of `LintCommand` must be set here, with the default it declares: a test
/// (Tests/poclintTests) compares the commands both parsers make, property by property.
extension LintCommand {
    static func quickParse(_ arguments: [String]) -> LintCommand? {
        guard arguments.first == "lint" else { return nil }
        var paths: [String] = []
        var format = OutputFormat.text, failOn = FailLevel.error
        var output: String?, maxWarnings: Int?, profile: String?, config: String?
        var minTier: [String] = []
        var exitZero = false, printConfig = false, fix = false, dryRun = false, noColor = false, quiet = false
        var seen: [Substring] = []
        var i = 1
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if argument == "-" || !argument.hasPrefix("-") {
                // `help` and the empty argument are ArgumentParser's to read.
                guard argument != "help", !argument.isEmpty else { return nil }
                paths.append(argument)
                continue
            }
            guard argument.hasPrefix("--") else { return nil }
            let name: Substring
            var inline: String?
            if let eq = argument.firstIndex(of: "=") {
                name = argument[..<eq]
                inline = String(argument[argument.index(after: eq)...])
                guard inline != "" else { return nil }
            } else {
                name = argument[...]
            }
            if name != "--min-tier" {
                guard !seen.contains(name) else { return nil }
                seen.append(name)
            }
            /// The option's value: after `=`, or the next argument unless it starts with `-`.
            func value() -> String? {
                if let inline { return inline }
                guard i < arguments.count, !arguments[i].isEmpty, !arguments[i].hasPrefix("-") else { return nil }
                i += 1
                return arguments[i - 1]
            }
            switch name {
            case "--format":
                guard let v = value(), let f = OutputFormat(rawValue: v) else { return nil }
                format = f
            case "--output":
                guard let v = value() else { return nil }
                output = v
            case "--fail-on":
                guard let v = value(), let f = FailLevel(rawValue: v) else { return nil }
                failOn = f
            case "--max-warnings":
                guard let v = value(), let n = Int(v) else { return nil }
                maxWarnings = n
            case "--min-tier":
                guard let v = value() else { return nil }
                minTier.append(v)
            case "--profile":
                guard let v = value() else { return nil }
                profile = v
            case "--config":
                guard let v = value() else { return nil }
                config = v
            default:
                // A flag: no value.
                guard inline == nil else { return nil }
                switch name {
                case "--exit-zero": exitZero = true
                case "--print-config": printConfig = true
                case "--fix": fix = true
                case "--dry-run": dryRun = true
                case "--no-color": noColor = true
                case "--quiet": quiet = true
                default: return nil
                }
            }
        }
        var command = LintCommand()
        command.paths = paths
        command.format = format
        command.output = output
        command.failOn = failOn
        command.maxWarnings = maxWarnings
        command.exitZero = exitZero
        command.minTier = minTier
        command.profile = profile
        command.config = config
        command.printConfig = printConfig
        command.fix = fix
        command.dryRun = dryRun
        command.noColor = noColor
        command.quiet = quiet
        do {
            try command.validate()
        } catch {
            return nil
        }
        return command
    }
}
