public import MarketCore
import MarketProtocol

/// A client of one role's server: what both roles' clients do alike (open the connection, create
/// an account, log in and out), so code that follows an account's life, such as the terminal
/// clients' login screens, is written once for both.
public protocol AccountClient: Sendable {
    /// Whose accounts this client opens: sellers' or buyers'.
    associatedtype Tag: AccountTag

    /// The connection every call goes through; it keeps the session after a login.
    var client: MarketClient { get }

    init(client: MarketClient)

    /// Makes the cheapest call that counts as activity for the session, so that it does not
    /// expire while the user is busy on screen without sending anything (typing a long form).
    func keepSessionAlive() async throws(MarketError)
}

extension AccountClient {
    public init(configuration: MarketClient.Configuration) {
        self.init(client: MarketClient(configuration: configuration))
    }

    /// Asks the server which role it serves; the first call also opens the connection.
    public func ping() async throws(MarketError) -> Role {
        try await self.client.call(Ping.self, Nothing()).role
    }

    /// The market's named categories, by number.
    public func categories() async throws(MarketError) -> [CategoryName] {
        try await self.client.call(ListCategories.self, Nothing()).categories
    }

    public func createAccount(username: String, password: String, name: String) async throws(MarketError) -> AccountID<Tag> {
        try await self.client.call(AccountAPI<Tag>.CreateAccount.self, .init(username: username, password: password, name: name, role: Tag.role)).accountID
    }

    /// Logs in and keeps the session for later calls.
    @discardableResult
    public func login(username: String, password: String) async throws(MarketError) -> AccountProfile<Tag> {
        try await self.openSession(username: username, password: password).profile
    }

    /// Logs in and keeps the session for later calls, saying also how long the session lasts
    /// without a request (nil when the server does not say), for a client that keeps it alive.
    public func openSession(username: String, password: String) async throws(MarketError) -> (profile: AccountProfile<Tag>, timeout: Duration?) {
        let session = try await self.requestSession(username: username, password: password)
        self.client.session = session.token
        return (session.profile, session.timeout)
    }

    /// Logs in without keeping the session: the caller decides whether to use it (a terminal
    /// client whose user stopped waiting for the answer must not be logged in by it later).
    public func requestSession(username: String, password: String) async throws(MarketError) -> (token: SessionToken, profile: AccountProfile<Tag>, timeout: Duration?) {
        let result = try await self.client.call(AccountAPI<Tag>.Login.self, .init(username: username, password: password, role: Tag.role))
        return (result.session, result.account, result.sessionTimeout.map { .seconds($0) })
    }

    /// Ends this session (only this one) and forgets it; at the buyer server its active cart goes
    /// too (the saved cart stays). A session the server no longer knows (it expired, or a Logout
    /// whose answer was lost ended it and the call was repeated) counts as ended.
    public func logout() async throws(MarketError) {
        do {
            _ = try await self.client.call(AccountAPI<Tag>.Logout.self, Nothing())
        } catch where error.code == .notLoggedIn || error.code == .sessionExpired {
            // Over already.
        }
        self.client.session = nil
    }
}
