/// The dashboard's views, switched with Tab or their number.
public enum SellerView: Int, Sendable, Hashable, CaseIterable {
    case items
    case rating

    public var title: String {
        switch self {
        case .items: "My items"
        case .rating: "Rating"
        }
    }
}
