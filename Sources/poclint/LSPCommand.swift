import ArgumentParser
import Foundation
import POCLintLSP

/// `poclint lsp`: the language server, over standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP 3.17 over standard input and output).",
        discussion: """
        Editors start it and talk to it; see docs/editors.md. Logs go to standard error.

        Exit status: 0 after the client's shutdown and exit, 1 when the client exits or \
        disconnects without shutdown.
        """)

    @Flag(name: .long, help: "Accepted for editors that pass it; standard input and output are the only transport.")
    var stdio = false

    @Flag(name: .long, help: "Log every step to standard error.")
    var verbose = false

    func run() throws {
        var options = LanguageServer.Options()
        options.verbose = verbose
        let status = LanguageServer(options: options).run()
        Foundation.exit(status)
    }
}
