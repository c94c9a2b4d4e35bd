/// The two kinds of account. Each role has its own server, its own usernames and its own sessions.
public enum Role: String, Sendable, Hashable, WireName {
    case seller
    case buyer

    /// The port this role's server listens on unless told otherwise, and its clients connect to.
    public var defaultPort: Int {
        switch self {
        case .seller: 7001
        case .buyer: 7002
        }
    }
}
