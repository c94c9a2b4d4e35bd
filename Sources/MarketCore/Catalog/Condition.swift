/// The state of an item for sale.
public enum Condition: String, Sendable, Hashable, WireName, CustomStringConvertible {
    case new
    case used

    public var description: String {
        switch self {
        case .new: "New"
        case .used: "Used"
        }
    }
}
