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
    private struct Entry {
        var owner: CustomersStore.SessionOwner
        var confirmedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [SessionKey: Entry] = [:]
        var listening = false
    }

    let freshness: Duration
    let capacity: Int
    private let customers: CustomersStore
    private let logger: Logger
    private let state = Mutex(State())

    public init(customers: CustomersStore, freshness: Duration, capacity: Int = 200_000, logger: Logger) {
        self.customers = customers
        self.freshness = freshness
        self.capacity = capacity
        self.logger = logger
    }

    /// The owner of `key` if the database confirmed it recently enough.
    func owner(of key: SessionKey, now: ContinuousClock.Instant = .now) -> CustomersStore.SessionOwner? {
        self.state.withLock { state in
            guard state.listening, let entry = state.entries[key] else { return nil }
            guard now - entry.confirmedAt < self.freshness else {
                state.entries[key] = nil
                return nil
            }
            return entry.owner
        }
    }

    /// Records that the database just confirmed `key` live.
    func remember(_ key: SessionKey, owner: CustomersStore.SessionOwner, now: ContinuousClock.Instant = .now) {
        self.state.withLock { state in
            guard state.listening else { return }
            if state.entries.count >= self.capacity {
                state.entries = state.entries.filter { now - $0.value.confirmedAt < self.freshness }
                if state.entries.count >= self.capacity { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[key] = Entry(owner: owner, confirmedAt: now)
        }
    }

    func forget(_ key: SessionKey) {
        _ = self.state.withLock { $0.entries.removeValue(forKey: key) }
    }

    /// Keeps the subscription to ended sessions open, reconnecting after failures; the cache is
    /// usable only while it is open.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown {
                    try await self.customers.watchEndedSessions(
                        onListening: { self.setListening(true) },
                        onEnded: { self.forget($0) }
                    )
                }
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                self.logger.notice("session announcements interrupted; caching off until they resume", metadata: ["error": "\(error)"])
            }
            self.setListening(false)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
        self.setListening(false)
    }

    private func setListening(_ listening: Bool) {
        self.state.withLock { state in
            state.listening = listening
            if !listening { state.entries.removeAll() }
        }
    }
}
