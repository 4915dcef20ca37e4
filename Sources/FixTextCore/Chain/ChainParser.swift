/// Parses the chain syntax:
///
/// ```
/// chain   = step *( "," step )
/// step    = name [ "(" [ option *( "," option ) ] ")" ]  /  "@" path
/// option  = key [ "=" value ]          ; a bare key means key=true
/// value   = bare / quoted              ; quoted: "..." with \" and \\ escapes
/// ```
///
/// Names are lowercase letters, digits and hyphens. Spaces around tokens are ignored.
/// Examples: `mojibake,t2s`, `normalize(form=nfkc, width)`, `@site-chain.json,t2s`,
/// `t2s(user-dictionary="my words.txt")`.
public struct ChainParser {
    private let scalars: [Unicode.Scalar]
    private let file: String?
    private let entry: String?
    private var position = 0

    private init(_ text: String, file: String?, entry: String?) {
        scalars = Array(text.unicodeScalars)
        self.file = file
        self.entry = entry
    }

    /// Parses `text`; `file` and `entry` say where it came from, for error messages.
    public static func parse(_ text: String, file: String? = nil, entry: String? = nil) throws(ChainError) -> ChainSpec {
        var parser = ChainParser(text, file: file, entry: entry)
        return try parser.parseChain()
    }

    private func location(_ index: Int) -> ChainLocation {
        ChainLocation(file: file, entry: entry, column: index + 1)
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func skipSpaces() {
        while let c = current, c.properties.isWhitespace { position += 1 }
    }

    private mutating func parseChain() throws(ChainError) -> ChainSpec {
        var steps: [ChainSpec.Step] = []
        skipSpaces()
        if current == nil { throw ChainError("empty chain", at: location(0)) }
        while true {
            skipSpaces()
            steps.append(try parseStep())
            skipSpaces()
            guard let c = current else { break }
            guard c == "," else {
                throw ChainError("unexpected '\(c)'; expected ',' between steps", at: location(position))
            }
            position += 1
        }
        return ChainSpec(steps: steps)
    }

    private mutating func parseStep() throws(ChainError) -> ChainSpec.Step {
        let start = position
        if current == "@" {
            position += 1
            let path = try parseValue(stoppingAt: [","])
            guard !path.isEmpty else { throw ChainError("expected a chain file path after '@'", at: location(start)) }
            return .include(path: path, location: location(start))
        }
        let name = parseName()
        guard !name.isEmpty else {
            if let c = current, c != "," {
                throw ChainError("unexpected '\(c)'; expected a transform name", at: location(position))
            }
            throw ChainError("empty step; expected a transform name", at: location(start))
        }
        skipSpaces()
        var options: [ChainSpec.OptionSetting] = []
        if current == "(" {
            let open = position
            position += 1
            options = try parseOptions(openedAt: open)
        }
        return .transform(.init(name: name, options: options, location: location(start)))
    }

    private mutating func parseName() -> String {
        var name = ""
        while let c = current, c.properties.isAlphabetic || c.properties.numericType != nil || c == "-" || c == "_" || c == "." {
            name.unicodeScalars.append(c)
            position += 1
        }
        return name
    }

    private mutating func parseOptions(openedAt open: Int) throws(ChainError) -> [ChainSpec.OptionSetting] {
        var options: [ChainSpec.OptionSetting] = []
        skipSpaces()
        if current == ")" {
            position += 1
            return options
        }
        while true {
            skipSpaces()
            let keyStart = position
            let key = parseName()
            guard !key.isEmpty else {
                if current == nil { throw ChainError("missing ')' to close the options opened", at: location(open)) }
                throw ChainError("expected an option name", at: location(keyStart))
            }
            if options.contains(where: { $0.name == key }) {
                throw ChainError("option '\(key)' is given twice", at: location(keyStart))
            }
            skipSpaces()
            var value = "true"
            if current == "=" {
                position += 1
                skipSpaces()
                value = try parseValue(stoppingAt: [",", ")"])
            }
            options.append(.init(name: key, value: value, location: location(keyStart)))
            skipSpaces()
            switch current {
            case ",": position += 1
            case ")": position += 1; return options
            case nil: throw ChainError("missing ')' to close the options opened", at: location(open))
            case let c?: throw ChainError("unexpected '\(c)'; expected ',' or ')' after option '\(key)'", at: location(position))
            }
        }
    }

    /// A bare value runs to the next stop character or space; a quoted one to its closing quote.
    private mutating func parseValue(stoppingAt stops: Set<Unicode.Scalar>) throws(ChainError) -> String {
        var value = ""
        if current == "\"" {
            let open = position
            position += 1
            while let c = current {
                position += 1
                if c == "\"" { return value }
                if c == "\\", let escaped = current {
                    position += 1
                    value.unicodeScalars.append(escaped)
                } else {
                    value.unicodeScalars.append(c)
                }
            }
            throw ChainError("missing '\"' to close the quote opened", at: location(open))
        }
        while let c = current, !stops.contains(c), c != "(", !c.properties.isWhitespace {
            value.unicodeScalars.append(c)
            position += 1
        }
        return value
    }
}
