/// What a client's connection is doing, for status displays.
public enum ConnectionState: Sendable, Hashable {
    /// No connection yet and none being made.
    case idle
    /// A connection attempt is in progress (`attempt` counts consecutive failures + 1).
    case connecting(attempt: Int)
    case connected
    /// The connection failed or broke; another attempt follows after a pause.
    case waitingToReconnect(attempt: Int, reason: String)
    /// ``MarketClient/close()`` was called.
    case closed
}
