import Logging
public import MarketCore
import NIOCore
import PostgresNIO

/// The customers database: accounts and sessions. All of its SQL is in this type's files.
public struct CustomersStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What the database holds for a login attempt.
    public struct Credentials: Sendable {
        public var accountID: Int64
        public var username: String
        public var name: String
        public var passwordHash: String
    }

    /// Creates an account; `username_taken` if the role already has that username.
    public func createAccount(role: Role, username: String, name: String, passwordHash: String) async throws(MarketError) -> Int64 {
        try await self.database.perform("createAccount") { client in
            let rows = try await client.query(
                """
                INSERT INTO accounts (role, username, name, password_hash)
                VALUES (\(role.rawValue), \(username), \(name), \(passwordHash))
                ON CONFLICT (role, username) DO NOTHING
                RETURNING id
                """
            )
            for try await id in rows.decode(Int64.self) { return id }
            throw MarketError(.usernameTaken, "The username “\(username)” is already taken.", field: "username")
        }
    }

    /// The stored credentials of `username`, or `nil` when the role has no such user.
    public func credentials(role: Role, username: String) async throws(MarketError) -> Credentials? {
        try await self.database.perform("credentials") { client in
            let rows = try await client.query(
                "SELECT id, name, password_hash FROM accounts WHERE role = \(role.rawValue) AND username = \(username)"
            )
            for try await (id, name, hash) in rows.decode((Int64, String, String).self) {
                return Credentials(accountID: id, username: username, name: name, passwordHash: hash)
            }
            return nil
        }
    }

    /// The display name of an account of `role`, or `nil` when there is none.
    public func accountName(id: Int64, role: Role) async throws(MarketError) -> String? {
        try await self.database.perform("accountName") { client in
            try await client.firstRow(AccountName(bindings: PostgresBindings(id, role.rawValue)))?.decode(String.self)
        }
    }

    private struct AccountName: Statement {
        static let sql = "SELECT name FROM accounts WHERE id = $1::int8 AND role = $2::text"
        let bindings: PostgresBindings
    }
}
