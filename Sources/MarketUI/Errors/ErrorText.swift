public import MarketCore

/// Failures in words a person can act on. Server messages are already written for people; the
/// client's own failures (no connection, timeouts) and the session's end get sentences here.
public enum ErrorText {
    /// - Parameter changing: whether the failed call was one that changes something (a payment, a
    ///   new item): when its outcome is unknown, the sentence says so instead of inviting a retry.
    /// - Parameter role: the client's, to say which server it needs when it reached the other.
    public static func sentence(for error: MarketError, server: String, changing: Bool = false, role: Role? = nil) -> String {
        switch error.code {
        case .unreachable where error.field == "host":
            return "No host is known by the name in \(server) — check --host. Retrying in the background."
        case .unreachable:
            return "Can't reach the server at \(server) — is it running? Retrying in the background."
        case .connectionLost:
            return changing
                ? "The connection dropped before the answer came, so whether that went through is unknown — check before repeating it."
                : "The connection dropped before the answer came. Try again in a moment."
        case .timedOut:
            return changing
                ? "The server took too long to answer, so whether that went through is unknown — check before repeating it."
                : "The server took too long to answer. Try again in a moment."
        case .unavailable:
            return changing
                ? "The server can't reach its database right now, so nothing was changed. Try again shortly."
                : "The server can't reach its database right now. Try again shortly."
        case .databaseTimeout:
            return changing
                ? "The server's database took too long to answer, so whether that went through is unknown — check before repeating it."
                : "The server's database is not answering right now. Try again shortly."
        case .overloaded:
            return "The server is busy right now. Try again in a moment."
        case .internal:
            return "Something went wrong on the server (it has been logged). Try again."
        case .protocolError, .frameTooLarge, .badRequest, .unknownOp:
            return "The server at \(server) answered in a way this client does not understand — is it the right port?"
        case .sessionExpired:
            return "Your session expired after a while without activity. Please log in again."
        case .notLoggedIn:
            return "Your session has ended. Please log in again."
        case .wrongRole:
            guard let role, let other = Role.allCases.first(where: { $0 != role }) else {
                return "The server at \(server) is for the other role — check --port."
            }
            return self.wrongServer(server, is: other, needs: role)
        case .invalidCredentials:
            return "Wrong username or password."
        default:
            return error.message
        }
    }

    /// The server at `server` serves `other`'s role; this client needs `role`'s.
    public static func wrongServer(_ server: String, is other: Role, needs role: Role) -> String {
        "The server at \(server) is the \(other.rawValue) server: this client needs the \(role.rawValue) server (--port \(role.defaultPort) by default)."
    }

    /// Whether a call that failed this way may still have taken effect: its answer was lost, not a
    /// refusal.
    public static func outcomeIsUnknown(_ error: MarketError) -> Bool {
        error.code == .timedOut || error.code == .connectionLost || error.code == .databaseTimeout
    }

    /// Whether the error means the session is gone and the user must log in again.
    public static func endsSession(_ error: MarketError) -> Bool {
        error.code == .sessionExpired || error.code == .notLoggedIn
    }
}
