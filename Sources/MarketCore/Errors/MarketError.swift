/// A failure as the other side sees it: a stable code, a sentence for a person and, for bad
/// arguments, the field at fault. Nothing from deep inside the server leaks into the message.
public struct MarketError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    public var field: String?

    public init(_ code: ErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    public init(_ error: FieldError) {
        self.init(.invalidArgument, error.message, field: error.field)
    }

    public var description: String { "\(self.code): \(self.message)" }

    /// A request that needs a session came without one.
    public static let noSession = MarketError(.notLoggedIn, "This request needs a session: log in first.")

    /// A token no server could have issued (see ``SessionToken/isWellFormed``).
    public static let foreignSession = MarketError(.notLoggedIn, "The session token is not one this server issued; log in again.")

    /// A session that ended after `timeout` without activity: what the server answers, and what
    /// a client says when it ends an unattended session itself.
    public static func sessionExpired(after timeout: Duration) -> MarketError {
        let seconds = timeout.components.seconds
        let length = seconds >= 120 && seconds % 60 == 0 ? "\(seconds / 60) minutes" : "\(seconds) second\(seconds == 1 ? "" : "s")"
        return MarketError(.sessionExpired, "Your session expired after \(length) without activity; log in again.")
    }
}
