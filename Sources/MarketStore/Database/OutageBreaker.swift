/// Whether calls to a database wait for it or fail at once, so that while a database is down
/// each request is refused immediately instead of waiting out the call timeout.
///
/// A call that could not reach the database makes it suspect, and a probe starts: a plain TCP
/// connection to its address, which an overloaded but running PostgreSQL still accepts. While
/// probes fail the breaker is open and calls are refused at once; the first probe that connects
/// closes it. Only one probe loop runs at a time. A plain state machine: `Database` does the I/O.
struct OutageBreaker: Sendable {
    /// Calls are refused without trying the database.
    private(set) var isOpen = false
    /// A probe loop is running.
    private(set) var isProbing = false

    enum Action: Equatable {
        case none
        /// Start the probe loop.
        case startProbing
        /// Probe again after a pause.
        case probeAgain
    }

    /// A call found the database unreachable (it timed out or its connection failed).
    mutating func callFailedToReach() -> Action {
        guard !self.isProbing else { return .none }
        self.isProbing = true
        return .startProbing
    }

    /// The outcome of one probe.
    mutating func probed(reachable: Bool) -> Action {
        if reachable {
            self.isOpen = false
            self.isProbing = false
            return .none
        }
        self.isOpen = true
        return .probeAgain
    }

    /// The probe loop ended without an answer (shutdown): stop refusing.
    mutating func probingStopped() {
        self.isOpen = false
        self.isProbing = false
    }
}
