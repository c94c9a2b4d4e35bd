public import MarketCore

/// Arguments of CreateAccount for either role.
public struct CreateAccountArguments: Sendable, Hashable, Codable {
    public var username: String
    public var password: String
    /// The display name (not unique), up to 32 characters.
    public var name: String

    public init(username: String, password: String, name: String) {
        self.username = username
        self.password = password
        self.name = name
    }
}

/// Arguments of Login for either role.
public struct LoginArguments: Sendable, Hashable, Codable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// Answered by both servers without a session: lets clients and operators check liveness.
public enum Ping: MarketOperation {
    public static let name = "Ping"
    public static var requiresSession: Bool { false }
    public static var isIdempotent: Bool { true }
    public typealias Arguments = Nothing

    public struct Result: Sendable, Hashable, Codable {
        /// `seller` or `buyer`: which server answered.
        public var role: Role
        public init(role: Role) { self.role = role }
    }
}
