import FixTextCore

/// One conversion step over one stream; see ``ConvertPlugin`` for what it does.
struct ConversionTransform: Transform {
    let converter: Converter

    var context: TransformContext { .window(maxHeldBytes: converter.maxHeldBytes) }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        converter.process(input, into: &output)
    }
}

/// The options of a conversion step, and how to make one.
enum ConversionOptions {
    static let specs: [OptionSpec] = [
        OptionSpec("user-dictionary", .path, default: .string(""),
                   "A file of your own entries in OpenCC's format (KEY<TAB>VALUE, one a line; # starts a comment). They take priority over OpenCC's."),
        OptionSpec("fixes", .bool, default: .bool(true),
                   "fixtext's corrections of OpenCC's mistakes; false gives OpenCC's output exactly."),
        OptionSpec("tofu", .bool, default: .bool(true),
                   "Use the dictionaries OpenCC marks may_output_tofu (t2s: rare traditional characters become simplified forms from CJK extensions, which many fonts lack). OpenCC's library and test cases use them; its command line leaves them out unless given --include-tofu-risk-dictionaries: tofu=false does the same."),
    ]

    /// The largest user dictionary read.
    static let userDictionaryLimit = 64 << 20

    /// What a conversion is made from, for one config and set of options: built once per
    /// process and shared (``SharedCache``), because `fixtext bulk` makes a chain per
    /// record, and reading the user dictionary and building the lookup tables each time
    /// would cost more than converting the record.
    struct Prepared: @unchecked Sendable {
        var config: ConfigDictionaries
        var overlay: Overlay
        var mergedFixKeys: Set<[UInt8]>
        /// The one-stage lookup table (nil for two-stage configs), shared by every converter.
        var directTable: DirectTable?
        /// For two-stage configs, the characters that occur in some key of some dictionary,
        /// one bit each (empty for one-stage configs).
        var keyCharacters: [UInt64]
        /// The smallest one-character key of the normalization dictionary: characters
        /// below it are left as they are (`.max` when there is no normalization).
        var normalizationMinimum: UInt32

        init(config: ConfigDictionaries, overlay: Overlay, mergedFixKeys: Set<[UInt8]>) {
            self.config = config
            self.overlay = overlay
            self.mergedFixKeys = mergedFixKeys
            normalizationMinimum = config.normalization.map(Self.smallestKey) ?? .max
            // A config of two stages has a segmentation dictionary (the data compiler
            // refuses one without), so the converter runs one-stage exactly when this does.
            if config.stages.count == 1 {
                directTable = DirectTable(config.stages[0], overlay: overlay.dictionary, normalization: config.normalization)
                keyCharacters = []
            } else {
                directTable = nil
                // A character in no key of any dictionary (most ASCII, spaces, punctuation)
                // takes part in no match: a segment can be cut there and it passes through.
                var used = [UInt64](repeating: 0, count: CompiledDictionary.usedWords)
                for dictionary in [config.segmentation, config.stages[0], config.stages[1], overlay.dictionary].compactMap({ $0 }) {
                    for k in 0..<used.count { used[k] |= dictionary.used[k] }
                }
                keyCharacters = used
            }
        }

        /// The smallest one-character key of a dictionary.
        private static func smallestKey(_ dictionary: CompiledDictionary) -> UInt32 {
            for slot in 0..<CompiledDictionary.pageSlots where dictionary.pageIndex[slot] != 0 {
                for low in 0..<128 where dictionary.root(UInt32(slot << 7 | low)) != 0 {
                    return UInt32(slot << 7 | low)
                }
            }
            return .max
        }
    }

    private static let prepared = SharedCache<String, Prepared>()

    static func make(config name: String, _ options: TransformOptions) throws -> ConversionTransform {
        // Keyed by the user dictionary's path: it is read once per process, and a change to
        // the file is seen by the next run.
        let key = "\(name)|\(options.bool("tofu"))|\(options.bool("fixes"))|\(options.string("user-dictionary") ?? "")"
        let ready = try prepared.value(for: key) { try prepare(config: name, options) }
        return ConversionTransform(converter: Converter(ready))
    }

    private static func prepare(config name: String, _ options: TransformOptions) throws -> Prepared {
        let configs: [String: ConfigDictionaries]
        switch ConvertData.configs {
        case .success(let all): configs = all
        case .failure(let error): throw UsageError("the embedded OpenCC data is damaged: \(error)")
        }
        guard var config = configs[name] else { throw UsageError("no OpenCC data for '\(name)'") }
        if options.bool("tofu") { config.stages = config.tofuStages }
        let overlay = Overlay()
        let normalize = Converter.normalizer(for: config)
        if let path = options.string("user-dictionary"), !path.isEmpty {
            let bytes: [UInt8]
            do {
                bytes = try FileContents.read(path, limit: userDictionaryLimit)
            } catch {
                throw UsageError("cannot read the user dictionary: \(error)")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw UsageError("the user dictionary \(path) is not UTF-8")
            }
            try overlay.add(text, origin: .user, source: path, normalize: normalize)
        }
        if options.bool("fixes") {
            if config.stages.count == 1 {
                // Merged into the dictionary when the data was compiled: the same matches.
                config.stages = [options.bool("tofu") ? config.fixedTofuStage : config.fixedStage]
                config.fixesMerged = true
            } else {
                try overlay.add(config.fixes, origin: .fix, source: "fixes for \(name)", normalize: normalize)
            }
        }
        overlay.freeze()
        var mergedFixKeys: Set<[UInt8]> = []
        if config.fixesMerged {
            for line in config.fixes.split(separator: "\n") where !line.hasPrefix("#") {
                if let key = line.split(separator: "\t").first { mergedFixKeys.insert(Array(key.utf8)) }
            }
        }
        return Prepared(config: config, overlay: overlay, mergedFixKeys: mergedFixKeys)
    }
}

extension Converter {
    /// OpenCC's normalization of one character under `config`, for keys of the overlay.
    static func normalizer(for config: ConfigDictionaries) -> (UInt32) -> UInt32 {
        guard let normalization = config.normalization else { return { $0 } }
        return { c in normalize(c, by: normalization) }
    }
}
