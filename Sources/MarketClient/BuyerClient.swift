public import MarketCore
public import MarketProtocol

/// The buyer API as Swift methods over a ``MarketClient``.
public struct BuyerClient: AccountClient {
    public typealias Tag = BuyerTag

    public let client: MarketClient

    public init(client: MarketClient) {
        self.client = client
    }

    public func keepSessionAlive() async throws(MarketError) {
        _ = try await self.purchases(limit: 1)
    }

    public func search(
        category: CategoryFilter,
        keywords: [String] = [],
        limit: Int = Paging.defaultLimit,
        offset: Int = 0,
        order: ItemOrder? = nil
    ) async throws(MarketError) -> Page<SearchHit> {
        try await self.client.call(
            BuyerAPI.SearchItemsForSale.self,
            .init(category: category, keywords: keywords, limit: limit, offset: offset, order: order)
        )
    }

    public func item(_ id: ItemID) async throws(MarketError) -> BuyerAPI.GetItem.Result {
        try await self.client.call(BuyerAPI.GetItem.self, .init(itemID: id))
    }

    /// Returns the units of the item now in the cart.
    @discardableResult
    public func addToCart(_ id: ItemID, quantity: Int) async throws(MarketError) -> Int {
        try await self.client.call(BuyerAPI.AddItemToCart.self, .init(itemID: id, quantity: quantity)).quantityInCart
    }

    /// Returns the units of the item left in the cart.
    @discardableResult
    public func removeFromCart(_ id: ItemID, quantity: Int) async throws(MarketError) -> Int {
        try await self.client.call(BuyerAPI.RemoveItemFromCart.self, .init(itemID: id, quantity: quantity)).quantityInCart
    }

    /// Returns the number of lines saved.
    @discardableResult
    public func saveCart() async throws(MarketError) -> Int {
        try await self.client.call(BuyerAPI.SaveCart.self, Nothing()).savedLines
    }

    public func clearCart() async throws(MarketError) {
        _ = try await self.client.call(BuyerAPI.ClearCart.self, Nothing())
    }

    public func cart() async throws(MarketError) -> Cart {
        try await self.client.call(BuyerAPI.DisplayCart.self, Nothing())
    }

    /// Buys the whole cart. With `expectedTotal` (what the buyer confirmed), a cart whose prices
    /// changed meanwhile is refused with `price_changed` instead of being bought at the new total.
    public func purchase(card: PaymentCard, expectedTotal: Money? = nil) async throws(MarketError) -> Purchase {
        try await self.client.call(BuyerAPI.MakePurchase.self, .init(card: card, expectedTotal: expectedTotal))
    }

    /// Returns the item's feedback after the vote.
    @discardableResult
    public func provideFeedback(_ id: ItemID, vote: Vote) async throws(MarketError) -> Rating {
        try await self.client.call(BuyerAPI.ProvideFeedback.self, .init(itemID: id, vote: vote)).itemRating
    }

    public func sellerRating(_ seller: SellerID) async throws(MarketError) -> SellerRating {
        try await self.client.call(BuyerAPI.GetSellerRating.self, .init(sellerID: seller))
    }

    /// A page of the buyer's purchases, newest first, with the units the buyer has bought in all.
    public func purchases(limit: Int = Paging.defaultLimit, offset: Int = 0) async throws(MarketError) -> PurchaseHistory {
        try await self.client.call(BuyerAPI.GetBuyerPurchases.self, PageRequest(limit: limit, offset: offset))
    }
}
