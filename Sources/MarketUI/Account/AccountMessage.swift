public import MarketClient
public import MarketCore

/// What comes back from an ``AccountCommand``, and news of the connection. Each app's message
/// enum wraps these in a case of its own (``ClientMessage``).
public enum AccountMessage<Tag: AccountTag>: Sendable {
    case connection(ConnectionState)
    /// Logged in; the server says how long its sessions last without a request (nil when it
    /// does not say). The session is the client's to use once the app accepts the answer (nil:
    /// leave the client's as it is).
    case loggedIn(request: Int, profile: AccountProfile<Tag>, sessionTimeout: Duration? = nil, session: SessionToken? = nil)
    /// The account exists; logging in follows with the same credentials.
    case accountCreated(request: Int, username: String, password: String)
    case loggedOut(request: Int)
    /// The market's category names.
    case categories(CategoryNames)
    /// The server answered the first ping as a server of another role (a client started with the
    /// other server's port).
    case wrongServer(Role)
    /// The clock beat (every ``ClientProgram/heartbeatInterval``): time, perhaps, to keep the
    /// session alive for a busy user.
    case heartbeat

    /// Whether this is news from the client itself rather than an answer from the server.
    public var isNews: Bool {
        switch self {
        case .connection, .heartbeat, .wrongServer: true
        case .loggedIn, .accountCreated, .loggedOut, .categories: false
        }
    }
}

/// An app's message type: results of its own calls, a case holding an ``AccountMessage``, and a
/// case for a failed command.
public protocol ClientMessage: Sendable {
    associatedtype Tag: AccountTag
    associatedtype Command: ClientCommand

    /// Wraps an account message (an enum case `account(_:)` satisfies this).
    static func account(_ message: AccountMessage<Tag>) -> Self

    /// A command failed; the command says what was being tried (an enum case satisfies this).
    static func failed(request: Int, command: Command, error: MarketError) -> Self

    /// What the server said was wrong, when this is a failure; nil for results and news.
    var failure: MarketError? { get }

    /// Whether this is news (of the connection, of the clock) rather than an answer from the
    /// server.
    var isConnectionNews: Bool { get }
}
