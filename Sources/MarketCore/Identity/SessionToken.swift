/// The opaque value a client receives from Login and sends with every later request.
///
/// The server issues 256 random bits, base64url-encoded (43 characters). Clients treat the value as
/// opaque; only its length and alphabet are checked before the database is asked.
public struct SessionToken: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    /// Whether the value could have been issued by a server: 16 to 128 base64url characters.
    public var isWellFormed: Bool {
        let utf8 = self.rawValue.utf8
        guard (16...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                return true
            default:
                return false
            }
        }
    }

    /// Never print a live credential: logs and debug output show only a short prefix.
    public var description: String { String(self.rawValue.prefix(6)) + "…" }
}
