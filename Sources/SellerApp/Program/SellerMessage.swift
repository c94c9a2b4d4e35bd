public import MarketClient
public import MarketCore

/// What comes back to the seller dashboard's loop: results of commands and connection news.
public enum SellerMessage: Sendable {
    case connection(ConnectionState)
    case loggedIn(request: Int, profile: SellerProfile)
    /// The account exists; logging in follows with the same credentials.
    case accountCreated(request: Int, username: String, password: String)
    case loggedOut(request: Int)
    case itemsLoaded(request: Int, page: Page<Item>)
    case ratingLoaded(request: Int, rating: SellerRating)
    case registered(request: Int, item: Item)
    case priceChanged(request: Int, item: Item)
    case unitsRemoved(request: Int, item: Item, removed: Int)
    /// A command failed; the command says what was being tried.
    case failed(request: Int, command: SellerCommand, error: MarketError)
}
