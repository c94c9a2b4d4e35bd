import Logging
import MarketCore
import MarketProtocol
import MarketStore

/// Account creation, login and logout, the same for both roles.
struct Accounts: Sendable {
    let customers: CustomersStore
    let role: Role
    let hasher: PasswordHasher
    let policy: CustomersStore.SessionPolicy

    /// The session timeout in whole seconds, rounded up, as Login tells it to clients.
    var sessionTimeoutSeconds: Int {
        let (seconds, attoseconds) = self.policy.timeout.components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }

    func create(_ arguments: CreateAccountArguments) async throws(MarketError) -> Int64 {
        try self.refuseOtherRole(arguments.role)
        let username: String
        let name: String
        do {
            username = try FieldRules.validateUsername(arguments.username)
            try FieldRules.validatePassword(arguments.password)
            name = try FieldRules.accountName.validate(arguments.name)
        } catch {
            throw MarketError(error)
        }
        let hash = try await self.hasher.hash(arguments.password)
        return try await self.customers.createAccount(role: self.role, username: username, name: name, passwordHash: hash)
    }

    /// Checks the credentials and opens a session. Unknown users and wrong passwords get the same
    /// answer after the same amount of work.
    func login(_ arguments: LoginArguments) async throws(MarketError) -> (token: SessionToken, key: SessionKey, account: CustomersStore.Credentials) {
        try self.refuseOtherRole(arguments.role)
        let refused = MarketError(.invalidCredentials, "Wrong username or password.")
        guard let username = try? FieldRules.validateUsername(arguments.username),
            (1...FieldRules.maximumPasswordLength).contains(arguments.password.count)
        else { throw refused }
        guard let account = try await self.customers.credentials(role: self.role, username: username) else {
            try await self.hasher.burnVerification(of: arguments.password)
            throw refused
        }
        guard try await self.hasher.verify(arguments.password, against: account.passwordHash) else { throw refused }
        let token = SessionTokens.issue()
        let key = SessionTokens.key(for: token)
        try await self.customers.createSession(key: key, accountID: account.accountID, policy: self.policy)
        return (token, key, account)
    }

    /// A request for the other role's server (a client pointed at the wrong port) is refused
    /// before anything is done: no account is created, no password checked.
    private func refuseOtherRole(_ role: Role?) throws(MarketError) {
        guard let role, role != self.role else { return }
        throw MarketError(.wrongRole, "This is the \(self.role.rawValue) server: \(role.rawValue) accounts are at the \(role.rawValue) server.")
    }

    func logout(_ session: Session, authenticator: Authenticator) async throws(MarketError) {
        try await self.customers.deleteSession(key: session.key)
        authenticator.ended(session)
    }
}
