public import MarketCore
public import MarketUI

/// A network call the seller dashboard wants made. Each carries the id of its request, which comes
/// back with the result, so the spinner and stale results are tracked precisely.
public enum SellerCommand: Sendable, Hashable {
    /// Opens the connection early so the header can say "connected".
    case connect
    case login(request: Int, username: String, password: String)
    case createAccount(request: Int, username: String, password: String, name: String)
    case logout(request: Int)
    case loadItems(request: Int, offset: Int)
    case loadRating(request: Int)
    case register(request: Int, draft: ItemDraft)
    case changePrice(request: Int, item: ItemID, price: Money)
    case removeUnits(request: Int, item: ItemID, count: Int)

    /// The request id, for every command that has one.
    public var request: Int? {
        switch self {
        case .connect: nil
        case .login(let request, _, _), .createAccount(let request, _, _, _), .logout(let request),
            .loadItems(let request, _), .loadRating(let request), .register(let request, _),
            .changePrice(let request, _, _), .removeUnits(let request, _, _):
            request
        }
    }
}

extension SellerCommand: LoginCommands {}
