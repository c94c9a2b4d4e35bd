/// A server-assigned account number. Seller and buyer numbers come from separate spaces,
/// so the role is part of the type.
public struct AccountID<Tag: AccountTag>: RawRepresentable, Sendable, Hashable, Comparable, Codable,
    CustomStringConvertible
{
    public var rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(self.rawValue) }
}

/// Distinguishes seller and buyer account numbers at compile time.
public protocol AccountTag: Sendable {
    static var role: Role { get }
}

public enum SellerTag: AccountTag {
    public static var role: Role { .seller }
}

public enum BuyerTag: AccountTag {
    public static var role: Role { .buyer }
}

public typealias SellerID = AccountID<SellerTag>
public typealias BuyerID = AccountID<BuyerTag>
