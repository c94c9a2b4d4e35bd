/// How a seller's list of items is ordered (DisplayItemsForSale). The whole list is ordered before
/// it is cut into pages, so page two of "cheapest first" continues page one.
///
/// Without an order the list is newest first. Items that tie on the key keep the order of their
/// item numbers, in the same direction, so pages never overlap or skip.
public struct ItemOrder: Sendable, Hashable, Codable {
    /// What to order by; the raw values are the wire names.
    public enum Key: String, Sendable, Hashable, WireName {
        /// Category, then item number: the order of ``ItemID``.
        case id
        /// Ignoring case and the accents of Latin letters (``Text/sortKey(_:)``), by Unicode code points.
        case name
        case category
        case condition
        case price
        /// Units on sale.
        case units
        case thumbsUp
        case thumbsDown
        /// The seller's name, as ``name``. (In a seller's own list every item ties.)
        case seller
    }

    public var key: Key
    public var descending: Bool

    public init(_ key: Key, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// Whether `a` comes before `b` by the key alone, in this order's direction; `nil` when they
    /// tie. Text compares by ``Text/sortKey(_:)``, as the server's lists do.
    public func precedes(_ a: Item, _ b: Item) -> Bool? {
        func compare<T: Comparable>(_ x: T, _ y: T) -> Bool? { x == y ? nil : (x < y) != self.descending }
        func text(_ x: String, _ y: String) -> Bool? { self.precedes(sortKey: Text.sortKey(x), Text.sortKey(y)) }
        switch self.key {
        case .id: return compare(a.id, b.id)
        case .category: return compare(a.id.category.rawValue, b.id.category.rawValue)
        case .name: return text(a.name, b.name)
        case .condition: return compare(a.condition.rawValue, b.condition.rawValue)
        case .price: return compare(a.price, b.price)
        case .units: return compare(a.quantity, b.quantity)
        case .thumbsUp: return compare(a.rating.thumbsUp, b.rating.thumbsUp)
        case .thumbsDown: return compare(a.rating.thumbsDown, b.rating.thumbsDown)
        case .seller: return text(a.sellerName, b.sellerName)
        }
    }

    /// `elements` (holding the items `item` gives) in this order; those that tie keep theirs.
    /// Names are brought to their ``Text/sortKey(_:)`` once per element, not twice per
    /// comparison.
    public func sorted<Element>(_ elements: [Element], item: (Element) -> Item) -> [Element] {
        let texts: [String]? =
            switch self.key {
            case .name: elements.map { Text.sortKey(item($0).name) }
            case .seller: elements.map { Text.sortKey(item($0).sellerName) }
            default: nil
            }
        let order = elements.indices.sorted { a, b in
            let ahead = texts.map { self.precedes(sortKey: $0[a], $0[b]) } ?? self.precedes(item(elements[a]), item(elements[b]))
            return ahead ?? (a < b)
        }
        return order.map { elements[$0] }
    }

    /// Text already in its sort form, by Unicode code points, in this order's direction; `nil`
    /// for a tie.
    private func precedes(sortKey x: String, _ y: String) -> Bool? {
        x == y ? nil : x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) != self.descending
    }
}
