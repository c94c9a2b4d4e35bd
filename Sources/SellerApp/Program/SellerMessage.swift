public import MarketCore
public import MarketProtocol
public import MarketUI

/// What comes back to the seller dashboard's loop: results of commands and connection news.
public enum SellerMessage: ClientMessage {
    case account(AccountMessage<SellerTag>)
    case itemsLoaded(request: Int, page: Page<Item>)
    case ratingLoaded(request: Int, rating: SellerRating)
    case registered(request: Int, item: Item)
    case priceChanged(request: Int, item: Item)
    case unitsRemoved(request: Int, item: Item, removed: Int)
    case unitsAdded(request: Int, item: Item, added: Int)
    /// A wait for news ended: the rating now and, when something happened, the page asked for
    /// (of what `listing` lists).
    case activity(request: Int, listing: ItemListing = .all, news: SellerAPI.AwaitSellerActivity.Result)
    /// A command failed; the command says what was being tried.
    case failed(request: Int, command: SellerCommand, error: MarketError)
}

extension SellerMessage {
    public var failure: MarketError? {
        if case .failed(_, _, let error) = self { error } else { nil }
    }

    public var isConnectionNews: Bool {
        if case .account(let message) = self { message.isNews } else { false }
    }
}
