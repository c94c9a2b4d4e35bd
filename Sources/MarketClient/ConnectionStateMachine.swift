/// The client's connection life cycle as a plain value: events in, the next step out.
/// ``MarketClient`` drives it under a lock and performs the steps; tests drive it directly.
struct ConnectionStateMachine: Sendable {
    /// How the pause between reconnection attempts grows.
    struct Backoff: Sendable, Hashable {
        var initial: Duration = .milliseconds(100)
        var maximum: Duration = .seconds(2)

        func delay(afterFailures failures: Int) -> Duration {
            guard failures > 0 else { return .zero }
            var delay = self.initial
            for _ in 1..<min(failures, 16) where delay < self.maximum { delay *= 2 }
            return min(delay, self.maximum)
        }
    }

    private(set) var state: ConnectionState = .idle
    /// Consecutive failed attempts since the last successful connection.
    private(set) var failures = 0
    let backoff: Backoff
    let reconnectsAutomatically: Bool

    init(backoff: Backoff = Backoff(), reconnectsAutomatically: Bool) {
        self.backoff = backoff
        self.reconnectsAutomatically = reconnectsAutomatically
    }

    enum ConnectAction: Equatable {
        /// Start an attempt now.
        case connect
        /// An attempt is already under way: wait for it.
        case join
        /// A connection is up: use it.
        case useConnection
        /// The client was closed.
        case refuse
    }

    /// A request needs a connection.
    mutating func connectionNeeded() -> ConnectAction {
        switch self.state {
        case .connected: return .useConnection
        case .connecting: return .join
        case .closed: return .refuse
        case .idle, .waitingToReconnect:
            // A person or a program is waiting: try at once rather than sit out the backoff.
            self.state = .connecting(attempt: self.failures + 1)
            return .connect
        }
    }

    /// The scheduled reconnection time has come.
    mutating func reconnectTimerFired() -> ConnectAction {
        guard case .waitingToReconnect = self.state else { return self.state == .closed ? .refuse : .join }
        self.state = .connecting(attempt: self.failures + 1)
        return .connect
    }

    enum FailureAction: Equatable {
        case none
        case scheduleReconnect(after: Duration)
    }

    mutating func connected() {
        guard self.state != .closed else { return }
        self.failures = 0
        self.state = .connected
    }

    mutating func connectFailed(reason: String) -> FailureAction {
        guard self.state != .closed else { return .none }
        self.failures += 1
        return self.waitOrIdle(reason: reason)
    }

    /// An established connection broke.
    mutating func connectionLost(reason: String) -> FailureAction {
        guard self.state != .closed else { return .none }
        return self.waitOrIdle(reason: reason)
    }

    mutating func close() {
        self.state = .closed
    }

    private mutating func waitOrIdle(reason: String) -> FailureAction {
        guard self.reconnectsAutomatically else {
            self.state = .idle
            return .none
        }
        self.state = .waitingToReconnect(attempt: self.failures + 1, reason: reason)
        return .scheduleReconnect(after: self.backoff.delay(afterFailures: max(self.failures, 1)))
    }
}
