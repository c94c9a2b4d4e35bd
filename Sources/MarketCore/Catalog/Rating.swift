/// A thumbs-up / thumbs-down tally, for an item or for a seller (the sum over the seller's items).
public struct Rating: Sendable, Hashable, Codable {
    public var thumbsUp: Int
    public var thumbsDown: Int

    public init(thumbsUp: Int = 0, thumbsDown: Int = 0) {
        self.thumbsUp = thumbsUp
        self.thumbsDown = thumbsDown
    }

    public static let none = Rating()

    /// Share of positive votes from 0 to 1, or `nil` before the first vote.
    public var positiveShare: Double? {
        let total = self.thumbsUp + self.thumbsDown
        return total == 0 ? nil : Double(self.thumbsUp) / Double(total)
    }
}

/// One buyer's verdict on one purchased item.
public enum Vote: String, Sendable, Hashable, WireName {
    case up
    case down
}

/// A seller's public standing.
public struct SellerRating: Sendable, Hashable, Codable {
    public var sellerID: SellerID
    public var name: String
    public var rating: Rating
    public var itemsSold: Int

    public init(sellerID: SellerID, name: String, rating: Rating, itemsSold: Int) {
        self.sellerID = sellerID
        self.name = name
        self.rating = rating
        self.itemsSold = itemsSold
    }

    /// How much has happened to the seller: units sold plus votes received. Both only grow, so a
    /// different figure means something happened since (see `AwaitSellerActivity`).
    public var activity: Int { self.itemsSold + self.rating.thumbsUp + self.rating.thumbsDown }
}
