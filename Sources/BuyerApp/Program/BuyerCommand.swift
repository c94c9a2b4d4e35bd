public import MarketCore
public import MarketUI

/// A network call the storefront wants made, with the id of its request.
public enum BuyerCommand: ClientCommand, Hashable {
    case account(AccountCommand)
    /// A page of results: in the ranking, or the best of them in `order`.
    case search(request: Int, query: SearchQuery, offset: Int, order: ItemOrder?)
    case loadItem(request: Int, item: ItemID)
    case addToCart(request: Int, item: ItemID, quantity: Int)
    case removeFromCart(request: Int, item: ItemID, quantity: Int)
    case clearCart(request: Int)
    case saveCart(request: Int)
    case loadCart(request: Int)
    /// Pays for the whole cart, refused if its total is no longer the one the buyer confirmed.
    /// Takes out of the cart what the `shortages` lines hold beyond what is on sale first, and
    /// with `saveFirst` then saves the cart, so that what was taken out leaves the saved cart too
    /// (a cart that was saved stays saved, rather than bringing the units back at the next login).
    case purchase(request: Int, card: PaymentCard, total: Money, shortages: [CartLine], saveFirst: Bool)
    case feedback(request: Int, item: ItemID, vote: Vote)
    case sellerRating(request: Int, seller: SellerID)
    case loadPurchases(request: Int, offset: Int)

    public var account: AccountCommand? {
        if case .account(let command) = self { command } else { nil }
    }

    public var request: Int? {
        switch self {
        case .account(let command): command.request
        case .search(let request, _, _, _), .loadItem(let request, _), .addToCart(let request, _, _),
            .removeFromCart(let request, _, _), .clearCart(let request), .saveCart(let request),
            .loadCart(let request), .purchase(let request, _, _, _, _), .feedback(let request, _, _),
            .sellerRating(let request, _), .loadPurchases(let request, _):
            request
        }
    }

    public var changesData: Bool {
        switch self {
        case .addToCart, .removeFromCart, .clearCart, .saveCart, .purchase, .feedback: true
        case .account, .search, .loadItem, .loadCart, .sellerRating, .loadPurchases: false
        }
    }
}

/// What the buyer searched for.
public struct SearchQuery: Sendable, Hashable {
    public var category: CategoryFilter
    public var keywords: [String]

    public init(category: CategoryFilter, keywords: [String]) {
        self.category = category
        self.keywords = keywords
    }

    /// Everything on sale, newest first.
    public static let everything = SearchQuery(category: .any, keywords: [])

    /// "“red bike” in Sports & outdoors", or "in category 7" for a category without a name,
    /// for the status line.
    public func summary(naming categories: CategoryNames) -> String {
        let words = "“" + self.keywords.joined(separator: " ") + "”"
        switch self.category {
        case .any:
            return self.keywords.isEmpty ? "everything" : words
        case .only(let category):
            let place = categories.name(of: category) ?? "category \(category)"
            return self.keywords.isEmpty ? place : "\(words) in \(place)"
        }
    }
}

