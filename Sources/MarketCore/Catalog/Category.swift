/// An item category: a non-negative integer chosen by the seller.
public struct Category: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The largest category number accepted (fits PostgreSQL's `integer`).
    public static let maximum: Int32 = .max

    public var rawValue: Int32

    /// Creates a category; `nil` when the number is negative.
    public init?(rawValue: Int32) {
        guard rawValue >= 0 else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Int64.self)
        guard let raw = Int32(exactly: value), let category = Category(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "category must be an integer from 0 to \(Category.maximum)"
            )
        }
        self = category
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(self.rawValue) }
}

/// The category part of a search: one category, or explicitly any.
///
/// On the wire this is either a number or the string `"any"`.
public enum CategoryFilter: Sendable, Hashable, Codable, CustomStringConvertible {
    case any
    case only(Category)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard text == "any" else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: #"category must be a non-negative integer or "any""#
                )
            }
            self = .any
        } else {
            self = .only(try container.decode(Category.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .any: try container.encode("any")
        case .only(let category): try container.encode(category)
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .only(let category): category.description
        }
    }
}
