/// A buyer's active cart as shown to them, priced at current prices.
public struct Cart: Sendable, Hashable, Codable {
    public var lines: [CartLine]
    /// Whether the active cart holds exactly what the buyer's saved cart holds, as DisplayCart
    /// found it (another session may have saved since); nil where the answer did not say.
    public var isSaved: Bool?

    public init(lines: [CartLine], isSaved: Bool? = nil) {
        self.lines = lines
        self.isSaved = isSaved
    }

    public static let empty = Cart(lines: [])

    /// The most different items a cart holds. Fifty lines of the dearest item in the largest
    /// quantity (1,000,000.00 × 1,000,000) total 5 × 10¹³, within what a purchase records
    /// (`numeric(16, 2)`) and what ``Money`` adds up without overflow.
    public static let maximumLines = 50

    public var totalUnits: Int { self.lines.reduce(0) { $0 + $1.quantity } }
    public var total: Money { self.lines.reduce(.zero) { $0 + $1.lineTotal } }
    /// What the units on sale cost: what a checkout that takes out the units short of stock
    /// pays (``total`` when no line is short).
    public var totalOnSale: Money { self.lines.reduce(.zero) { $0 + $1.unitPrice * $1.unitsOnSale } }
    /// The units a checkout that takes out the units short of stock buys.
    public var unitsOnSale: Int { self.lines.reduce(0) { $0 + $1.unitsOnSale } }

    private enum CodingKeys: String, CodingKey {
        case lines, totalUnits, total, isSaved
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.lines = try container.decode([CartLine].self, forKey: .lines)
        self.isSaved = try container.decodeIfPresent(Bool.self, forKey: .isSaved)
    }

    /// Totals are written for clients' convenience and recomputed, not trusted, when read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.lines, forKey: .lines)
        try container.encode(self.totalUnits, forKey: .totalUnits)
        try container.encode(self.total, forKey: .total)
        try container.encodeIfPresent(self.isSaved, forKey: .isSaved)
    }
}

/// One item in a cart.
public struct CartLine: Sendable, Hashable, Codable {
    public var itemID: ItemID
    public var name: String
    public var quantity: Int
    /// The item's current price.
    public var unitPrice: Money
    /// Units on sale right now; less than ``quantity`` means checkout would fail for this line.
    public var available: Int
    public var sellerID: SellerID

    public init(itemID: ItemID, name: String, quantity: Int, unitPrice: Money, available: Int, sellerID: SellerID) {
        self.itemID = itemID
        self.name = name
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.available = available
        self.sellerID = sellerID
    }

    public var lineTotal: Money { self.unitPrice * self.quantity }

    /// Units the line holds beyond what is on sale (0 when all of it is): what a checkout would
    /// be refused for, and what to take out before paying.
    public var unitsShort: Int { max(0, self.quantity - max(0, self.available)) }

    /// The units of the line a checkout could buy now.
    public var unitsOnSale: Int { self.quantity - self.unitsShort }

    /// Whether checkout would be refused for this line: it holds more than is on sale.
    public var isShort: Bool { self.unitsShort > 0 }
}
