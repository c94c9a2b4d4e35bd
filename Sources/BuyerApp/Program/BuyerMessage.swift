public import MarketCore
public import MarketProtocol
public import MarketUI

/// What comes back to the storefront's loop: results of commands and connection news.
public enum BuyerMessage: ClientMessage {
    case account(AccountMessage<BuyerTag>)
    case searched(request: Int, query: SearchQuery, page: Page<SearchHit>)
    case itemLoaded(request: Int, detail: BuyerAPI.GetItem.Result)
    case addedToCart(request: Int, item: ItemID, added: Int, inCart: Int)
    case removedFromCart(request: Int, item: ItemID, removed: Int, left: Int)
    case cartCleared(request: Int)
    case cartSaved(request: Int, lines: Int)
    case cartLoaded(request: Int, cart: Cart)
    case purchased(request: Int, purchase: Purchase)
    case feedbackGiven(request: Int, item: ItemID, vote: Vote, rating: Rating)
    case sellerRatingLoaded(request: Int, rating: SellerRating)
    case purchasesLoaded(request: Int, history: PurchaseHistory)
    case failed(request: Int, command: BuyerCommand, error: MarketError)
}

extension BuyerMessage {
    public var failure: MarketError? {
        if case .failed(_, _, let error) = self { error } else { nil }
    }

    public var isConnectionNews: Bool {
        if case .account(let message) = self { message.isNews } else { false }
    }
}
