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
        case itemsPurchased
    }

    /// The page's own keys, read and written by ``Page``, and `itemsPurchased` beside them.
    public init(from decoder: any Decoder) throws {
        self.purchases = try Page(from: decoder)
        self.itemsPurchased = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .itemsPurchased)
    }

    public func encode(to encoder: any Encoder) throws {
        try self.purchases.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.itemsPurchased, forKey: .itemsPurchased)
    }
}
