/// Bytes as upper-case hexadecimal pairs, "E4 B8 AD": how every message and explanation
/// names bytes.
public enum Hex {
    public static func bytes(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}
