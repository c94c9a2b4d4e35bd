/// An enumeration that travels as one of a fixed set of strings (its raw values).
///
/// Decoding an unknown string fails with a message that lists the accepted ones, which the
/// servers pass on to the client ("must be one of “new”, “used”"), instead of Codable's own
/// wording, which names Swift types.
public protocol WireName: RawRepresentable, CaseIterable, Codable where RawValue == String {}

extension WireName {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let value = Self(rawValue: name) else {
            let names = Self.allCases.map { "“\($0.rawValue)”" }.joined(separator: ", ")
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be one of \(names)")
        }
        self = value
    }
}
