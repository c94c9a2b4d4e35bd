public import struct Foundation.Date

/// A completed checkout, as kept in the buyer's history.
public struct Purchase: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var purchasedAt: Date
    public var lines: [PurchaseLine]
    public var total: Money
    /// The only part of the card that is ever stored.
    public var cardLast4: String

    public init(id: Int64, purchasedAt: Date, lines: [PurchaseLine], total: Money, cardLast4: String) {
        self.id = id
        self.purchasedAt = purchasedAt
        self.lines = lines
        self.total = total
        self.cardLast4 = cardLast4
    }
}

/// One item of a purchase, at the price paid.
public struct PurchaseLine: Sendable, Hashable, Codable {
    public var itemID: ItemID
    public var name: String
    public var sellerID: SellerID
    public var quantity: Int
    public var unitPrice: Money
    /// The buyer's feedback on this item, once given (one vote per buyer and item).
    public var feedback: Vote?

    public init(itemID: ItemID, name: String, sellerID: SellerID, quantity: Int, unitPrice: Money, feedback: Vote?) {
        self.itemID = itemID
        self.name = name
        self.sellerID = sellerID
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.feedback = feedback
    }

    public var lineTotal: Money { self.unitPrice * self.quantity }
}
