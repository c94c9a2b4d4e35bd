import NIOCore

/// The database key of a session: the SHA-256 of its token (32 bytes). Both databases store only
/// this, so reading a table never yields a usable session.
public struct SessionKey: Sendable, Hashable {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    var buffer: ByteBuffer { ByteBuffer(bytes: self.bytes) }

    init?(buffer: ByteBuffer) {
        self.init(bytes: Array(buffer.readableBytesView))
    }

    /// Parses 64 hexadecimal digits, as PostgreSQL's `encode(…, 'hex')` writes them.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes: bytes)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
