/// Reads the most common command line, `fixtext [OPTIONS] [FILE…]` with the run command's
/// options, without ArgumentParser. ArgumentParser finds a command's options by reflection,
/// and on the first parse of a process the Swift runtime answers each of its type and
/// conformance queries by scanning every conformance record of the program: about 10M
/// instructions, a third of fixtext's start-up, paid by every run over a small file.
///
/// Only a line made of these is read here:
///
/// - `-c`/`--chain`, `--from`, `-o`/`--output`, each at most once, followed by a separate
///   value that does not start with `-`;
/// - `--jobs` with a whole number of at least 1, at most once;
/// - `--plugin` with such a value, any number of times;
/// - `--strict`, at most once;
/// - file names that do not start with `-` and are not the name of a subcommand.
///
/// Anything else (a subcommand, `--help`, `--version`, `--chain=x`, `-cx`, `-` for standard
/// input, `--`, an option given twice, a missing value) is left to ArgumentParser, and so
/// is a line whose validation fails, so that its message is ArgumentParser's, as before.
/// For every line it reads, the run is the one ArgumentParser's run command makes: the
/// tests compare the two.
enum QuickRunParser {
    /// Words that ArgumentParser may take for a subcommand.
    static let commandNames = ["run", "explain", "list", "bulk", "help"]

    /// The run for `arguments` (without the program's name), or nil to leave the line to
    /// ArgumentParser.
    static func parse(_ arguments: [String]) -> RunRequest? {
        var chain: String?
        var encoding: String?
        var output: String?
        var plugins: [String] = []
        var strict = false
        var jobs: Int?
        var files: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard !commandNames.contains(argument) else { return nil }
            switch argument {
            case "-c", "--chain", "--from", "-o", "--output", "--plugin":
                guard let value = rest.popFirst(), !value.hasPrefix("-"), !commandNames.contains(value) else { return nil }
                switch argument {
                case "-c", "--chain":
                    guard chain == nil else { return nil }
                    chain = value
                case "--from":
                    guard encoding == nil else { return nil }
                    encoding = value
                case "-o", "--output":
                    guard output == nil else { return nil }
                    output = value
                default:
                    plugins.append(value)
                }
            case "--jobs":
                guard jobs == nil, let value = rest.popFirst(), let n = Int(value), n >= 1 else { return nil }
                jobs = n
            case "--strict":
                guard !strict else { return nil }
                strict = true
            default:
                guard !argument.hasPrefix("-") else { return nil }
                files.append(argument)
            }
        }

        let request = RunRequest(
            settings: ChainSettings(chain: chain, encoding: encoding, plugins: plugins, strict: strict, files: files),
            output: output,
            jobs: jobs
        )
        // ArgumentParser's order: the option group, then the command.
        do {
            try request.settings.validate()
            try request.validate()
        } catch {
            return nil
        }
        return request
    }
}
