public import MarketCore
import MarketProtocol

/// The seller API as Swift methods over a ``MarketClient``.
public struct SellerClient: AccountClient {
    public typealias Tag = SellerTag

    public let client: MarketClient

    public init(client: MarketClient) {
        self.client = client
    }

    public func createAccount(username: String, password: String, name: String) async throws(MarketError) -> SellerID {
        try await self.client.call(SellerAPI.CreateAccount.self, .init(username: username, password: password, name: name)).sellerID
    }

    /// Logs in and keeps the session for later calls.
    @discardableResult
    public func login(username: String, password: String) async throws(MarketError) -> SellerProfile {
        let result = try await self.client.call(SellerAPI.Login.self, .init(username: username, password: password))
        self.client.session = result.session
        return result.seller
    }

    /// Ends this session (only this one) and forgets it.
    public func logout() async throws(MarketError) {
        _ = try await self.client.call(SellerAPI.Logout.self, Nothing())
        self.client.session = nil
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

    public func items(limit: Int = Paging.defaultLimit, offset: Int = 0) async throws(MarketError) -> Page<Item> {
        try await self.client.call(SellerAPI.DisplayItemsForSale.self, PageRequest(limit: limit, offset: offset))
    }
}
