/// A stable, machine-readable failure code. Clients branch on these; they never change meaning.
public struct ErrorCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    public var description: String { self.rawValue }

    // Protocol-level
    /// The frame was not one JSON object with a numeric `id` and a string `op`.
    public static let badRequest = ErrorCode(rawValue: "bad_request")
    /// The frame's declared length exceeds the server's maximum; the connection is then closed.
    public static let frameTooLarge = ErrorCode(rawValue: "frame_too_large")
    /// `op` names no operation of this server.
    public static let unknownOp = ErrorCode(rawValue: "unknown_op")
    /// An argument is missing, of the wrong type, or breaks a rule; `field` names it.
    public static let invalidArgument = ErrorCode(rawValue: "invalid_argument")

    // Sessions and accounts
    /// The request needs a session and carried none, or one that does not exist (e.g. logged out).
    public static let notLoggedIn = ErrorCode(rawValue: "not_logged_in")
    /// The session existed but saw no activity for longer than the timeout.
    public static let sessionExpired = ErrorCode(rawValue: "session_expired")
    /// The session belongs to the other role (a seller session at the buyer server, or vice versa).
    public static let wrongRole = ErrorCode(rawValue: "wrong_role")
    public static let usernameTaken = ErrorCode(rawValue: "username_taken")
    /// Unknown username or wrong password (deliberately not told apart).
    public static let invalidCredentials = ErrorCode(rawValue: "invalid_credentials")

    // Marketplace
    public static let notFound = ErrorCode(rawValue: "not_found")
    /// Fewer units are on sale than the request needs.
    public static let insufficientStock = ErrorCode(rawValue: "insufficient_stock")
    public static let emptyCart = ErrorCode(rawValue: "empty_cart")
    /// The cart already holds ``Cart/maximumLines`` different items; a new one cannot be added.
    public static let cartFull = ErrorCode(rawValue: "cart_full")
    /// At checkout the cart's total at current prices is not the total the buyer confirmed (a
    /// seller changed a price in between); nothing was bought.
    public static let priceChanged = ErrorCode(rawValue: "price_changed")
    /// Feedback for an item the buyer never purchased.
    public static let notPurchased = ErrorCode(rawValue: "not_purchased")
    /// Feedback for an item the buyer already rated.
    public static let alreadyRated = ErrorCode(rawValue: "already_rated")

    // Server state
    /// The server cannot reach a database right now: nothing was changed. Retry later.
    public static let unavailable = ErrorCode(rawValue: "unavailable")
    /// A database did not answer in time after the request reached it: a change may still take
    /// effect, so check before repeating one.
    public static let databaseTimeout = ErrorCode(rawValue: "database_timeout")
    /// The server is at its connection or request limit. Retry later.
    public static let overloaded = ErrorCode(rawValue: "overloaded")
    /// A bug or an unexpected failure; the server logged details.
    public static let `internal` = ErrorCode(rawValue: "internal")

    // Raised by MarketClient itself, never sent by a server.
    /// The client could not connect to the server.
    public static let unreachable = ErrorCode(rawValue: "unreachable")
    /// The connection broke after the request was sent: it may or may not have run.
    public static let connectionLost = ErrorCode(rawValue: "connection_lost")
    /// No response arrived within the client's request timeout.
    public static let timedOut = ErrorCode(rawValue: "timed_out")
    /// The server sent something the client cannot read.
    public static let protocolError = ErrorCode(rawValue: "protocol_error")
}
