import MarketCore
import MarketStore

/// Resolves a request's token to a live session of one role.
struct Authenticator: Sendable {
    let customers: CustomersStore
    let role: Role
    let policy: CustomersStore.SessionPolicy
    /// Recently confirmed sessions, or `nil` to ask the database every time.
    let cache: SessionCache?

    /// The live session of the request's token. A request that counts as activity moves the
    /// session's expiry forward (when due); one that does not only looks, and its answer is not
    /// cached: a cached confirmation stands in for the check that keeps a busy session alive.
    func authenticate(_ context: RequestContext, countsAsActivity: Bool) async throws(MarketError) -> Session {
        guard let token = context.token else {
            throw .noSession
        }
        guard token.isWellFormed else {
            throw .foreignSession
        }
        let key = SessionTokens.key(for: token)
        if let owner = self.cache?.owner(of: key) {
            return try self.session(token: token, key: key, owner: owner)
        }
        let ticket = countsAsActivity ? self.cache?.ticket() : nil
        switch try await self.customers.authenticate(key: key, policy: countsAsActivity ? self.policy : self.policy.looking) {
        case .missing:
            throw MarketError(.notLoggedIn, "This session does not exist or has ended; log in again.")
        case .expired:
            throw .sessionExpired(after: self.policy.timeout)
        case .live(let owner):
            if let ticket { self.cache?.remember(key, owner: owner, ticket: ticket) }
            return try self.session(token: token, key: key, owner: owner)
        }
    }

    private func session(token: SessionToken, key: SessionKey, owner: CustomersStore.SessionOwner) throws(MarketError) -> Session {
        guard owner.role == self.role else {
            throw MarketError(
                .wrongRole,
                "This is a \(owner.role.rawValue) session; the \(self.role.rawValue) server accepts only \(self.role.rawValue) sessions."
            )
        }
        return Session(token: token, key: key, owner: owner)
    }

    /// Ends a session here and now (the database's announcement reaches the other servers).
    func ended(_ session: Session) {
        self.cache?.forget(session.key)
    }
}
