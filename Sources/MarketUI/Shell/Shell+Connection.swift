public import MarketClient
public import TerminalUI

extension Shell {
    /// Records a connection state change. Returns true when a lost connection came back, so the
    /// app can refresh what is on screen.
    public mutating func apply(connection state: ConnectionState) -> Bool {
        // Back after any loss, also one mended at the first attempt: what the connection would
        // have brought meanwhile (a dashboard's news, a push) is fetched again.
        let wasLost = self.hasConnected && self.connection != .connected
        self.connection = state
        guard state == .connected else { return false }
        let recovered = wasLost
        self.hasConnected = true
        if recovered, case .error = self.status?.kind { self.status = .success("Reconnected to \(self.server).") }
        return recovered
    }

    /// The connection as shown in the header: a dot and a word or two, in a style.
    public var connectionBadge: Span {
        switch self.connection {
        case .connected where self.trouble?.reason == .noDatabase:
            return Span(" ◐ no database ", .headerWarning)
        case .connected where self.trouble?.reason == .noAnswer:
            return Span(" ◐ not answering ", .headerWarning)
        case .connected where self.wrongServer != nil:
            return Span(" ◐ wrong server ", .headerWarning)
        case .connected:
            return Span(" ● connected ", .headerOnline)
        case .connecting(let attempt) where attempt == 1 && !self.hasConnected:
            return Span(" ◌ connecting… ", .headerMuted)
        case .connecting, .waitingToReconnect:
            // Never reached yet: nothing to reconnect to (a wrong port, a server not started).
            return self.hasConnected ? Span(" ◌ reconnecting… ", .headerWarning) : Span(" ◌ unreachable, retrying… ", .headerWarning)
        case .idle:
            return self.hasConnected ? Span(" ○ idle ", .headerMuted) : Span(" ○ not connected ", .headerMuted)
        case .closed:
            return Span(" ○ closed ", .headerOffline)
        }
    }

    /// Whether the header should say the server is unreachable right now.
    public var isOffline: Bool {
        switch self.connection {
        case .waitingToReconnect: true
        case .connecting(let attempt): attempt > 1
        default: false
        }
    }
}
