import MarketCore

extension BuyerProgram {
    /// Carries out one command with the client and reports the outcome as a message.
    public func perform(_ command: BuyerCommand) async -> BuyerMessage? {
        let client = self.client
        return await self.performing(command) { () async throws(MarketError) -> BuyerMessage? in
            switch command {
            case .account(let command):
                return try await self.perform(account: command).map(BuyerMessage.account)
            case .search(let request, let query, let offset, let order):
                let page = try await client.search(category: query.category, keywords: query.keywords, limit: SearchScreen.pageSize, offset: offset, order: order)
                return .searched(request: request, query: query, page: page)
            case .loadItem(let request, let item):
                return .itemLoaded(request: request, detail: try await client.item(item))
            case .addToCart(let request, let item, let quantity):
                let inCart = try await client.addToCart(item, quantity: quantity)
                return .addedToCart(request: request, item: item, added: quantity, inCart: inCart)
            case .removeFromCart(let request, let item, let quantity):
                let left = try await client.removeFromCart(item, quantity: quantity)
                return .removedFromCart(request: request, item: item, removed: quantity, left: left)
            case .clearCart(let request):
                try await client.clearCart()
                return .cartCleared(request: request)
            case .saveCart(let request):
                return .cartSaved(request: request, lines: try await client.saveCart())
            case .loadCart(let request):
                return .cartLoaded(request: request, cart: try await client.cart())
            case .purchase(let request, let card, let total, let shortages, let saveFirst):
                // One after the other: the payment is for the cart once they are out.
                for line in shortages { _ = try await client.removeFromCart(line.itemID, quantity: line.unitsShort) }
                if saveFirst { _ = try await client.saveCart() }
                return .purchased(request: request, purchase: try await client.purchase(card: card, expectedTotal: total))
            case .feedback(let request, let item, let vote):
                return .feedbackGiven(request: request, item: item, vote: vote, rating: try await client.provideFeedback(item, vote: vote))
            case .sellerRating(let request, let seller):
                return .sellerRatingLoaded(request: request, rating: try await client.sellerRating(seller))
            case .loadPurchases(let request, let offset):
                return .purchasesLoaded(request: request, history: try await client.purchases(limit: PurchasesScreen.pageSize, offset: offset))
            }
        }
    }
}
