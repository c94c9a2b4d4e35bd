public import MarketCore
public import MarketUI

/// A network call the seller dashboard wants made. Each carries the id of its request, which comes
/// back with the result, so the spinner and stale results are tracked precisely.
public enum SellerCommand: ClientCommand, Hashable {
    case account(AccountCommand)
    /// The page of the items `listing` lists that starts at `offset`.
    case loadItems(request: Int, offset: Int, listing: ItemListing = .all)
    case loadRating(request: Int)
    case register(request: Int, draft: ItemDraft)
    case changePrice(request: Int, item: ItemID, price: Money)
    case removeUnits(request: Int, item: ItemID, count: Int)
    case addUnits(request: Int, item: ItemID, count: Int)
    /// Waits in the background for sales and votes since `after` (``SellerRating/activity``),
    /// asking for the page at `offset` of what `listing` lists to come with them.
    case awaitActivity(request: Int, after: Int, offset: Int, listing: ItemListing = .all)

    public var account: AccountCommand? {
        if case .account(let command) = self { command } else { nil }
    }

    public var request: Int? {
        switch self {
        case .account(let command): command.request
        case .loadItems(let request, _, _), .loadRating(let request), .register(let request, _),
            .changePrice(let request, _, _), .removeUnits(let request, _, _), .addUnits(let request, _, _),
            .awaitActivity(let request, _, _, _):
            request
        }
    }

    public var isBackground: Bool {
        if case .awaitActivity = self { true } else { false }
    }

    public var changesData: Bool {
        switch self {
        case .register, .changePrice, .removeUnits, .addUnits: true
        case .account, .loadItems, .loadRating, .awaitActivity: false
        }
    }
}
