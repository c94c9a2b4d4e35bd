/// How a seller's list of items is ordered (DisplayItemsForSale). The whole list is ordered before
/// it is cut into pages, so page two of "cheapest first" continues page one.
///
/// Without an order the list is newest first. Items that tie on the key keep the order of their
/// item numbers, in the same direction, so pages never overlap or skip.
public struct ItemOrder: Sendable, Hashable, Codable {
    /// What to order by; the raw values are the wire names.
    public enum Key: String, Sendable, Hashable, Codable, CaseIterable {
        /// Category, then item number: the order of ``ItemID``.
        case id
        /// Case-insensitively, by Unicode code points.
        case name
        case category
        case condition
        case price
        /// Units on sale.
        case units
        case thumbsUp
        case thumbsDown
    }

    public var key: Key
    public var descending: Bool

    public init(_ key: Key, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }
}
