public import MarketCore
import NIOCore
import PostgresNIO

extension CustomersStore {
    /// A session as seen by a request.
    public enum SessionLookup: Sendable, Hashable {
        case live(SessionOwner)
        case expired
        case missing
    }

    /// Who a live session belongs to.
    public struct SessionOwner: Sendable, Hashable {
        public var accountID: Int64
        public var role: Role
        public var username: String
        public var name: String

        public init(accountID: Int64, role: Role, username: String, name: String) {
            self.accountID = accountID
            self.role = role
            self.username = username
            self.name = name
        }
    }

    /// How sessions age.
    public struct SessionPolicy: Sendable, Hashable {
        /// A session ends after this long without a request.
        public var timeout: Duration
        /// Activity moves the expiry forward at most this often, so that most requests only read
        /// (a write on every request would wait for a WAL flush on every request).
        public var touchInterval: Duration

        public init(timeout: Duration, touchInterval: Duration? = nil) {
            self.timeout = timeout
            // A fiftieth of the timeout (6 s of 5 min), never more than 10 s: expiry is then
            // accurate to 2 %.
            self.touchInterval = touchInterval ?? min(timeout / 50, .seconds(10))
        }

        /// The same timeout, for a check that never moves the expiry (a request that does not
        /// count as activity).
        public var looking: SessionPolicy { SessionPolicy(timeout: self.timeout, touchInterval: self.timeout) }
    }

    public func createSession(key: SessionKey, accountID: Int64, policy: SessionPolicy) async throws(MarketError) {
        try await self.database.perform("createSession") { client in
            try await client.execute(
                """
                INSERT INTO sessions (token_hash, account_id, expires_at)
                VALUES (\(key.buffer), \(accountID), now() + \(policy.timeout.milliseconds) * interval '1 millisecond')
                """
            )
        }
    }

    /// Looks a session up and, when it is live and its expiry is due to move, moves it forward —
    /// in one statement, so a request costs one round trip and usually no write.
    public func authenticate(key: SessionKey, policy: SessionPolicy) async throws(MarketError) -> SessionLookup {
        try await self.database.perform("authenticate") { client in
            let statement = Authenticate(
                bindings: PostgresBindings(key.buffer, policy.timeout.milliseconds, policy.touchInterval.milliseconds)
            )
            guard let row = try await client.firstRow(statement) else { return SessionLookup.missing }
            let (id, role, username, name, live) = try row.decode((Int64, String, String, String, Bool).self)
            guard live else { return .expired }
            return .live(SessionOwner(accountID: id, role: Role(rawValue: role) ?? .buyer, username: username, name: name))
        }
    }

    private struct Authenticate: Statement {
        static let sql = """
            WITH touched AS (
                UPDATE sessions SET expires_at = now() + $2::int8 * interval '1 millisecond'
                 WHERE token_hash = $1::bytea
                   AND expires_at > now()
                   AND expires_at < now() + ($2::int8 - $3::int8) * interval '1 millisecond'
            )
            SELECT a.id, a.role, a.username, a.name, s.expires_at > now()
              FROM sessions s JOIN accounts a ON a.id = s.account_id
             WHERE s.token_hash = $1::bytea
            """
        let bindings: PostgresBindings
    }

    /// Ends one session. Returns whether it existed.
    @discardableResult
    public func deleteSession(key: SessionKey) async throws(MarketError) -> Bool {
        try await self.database.perform("deleteSession") { client in
            let rows = try await client.query("DELETE FROM sessions WHERE token_hash = \(key.buffer) RETURNING 1")
            for try await _ in rows { return true }
            return false
        }
    }

    /// Of `keys`, those whose session still exists (live or expired but not yet swept).
    public func existingSessions(among keys: [SessionKey]) async throws(MarketError) -> Set<SessionKey> {
        guard !keys.isEmpty else { return [] }
        return try await self.database.perform("existingSessions") { client in
            let rows = try await client.query(
                "SELECT token_hash FROM sessions WHERE token_hash = ANY(\(keys.map(\.buffer)))"
            )
            var found: Set<SessionKey> = []
            for try await buffer in rows.decode(ByteBuffer.self) {
                if let key = SessionKey(buffer: buffer) { found.insert(key) }
            }
            return found
        }
    }

    /// Deletes sessions that expired more than `grace` ago (until then a request with one is told
    /// `session_expired` rather than `not_logged_in`). Returns how many went.
    public func deleteExpiredSessions(grace: Duration) async throws(MarketError) -> Int {
        try await self.database.perform("deleteExpiredSessions") { client in
            let rows = try await client.query(
                """
                WITH gone AS (
                    DELETE FROM sessions WHERE expires_at < now() - \(grace.milliseconds) * interval '1 millisecond'
                    RETURNING 1
                )
                SELECT count(*) FROM gone
                """
            )
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }
}

extension Duration {
    /// Whole milliseconds, for SQL intervals.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

extension CustomersStore {
    /// Calls `onEnded` with the key of every session deleted from now on, by any server or by
    /// hand, until the database connection breaks (then it throws) or the task is cancelled.
    public func watchEndedSessions(onListening: @escaping @Sendable () -> Void, onEnded: @escaping @Sendable (SessionKey) -> Void) async throws {
        try await self.database.listen(on: "market_session_ended", onListening: onListening) { payload in
            if let key = SessionKey(hex: payload) { onEnded(key) }
        }
    }
}
