import ArgumentParser
import FixTextBuiltins
import FixTextCore

#if canImport(Glibc)
import Glibc
#endif

/// The `fixtext` command: repairs broken text from the Chinese web.
struct FixTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtext",
        abstract: "Repair broken text from the Chinese web: mojibake, pinyin glosses, script conversion, page furniture.",
        discussion: """
            Text streams through a chain of transforms. Without -c, the default chain runs \
            (\(DefaultChain.spec)): a safe repair that never changes clean text.

            CHAINS
              Transforms run in order, separated by commas. Options go in parentheses:
                normalize(form=nfkc, width=true)
              Values with spaces or commas go in double quotes. A bare option means =true.
              @FILE.json includes a chain file; 'default' names the default chain.
              'fixtext list' shows every transform and its options.

            EXAMPLES
              fixtext < page.txt > clean.txt              repair with the default chain
              fixtext -c normalize in.txt -o out.txt      run one transform on a file
              fixtext -c mojibake,normalize page.txt      repair mojibake, then tidy
              fixtext -c 'normalize(form=nfkc)' a.txt b.txt.gz
              fixtext --from gbk old-page.txt             decode GBK input first
              fixtext explain page.txt                    say what would change, and why
              fixtext explain -c mojibake page.txt        each repair and its encodings
              fixtext explain --json -c @my-chain.json page.txt
              fixtext list normalize                      a transform's documentation
              fixtext --plugin my.so -c mine a.txt        run a plugin's transform (PLUGINS.md)
              fixtext bulk -o clean/ crawl/*.warc.wet.gz  clean crawl archives on all cores

            EXIT STATUS
              0  success
              1  input or output error (a file could not be read or written)
              2  usage error (bad option, unknown transform, bad chain)
              3  finished, but reported problems in the input (invalid bytes, lost text)
            """,
        version: FixTextVersion.current,
        subcommands: [RunCommand.self, ExplainCommand.self, ListCommand.self, BulkCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

enum FixTextVersion {
    static let current = "0.1.0"
}

@main
enum FixTextMain {
    static func main() {
        do {
            // The common line without ArgumentParser's reflection; see QuickRunParser.
            if let request = QuickRunParser.parse(Array(CommandLine.arguments.dropFirst())) {
                try request.run()
            } else {
                var command = try FixTextCommand.parseAsRoot()
                try command.run()
            }
        } catch let error as FixTextError {
            Terminal.printError("fixtext: \(error)")
            exit(error.exitStatus.rawValue)
        } catch let code as ExitCode {
            // As below, without the usage text ArgumentParser makes (by reflection) and
            // then leaves out of an exit code's message.
            exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        } catch {
            let code = FixTextCommand.exitCode(for: error)
            let message = FixTextCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { Terminal.printError(message) }
            // ArgumentParser says 64 for a usage error; fixtext says 2.
            exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }
}

/// Standard error, unbuffered by line.
enum Terminal {
    static func printError(_ text: String) {
        let line = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
