// TEMPORARY scaffold for compiling before the real model lands. Not committed.
enum TextLanguage: Int, CaseIterable, Sendable { case simplifiedChinese, traditionalChinese, japanese, korean, latin }

struct LanguageModel: Sendable {
    static let shared = LanguageModel()
    static let unseenCost = 80
    let common: [Bool]

    init() {
        var common = [Bool](repeating: false, count: 0x10000)
        let gbk = try! LegacyCodec.named("windows-936")
        let big5 = try! LegacyCodec.named("big5")
        for scalar in UInt32(0x4E00)...0x9FFF {
            var b: [UInt8] = []
            if gbk.encode(scalar, into: &b), b.count == 2, (0xB0...0xD7).contains(b[0]), b[1] >= 0xA1 { common[Int(scalar)] = true }
            b = []
            if big5.encode(scalar, into: &b), b.count == 2, (0xA4...0xC6).contains(b[0]) { common[Int(scalar)] = true }
        }
        self.common = common
    }

    func isCommonHan(_ scalar: UInt32) -> Bool { scalar < 0x10000 && common[Int(scalar)] }
    func isKnownChineseBigram(_ a: UInt32, _ b: UInt32) -> Bool { false }
    func cost(_ scalar: UInt32, in language: TextLanguage) -> Int {
        switch scalar {
        case 0x20...0x7E: return 20
        case 0x3000...0x303F, 0xFF01...0xFF5E, 0x2018...0x201D, 0x2026: return 24
        case 0x4E00...0x9FFF: return isCommonHan(scalar) ? 36 : 64
        case 0xC0...0xFF: return 44
        default: return 60
        }
    }
    func bestLanguage(for scalars: UnsafeBufferPointer<UInt32>) -> (language: TextLanguage, cost: Int) {
        (.simplifiedChinese, scalars.reduce(0) { $0 + cost($1, in: .simplifiedChinese) })
    }
}
