import MarketCore

// How an ``ItemOrder`` travels in the arguments of DisplayItemsForSale and SearchItemsForSale:
// `"sort"` (the key's wire name) and `"descending"` (default false; ignored without `"sort"`),
// the same in both operations and in both encodings.

extension ItemOrder {
    /// The order the two wire fields ask for: `nil` without a key.
    init?(sort key: Key?, descending: Bool?) {
        guard let key else { return nil }
        self.init(key, descending: descending ?? false)
    }
}

extension JSONWriter {
    /// `"sort"` and `"descending"` for `order`; nothing for none.
    mutating func fields(of order: ItemOrder?) {
        guard let order else { return }
        self.field("sort", order.key)
        self.field("descending", order.descending)
    }
}

extension KeyedDecodingContainer {
    func decodeOrder(sort: Key, descending: Key) throws -> ItemOrder? {
        ItemOrder(sort: try self.decodeIfPresent(ItemOrder.Key.self, forKey: sort), descending: try self.decodeIfPresent(Bool.self, forKey: descending))
    }
}

extension KeyedEncodingContainer {
    mutating func encode(_ order: ItemOrder?, sort: Key, descending: Key) throws {
        guard let order else { return }
        try self.encode(order.key, forKey: sort)
        try self.encode(order.descending, forKey: descending)
    }
}
