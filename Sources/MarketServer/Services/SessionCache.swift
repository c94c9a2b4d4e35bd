public import Logging
import MarketCore
public import MarketStore
public import ServiceLifecycle
import Synchronization

/// Sessions the customers database confirmed live in the last few seconds, so that most requests
/// skip a round trip to it.
///
/// The database stays the authority; the cache only shortens how often it is asked:
/// - an entry is trusted for `freshness` after the database confirmed it (the session policy's
///   touch interval: 6 s for a 5-minute timeout). The next request after that asks the database
///   again, which also moves the session's expiry forward — so activity still keeps sessions
///   alive, and an idle session is never served from the cache past its expiry;
/// - every deleted session is announced by a trigger on `sessions` (`pg_notify`), and the cache
///   forgets it at once — logout on any server takes effect everywhere;
/// - while that subscription is down the cache is off (and emptied), so a missed announcement can
///   never leave a dead session usable.
public final class SessionCache: Service, Sendable {
    private let customers: CustomersStore
    private let logger: Logger
    private let state: Mutex<SessionCacheState>

    public init(customers: CustomersStore, freshness: Duration, capacity: Int = 200_000, logger: Logger) {
        self.customers = customers
        self.logger = logger
        self.state = Mutex(SessionCacheState(freshness: freshness, capacity: capacity))
    }

    /// The owner of `key` if the database confirmed it recently enough.
    func owner(of key: SessionKey) -> CustomersStore.SessionOwner? {
        self.state.withLock { $0.owner(of: key, now: .now) }
    }

    /// Take before asking the database about a session, and hand to ``remember(_:owner:ticket:)``
    /// with its answer.
    func ticket() -> SessionCacheState.Ticket {
        self.state.withLock { $0.ticket }
    }

    /// Records that the database confirmed `key` live, when asked with `ticket`.
    func remember(_ key: SessionKey, owner: CustomersStore.SessionOwner, ticket: SessionCacheState.Ticket) {
        self.state.withLock { $0.remember(key, owner: owner, ticket: ticket, now: .now) }
    }

    func forget(_ key: SessionKey) {
        self.state.withLock { $0.forget(key) }
    }

    /// Keeps the subscription to ended sessions open, reconnecting after failures; the cache is
    /// usable only while it is open.
    public func run() async throws {
        await keepListening(logger: self.logger, interrupted: "session announcements interrupted; caching off until they resume", setListening: self.setListening) { onListening in
            try await self.customers.watchEndedSessions(onListening: onListening, onEnded: { self.forget($0) })
        }
    }

    /// Whether the subscription to ended sessions is open, and so the cache in use (for tests).
    package var isListening: Bool { self.state.withLock { $0.isListening } }

    /// How many sessions the cache holds (for tests).
    package var count: Int { self.state.withLock { $0.count } }

    private func setListening(_ listening: Bool) {
        self.state.withLock { $0.setListening(listening) }
    }
}

/// What ``SessionCache`` knows, and its rules, without the locking and the subscription.
struct SessionCacheState {
    private struct Entry {
        var owner: CustomersStore.SessionOwner
        var confirmedAt: ContinuousClock.Instant
    }

    /// How many sessions had been forgotten when a database check began.
    ///
    /// A check and a logout can cross: the database confirms a session, the session ends (here,
    /// or on another server, whose announcement arrives), and only then is the confirmation
    /// recorded, which would make a dead session usable for a whole `freshness`. So a
    /// confirmation is recorded only if nothing was forgotten since its check began. (Any session
    /// forgotten meanwhile, not only this one, counts: the cache then misses once more.)
    struct Ticket: Equatable {
        fileprivate let forgotten: UInt64
    }

    let freshness: Duration
    let capacity: Int
    private var entries: [SessionKey: Entry] = [:]
    private(set) var isListening = false
    private var forgotten: UInt64 = 0

    init(freshness: Duration, capacity: Int) {
        self.freshness = freshness
        self.capacity = capacity
    }

    var ticket: Ticket { Ticket(forgotten: self.forgotten) }
    var count: Int { self.entries.count }

    mutating func owner(of key: SessionKey, now: ContinuousClock.Instant) -> CustomersStore.SessionOwner? {
        guard self.isListening, let entry = self.entries[key] else { return nil }
        guard now - entry.confirmedAt < self.freshness else {
            self.entries[key] = nil
            return nil
        }
        return entry.owner
    }

    mutating func remember(_ key: SessionKey, owner: CustomersStore.SessionOwner, ticket: Ticket, now: ContinuousClock.Instant) {
        guard self.isListening, ticket == self.ticket else { return }
        if self.entries.count >= self.capacity {
            self.entries = self.entries.filter { now - $0.value.confirmedAt < self.freshness }
            if self.entries.count >= self.capacity { self.entries.removeAll(keepingCapacity: true) }
        }
        self.entries[key] = Entry(owner: owner, confirmedAt: now)
    }

    mutating func forget(_ key: SessionKey) {
        self.forgotten &+= 1
        self.entries[key] = nil
    }

    /// While not listening for ended sessions, nothing is cached.
    mutating func setListening(_ listening: Bool) {
        self.forgotten &+= 1
        self.isListening = listening
        if !listening { self.entries.removeAll() }
    }
}
