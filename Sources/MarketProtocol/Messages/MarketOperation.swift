public import MarketCore

/// One API call: its wire name, its arguments and its result.
///
/// Servers route on ``name``; clients use the associated types to get typed results. Every
/// operation of both servers is declared once, in ``SellerAPI`` and ``BuyerAPI``.
public protocol MarketOperation: Sendable {
    associatedtype Arguments: Codable & Sendable
    associatedtype Result: Codable & Sendable

    /// The `op` string on the wire, exactly as the API is named (e.g. `AddItemToCart`).
    static var name: String { get }
    /// Whether the request must carry a live session of the server's role.
    static var requiresSession: Bool { get }
    /// Whether a client may safely send the request again after losing the connection without
    /// knowing whether the first attempt ran (reads, and writes whose repetition changes nothing).
    static var isIdempotent: Bool { get }
    /// Whether the request counts as the session's activity, keeping it alive (all but a
    /// dashboard's wait for news, which must not keep an unattended session alive).
    static var countsAsActivity: Bool { get }
}

extension MarketOperation {
    public static var requiresSession: Bool { true }
    public static var isIdempotent: Bool { false }
    public static var countsAsActivity: Bool { true }
}

/// Arguments or result of an operation that has none: `{}` on the wire; a missing `args` is
/// accepted too.
public struct Nothing: Sendable, Hashable, Codable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }

    private enum NoKeys: CodingKey {}
}

/// Arguments of every paginated listing.
public struct PageRequest: Sendable, Hashable, Codable {
    public var limit: Int
    public var offset: Int

    public init(limit: Int = Paging.defaultLimit, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }

    private enum CodingKeys: String, CodingKey {
        case limit, offset
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? Paging.defaultLimit
        self.offset = try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0
    }
}
