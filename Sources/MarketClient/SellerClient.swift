public import MarketCore
public import MarketProtocol

/// The seller API as Swift methods over a ``MarketClient``.
public struct SellerClient: AccountClient {
    public typealias Tag = SellerTag

    public let client: MarketClient

    public init(client: MarketClient) {
        self.client = client
    }

    public func keepSessionAlive() async throws(MarketError) {
        _ = try await self.rating()
    }

    public func rating() async throws(MarketError) -> SellerRating {
        try await self.client.call(SellerAPI.GetSellerRating.self, Nothing())
    }

    public func registerItem(_ draft: ItemDraft) async throws(MarketError) -> Item {
        try await self.client.call(SellerAPI.RegisterItemForSale.self, draft).item
    }

    public func changePrice(of item: ItemID, to price: Money) async throws(MarketError) -> Item {
        try await self.client.call(SellerAPI.ChangeItemPrice.self, .init(itemID: item, price: price)).item
    }

    public func removeUnits(_ count: Int, of item: ItemID) async throws(MarketError) -> Item {
        try await self.client.call(SellerAPI.UpdateUnitsForSale.self, .init(itemID: item, remove: count)).item
    }

    public func addUnits(_ count: Int, of item: ItemID) async throws(MarketError) -> Item {
        try await self.client.call(SellerAPI.AddUnitsForSale.self, .init(itemID: item, add: count)).item
    }

    /// Waits up to `wait` seconds for something to happen to this seller (units sold, votes
    /// received) since `activity` (``SellerRating/activity``); returns the rating then, and the
    /// page of items `page` asks for when something happened. Does not keep the session alive.
    public func awaitActivity(
        after activity: Int, wait: Int = SellerAPI.AwaitSellerActivity.defaultWait, page: SellerAPI.DisplayItemsForSale.Arguments? = nil
    ) async throws(MarketError) -> SellerAPI.AwaitSellerActivity.Result {
        try await self.client.call(SellerAPI.AwaitSellerActivity.self, .init(after: activity, wait: wait, page: page), extraTime: .seconds(wait))
    }

    /// A page of the seller's items: newest first, or in `order` (the whole list sorted, then
    /// cut); all of them, or those that `find` finds (``ItemFind``).
    public func items(limit: Int = Paging.defaultLimit, offset: Int = 0, order: ItemOrder? = nil, find: String? = nil) async throws(MarketError) -> Page<Item> {
        try await self.client.call(SellerAPI.DisplayItemsForSale.self, .init(limit: limit, offset: offset, order: order, find: find))
    }
}
