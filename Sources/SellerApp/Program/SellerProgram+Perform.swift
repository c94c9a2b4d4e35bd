import MarketCore
import MarketProtocol

extension SellerProgram {
    /// Carries out one command with the client and reports the outcome as a message.
    public func perform(_ command: SellerCommand) async -> SellerMessage? {
        let client = self.client
        return await self.performing(command) { () async throws(MarketError) -> SellerMessage? in
            switch command {
            case .account(let command):
                return try await self.perform(account: command).map(SellerMessage.account)
            case .loadItems(let request, let offset, let listing):
                return .itemsLoaded(request: request, page: try await client.items(limit: ItemsScreen.pageSize, offset: offset, order: listing.order, find: listing.find?.text))
            case .loadRating(let request):
                return .ratingLoaded(request: request, rating: try await client.rating())
            case .register(let request, let draft):
                return .registered(request: request, item: try await client.registerItem(draft))
            case .changePrice(let request, let item, let price):
                return .priceChanged(request: request, item: try await client.changePrice(of: item, to: price))
            case .removeUnits(let request, let item, let count):
                return .unitsRemoved(request: request, item: try await client.removeUnits(count, of: item), removed: count)
            case .addUnits(let request, let item, let count):
                return .unitsAdded(request: request, item: try await client.addUnits(count, of: item), added: count)
            case .awaitActivity(let request, let after, let offset, let listing):
                let page = SellerAPI.DisplayItemsForSale.Arguments(limit: ItemsScreen.pageSize, offset: offset, order: listing.order, find: listing.find?.text)
                return .activity(request: request, listing: listing, news: try await client.awaitActivity(after: after, page: page))
            }
        }
    }
}
