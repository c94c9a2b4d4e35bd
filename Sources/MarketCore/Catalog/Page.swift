/// A window onto a longer list: which part was asked for and how many there are in all.
public struct Page<Element: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var items: [Element]
    public var offset: Int
    public var limit: Int
    /// The number of matching elements; a lower bound when ``totalIsExact`` is false.
    public var total: Int
    /// False when counting stopped at a cap, so the true total is at least ``total``.
    public var totalIsExact: Bool

    public init(items: [Element], offset: Int, limit: Int, total: Int, totalIsExact: Bool = true) {
        self.items = items
        self.offset = offset
        self.limit = limit
        self.total = total
        self.totalIsExact = totalIsExact
    }

    public var hasMore: Bool { self.offset + self.items.count < self.total || !self.totalIsExact }

    /// Whether this page is the whole list: nothing before it, nothing after.
    public var isWhole: Bool { self.offset == 0 && !self.hasMore }
}

/// Limits shared by every paginated call.
public enum Paging {
    public static let defaultLimit = 20
    public static let maximumLimit = 200
    public static let maximumOffset = 100_000
    /// A search sorted by something other than its ranking sorts this many of its best-ranked
    /// matches: its list is at most this long.
    public static let sortedSearchWindow = 1_000
}
