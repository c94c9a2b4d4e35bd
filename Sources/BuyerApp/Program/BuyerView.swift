/// The storefront's views, switched with Tab or their number.
public enum BuyerView: Int, Sendable, Hashable, CaseIterable {
    case search
    case cart
    case purchases

    public var title: String {
        switch self {
        case .search: "Search"
        case .cart: "Cart"
        case .purchases: "Purchases"
        }
    }
}
