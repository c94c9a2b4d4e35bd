/// A page of the buyer's purchase history, with the number of units the buyer has bought in all.
///
/// On the wire it is the page's own object with one more field, `itemsPurchased`, so a reader
/// that knows only ``Page`` still reads it.
public struct PurchaseHistory: Sendable, Hashable, Codable {
    /// This page of purchases, newest first.
    public var purchases: Page<Purchase>
    /// Units the buyer has bought over all purchases, not only this page's (the buyer's "number
    /// of items purchased").
    public var itemsPurchased: Int

    public init(purchases: Page<Purchase>, itemsPurchased: Int) {
        self.purchases = purchases
        self.itemsPurchased = itemsPurchased
    }

    private enum CodingKeys: String, CodingKey {
        case items, offset, limit, total, totalIsExact, itemsPurchased
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.purchases = Page(
            items: try container.decode([Purchase].self, forKey: .items),
            offset: try container.decode(Int.self, forKey: .offset),
            limit: try container.decode(Int.self, forKey: .limit),
            total: try container.decode(Int.self, forKey: .total),
            totalIsExact: try container.decode(Bool.self, forKey: .totalIsExact)
        )
        self.itemsPurchased = try container.decode(Int.self, forKey: .itemsPurchased)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.purchases.items, forKey: .items)
        try container.encode(self.purchases.offset, forKey: .offset)
        try container.encode(self.purchases.limit, forKey: .limit)
        try container.encode(self.purchases.total, forKey: .total)
        try container.encode(self.purchases.totalIsExact, forKey: .totalIsExact)
        try container.encode(self.itemsPurchased, forKey: .itemsPurchased)
    }
}
