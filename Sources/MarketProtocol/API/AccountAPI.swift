public import MarketCore

/// Arguments of CreateAccount for either role.
public struct CreateAccountArguments: Sendable, Hashable, Codable {
    public var username: String
    public var password: String
    /// The display name (not unique), up to 32 characters.
    public var name: String
    /// The role the client means the account for, if it says: a server of the other role refuses
    /// the request (`wrong_role`) before doing anything, so a client pointed at the wrong port
    /// creates no account there.
    public var role: Role?

    public init(username: String, password: String, name: String, role: Role? = nil) {
        self.username = username
        self.password = password
        self.name = name
        self.role = role
    }
}

/// Arguments of Login for either role.
public struct LoginArguments: Sendable, Hashable, Codable {
    public var username: String
    public var password: String
    /// The role the client logs in as, if it says: a server of the other role answers
    /// `wrong_role` instead of "wrong username or password".
    public var role: Role?

    public init(username: String, password: String, role: Role? = nil) {
        self.username = username
        self.password = password
        self.role = role
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

/// The market's named categories, at both servers: a client shows a name beside a category's
/// number and reads a category typed as a name. Items may be in categories without a name.
public enum ListCategories: MarketOperation {
    public static let name = "ListCategories"
    public static var isIdempotent: Bool { true }
    public typealias Arguments = Nothing

    public struct Result: Sendable, Hashable, Codable {
        /// By number.
        public var categories: [CategoryName]
        public init(categories: [CategoryName]) { self.categories = categories }
    }
}

/// Creating an account, logging in and logging out: the same operations at both servers, for the
/// accounts of the server's role (``SellerAPI`` and ``BuyerAPI`` name them for their role). Their
/// results name the role on the wire: `{"sellerID": 1}` from the seller server, `{"buyerID": 1}`
/// from the buyer server; `{"session", "seller": {…}}` or `{"session", "buyer": {…}}`.
public enum AccountAPI<Tag: AccountTag> {
    public enum CreateAccount: MarketOperation {
        public static var name: String { "CreateAccount" }
        public static var requiresSession: Bool { false }
        public typealias Arguments = CreateAccountArguments

        public struct Result: Sendable, Hashable, Codable {
            public var accountID: AccountID<Tag>

            public init(accountID: AccountID<Tag>) {
                self.accountID = accountID
            }

            /// `sellerID` or `buyerID`.
            private static var key: RoleKey { RoleKey("\(Tag.role.rawValue)ID") }

            public init(from decoder: any Decoder) throws {
                self.accountID = try decoder.container(keyedBy: RoleKey.self).decode(AccountID<Tag>.self, forKey: Self.key)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: RoleKey.self)
                try container.encode(self.accountID, forKey: Self.key)
            }
        }
    }

    public enum Login: MarketOperation {
        public static var name: String { "Login" }
        public static var requiresSession: Bool { false }
        public typealias Arguments = LoginArguments

        public struct Result: Sendable, Hashable, Codable {
            public var session: SessionToken
            public var account: AccountProfile<Tag>
            /// Seconds without a request after which the server ends the session, so that a
            /// client can keep a busy user's session alive in time; nil from servers that do
            /// not say.
            public var sessionTimeout: Int?

            public init(session: SessionToken, account: AccountProfile<Tag>, sessionTimeout: Int? = nil) {
                self.session = session
                self.account = account
                self.sessionTimeout = sessionTimeout
            }

            private static var session: RoleKey { RoleKey("session") }
            /// `seller` or `buyer`.
            private static var account: RoleKey { RoleKey(Tag.role.rawValue) }
            private static var sessionTimeout: RoleKey { RoleKey("sessionTimeout") }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: RoleKey.self)
                self.session = try container.decode(SessionToken.self, forKey: Self.session)
                self.account = try container.decode(AccountProfile<Tag>.self, forKey: Self.account)
                self.sessionTimeout = try container.decodeIfPresent(Int.self, forKey: Self.sessionTimeout)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: RoleKey.self)
                try container.encode(self.session, forKey: Self.session)
                try container.encode(self.account, forKey: Self.account)
                try container.encodeIfPresent(self.sessionTimeout, forKey: Self.sessionTimeout)
            }
        }
    }

    /// Ends the calling session only; the account's other sessions stay.
    public enum Logout: MarketOperation {
        public static var name: String { "Logout" }
        public static var isIdempotent: Bool { true }
        public typealias Arguments = Nothing
        public typealias Result = Nothing
    }
}

/// A key whose name depends on the role.
private struct RoleKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) {
        self.stringValue = name
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}
