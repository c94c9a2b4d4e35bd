import Crypto
public import MarketCore
public import MarketStore

/// Issues session tokens and derives their database keys.
public enum SessionTokens {
    /// A fresh token: 256 bits from the system's cryptographic random source (getrandom(2) on
    /// Linux), base64url without padding.
    public static func issue() -> SessionToken {
        var random = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in stride(from: 0, to: 32, by: 8) {
            withUnsafeBytes(of: random.next() as UInt64) { word in
                for offset in 0..<8 { bytes[index + offset] = word[offset] }
            }
        }
        return SessionToken(rawValue: base64URL(bytes))
    }

    /// The key both databases store instead of the token: its SHA-256.
    public static func key(for token: SessionToken) -> SessionKey {
        SessionKey(bytes: Array(SHA256.hash(data: Array(token.rawValue.utf8))))!
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for (position, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * position) }
            for position in 0...chunk.count { output.append(alphabet[Int((value >> (18 - 6 * position)) & 63)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
