import FixTextCore

/// Small transforms that exercise each framing of the engine.

/// Replaces every "ab" with "X", holding back a trailing "a" that may start one.
struct ReplaceAB: Transform {
    var context: TransformContext { .window(maxHeldBytes: 1) }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        let bytes = input.bytes
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "a") {
                if i + 1 == bytes.count && !input.isEnd { return i }
                if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "b") {
                    output.replace(i..<(i + 2), of: input, with: [UInt8(ascii: "X")], reason: "ab → X")
                    i += 2
                    continue
                }
            }
            output.append(bytes[i])
            i += 1
        }
        return bytes.count
    }
}

/// Deletes every "-", growing nothing: to move offsets of later stages.
struct DeleteDashes: Transform {
    var context: TransformContext { .window(maxHeldBytes: 0) }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        for i in 0..<input.count {
            if input.bytes[i] == UInt8(ascii: "-") {
                output.replace(i..<(i + 1), of: input, with: EmptyCollection(), reason: "dash removed")
            } else {
                output.append(input.bytes[i])
            }
        }
        return input.count
    }
}

/// Reverses the bytes of each line, keeping the newline at its end; records how it was
/// framed.
struct ReverseLines: Transform {
    var maxBytes = 1 << 20
    var context: TransformContext { .line(maxBytes: maxBytes) }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        var start = 0
        for i in 0...input.count {
            if i == input.count || input.bytes[i] == UInt8(ascii: "\n") {
                output.append(contentsOf: input.bytes[start..<i].reversed())
                if i < input.count { output.append(UInt8(ascii: "\n")) }
                start = i + 1
            }
        }
        return input.count
    }
}

/// Writes "[n lines, piece]" for each document it is handed.
struct DescribeDocument: Transform {
    var maxBytes = 1 << 20
    var context: TransformContext { .document(maxBytes: maxBytes) }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        guard input.count > 0 || input.isEnd else { return 0 }
        let lines = input.bytes.filter { $0 == UInt8(ascii: "\n") }.count
        output.append(contentsOf: "[\(input.count) bytes, \(lines) lines\(input.isPiece ? ", piece" : "")]".utf8)
        return input.count
    }
}

/// Writes "[n]" or "[n piece]" for each call it gets: shows the framing.
struct RecordFrames: Transform {
    var maxBytes: Int
    var context: TransformContext { .line(maxBytes: maxBytes) }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        if input.count > 0 {
            output.append(contentsOf: "[\(input.count)\(input.isPiece ? " piece" : "")]".utf8)
        }
        return input.count
    }
}

/// Holds back everything: breaks the contract on purpose.
struct HoldEverything: Transform {
    var context: TransformContext { .window(maxHeldBytes: 4) }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        input.isEnd ? input.count : 0
    }
}

func named(_ pairs: (String, any Transform)...) -> [NamedTransform] {
    pairs.map { NamedTransform(name: $0.0, transform: $0.1) }
}
