/// A change to an encoded byte stream before it is misread: what makes a GBK stream
/// fall out of step.
enum ByteSlip {
    case none
    case delete(at: Int)
    case insert(UInt8, at: Int)
}

/// Text misread once: the clean text's bytes in `source`, possibly slipped, decoded by
/// `wrong`, then, for layered mojibake, the result's UTF-8 decoded again by each of
/// `layers` (the "saved as UTF-8, opened as windows-1252" loop repeated).
struct Misreading {
    var source: Codec
    var wrong: Codec
    var layers: [Codec] = []
    var slip: ByteSlip = .none

    var how: String {
        var steps = ["encode \(source.name)"]
        switch slip {
        case .none: break
        case .delete(let at): steps.append("delete byte \(at)")
        case .insert(let byte, let at): steps.append("insert byte 0x\(hex(byte)) at \(at)")
        }
        steps.append("decode \(wrong.name) with '?' for invalid")
        for layer in layers { steps.append("encode UTF-8, decode \(layer.name)") }
        return steps.joined(separator: "; ")
    }
}

/// What misreading one piece of clean text gave.
struct Garbling {
    var garbled: String
    var recoverable: Bool
    var lost: String?
    /// The clean text with each unknowable character as U+FFFD (nil when recoverable,
    /// or when the loss cannot be pinned on characters).
    var best: String?
}

extension Misreading {
    /// Misreads `text`; nil if `source` cannot encode it, or if the result is the text
    /// itself (nothing to repair: not a mojibake case).
    func apply(to text: String) -> Garbling? {
        guard let pieces = source.encodeScalars(text) else { return nil }
        // Where each source byte came from: the index of its scalar (nil: inserted).
        var bytes: [UInt8] = []
        var owner: [Int?] = []
        for (scalar, piece) in pieces.enumerated() {
            bytes += piece
            owner += Array(repeating: scalar, count: piece.count)
        }
        var damaged: [Int: String] = [:]  // scalar index → why it is gone
        switch slip {
        case .none: break
        case .delete(let at):
            if let scalar = owner[at] { damaged[scalar] = "byte 0x\(hex(bytes[at])) deleted" }
            bytes.remove(at: at)
            owner.remove(at: at)
        case .insert(let byte, let at):
            bytes.insert(byte, at: at)
            owner.insert(nil, at: at)
        }
        guard let units = wrong.units(bytes) else { return nil }
        for unit in units where unit.substituted {
            for index in unit.bytes {
                if let scalar = owner[index], damaged[scalar] == nil {
                    damaged[scalar] = "its bytes became '?'"
                }
            }
        }
        var garbled = units.map(\.text).joined()
        for layer in layers {
            let (next, substitutions) = layer.decode(Array(garbled.utf8))
            // The single-byte layers used here map all 256 bytes; a `?` would need the
            // loss accounting above, so such a layer is refused rather than mislabelled.
            guard substitutions == 0 else { return nil }
            garbled = next
        }
        guard garbled != text else { return nil }

        let scalars = Array(text.unicodeScalars)
        if damaged.isEmpty {
            if case .none = slip, undo(garbled) != text {
                // Decoded without `?`, yet re-encoding does not give the bytes back: a
                // one-way mapping in the wrong decoder. Honest, but not pinned on a char.
                return Garbling(
                    garbled: garbled, recoverable: false,
                    lost: "re-encoding with \(wrong.name) does not give the original bytes back",
                    best: nil)
            }
            return Garbling(garbled: garbled, recoverable: true, lost: nil, best: nil)
        }
        var best = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            best.append(damaged[index] == nil ? scalar : "\u{FFFD}")
        }
        let notes = damaged.keys.sorted().map { "\(scalars[$0]) (\(damaged[$0]!))" }
        return Garbling(
            garbled: garbled, recoverable: false, lost: notes.joined(separator: ", "),
            best: String(best))
    }

    /// The exact inverse of a misreading without slip: re-encode each layer, decode.
    func undo(_ garbled: String) -> String? {
        var text = garbled
        for layer in layers.reversed() {
            guard let bytes = layer.encode(text) else { return nil }
            guard let utf8 = String(validating: bytes, as: UTF8.self) else { return nil }
            text = utf8
        }
        guard let bytes = wrong.encode(text) else { return nil }
        return source.decodeStrict(bytes)
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
