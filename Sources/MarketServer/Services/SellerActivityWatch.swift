public import Logging
import MarketCore
public import MarketStore
public import ServiceLifecycle
import Synchronization

/// Wakes the requests waiting for news of a seller (``SellerService``'s AwaitSellerActivity)
/// when the products database announces that the seller's units sold or votes moved.
///
/// A waiting request first subscribes, then makes sure announcements are heard (``ready(_:)``),
/// then reads the seller's totals, then waits: an announcement that arrives between the read and
/// the wait is not lost, it ends the wait at once.
///
/// The server listens to the announcements only while someone waits, and for ``linger`` after the
/// last wait ended (a dashboard sends its next wait as soon as one is answered). With no
/// dashboard open, purchases and votes wake no seller server, and the subscription's database
/// connection is back in the pool. The first waiter starts the subscription and, in
/// ``ready(_:)``, waits for it to be in place before reading the totals.
///
/// While the subscription is wanted but down (the database restarting), waits are cut short to
/// ``pollInterval``, so dashboards poll until it is back; when it is back, every wait ends, since
/// announcements may have been missed meanwhile.
public final class SellerActivityWatch: Service, Sendable {
    /// How long a wait lasts at most while announcements are not heard, and how long a first
    /// waiter gives the subscription to come up.
    static let pollInterval: Duration = .seconds(2)

    private let products: ProductsStore
    /// How long the subscription stays open with nobody waiting.
    let linger: Duration
    private let logger: Logger
    private let state = Mutex(SellerActivityWatchState())

    public init(products: ProductsStore, linger: Duration = .seconds(60), logger: Logger) {
        self.products = products
        self.linger = linger
        self.logger = logger
    }

    /// Starts listening for `seller`'s news (and to the announcements, if nobody else does), on
    /// behalf of `session`; hand the ticket to ``ready(_:)``, then to ``wait(_:atMost:)`` or
    /// ``unsubscribe(_:)``.
    func subscribe(_ seller: SellerID, session: SessionKey) -> SellerActivityWatchState.Ticket {
        let (ticket, demand) = self.state.withLock { $0.subscribe(seller, session: session) }
        demand?.resume(returning: true)
        return ticket
    }

    func unsubscribe(_ ticket: SellerActivityWatchState.Ticket) {
        self.state.withLock { $0.unsubscribe(ticket) }
    }

    /// Returns once announcements are heard, so that what the caller reads next is covered by
    /// them; after ``pollInterval`` at the latest (the database may be away). Use the ticket it
    /// returns from then on.
    func ready(_ ticket: SellerActivityWatchState.Ticket) async -> SellerActivityWatchState.Ticket {
        guard !self.state.withLock({ $0.isListening }) else { return ticket }
        // The subscription coming up wakes every ticket. A fresh ticket forgets that wake-up,
        // and any late one of this wait's timer: the read that follows sees what happened so far.
        await self.park(ticket, atMost: Self.pollInterval)
        // A change of the seller's items meanwhile is not in that read: it stays owed.
        self.state.withLock { $0.unsubscribe(ticket, owingChanges: true) }
        return self.subscribe(ticket.seller, session: ticket.session)
    }

    /// Returns when the ticket's seller has news (also news that came since it subscribed), when
    /// `duration` has passed, or when the server begins to shut down; unsubscribes.
    func wait(_ ticket: SellerActivityWatchState.Ticket, atMost duration: Duration) async {
        let listening = self.state.withLock { $0.isListening }
        await self.park(ticket, atMost: listening ? duration : min(duration, Self.pollInterval))
        self.unsubscribe(ticket)
    }

    private func park(_ ticket: SellerActivityWatchState.Ticket, atMost duration: Duration) async {
        let timer = Task {
            try? await Task.sleep(for: duration)
            self.wake(ticket)
        }
        // A wait ends early when the server shuts down or its client goes away.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let wakeNow = self.state.withLock { $0.park(ticket, continuation) }
                    if wakeNow { continuation.resume() }
                }
            } onGracefulShutdown: {
                self.wake(ticket)
            }
        } onCancel: {
            self.wake(ticket)
        }
        timer.cancel()
    }

    private func wake(_ ticket: SellerActivityWatchState.Ticket) {
        self.state.withLock { $0.wake(ticket) }?.resume()
    }

    /// The seller changed their items (a new item, a price, units off sale) in `session`: wakes
    /// the seller's waits of other sessions on this server, whose answers bring the page, so the
    /// seller's other dashboards show the change at once (the session's own has its answer). A
    /// dashboard between two waits (its answer on the way, its next wait not yet here) is owed
    /// the change: its next wait answers at once.
    /// Changes are not activity and the database does not announce them (an announcement per
    /// price change would serialise commits); a dashboard on another seller server sees them
    /// with its wait's next answer.
    func changed(by seller: SellerID, in session: SessionKey) {
        self.announce(seller, except: session)
    }

    private func announce(_ seller: SellerID, except session: SessionKey? = nil) {
        for continuation in self.state.withLock({ $0.announce(seller, except: session) }) { continuation.resume() }
    }

    private func setListening(_ listening: Bool) {
        for continuation in self.state.withLock({ $0.setListening(listening) }) { continuation.resume() }
    }

    /// Whether announcements are heard now (for tests).
    package var isListening: Bool { self.state.withLock { $0.isListening } }

    /// Listens to the announcements while anyone waits and for ``linger`` after, reconnecting
    /// after failures; subscribes again when the next waiter comes.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            guard await self.untilWanted() else { break }
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await keepListening(logger: self.logger, interrupted: "seller activity announcements interrupted; dashboards poll until they resume", setListening: self.setListening) { onListening in
                        try await self.products.watchSellerActivity(onListening: onListening, onActivity: { self.announce($0) })
                    }
                }
                group.addTask { await self.untilUnwanted() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Returns true when someone waits (at once if someone does), false at shutdown.
    private func untilWanted() async -> Bool {
        await withGracefulShutdownHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                if let now = self.state.withLock({ $0.awaitDemand(continuation) }) { continuation.resume(returning: now) }
            }
        } onGracefulShutdown: {
            self.state.withLock { $0.shutDown() }?.resume(returning: false)
        }
    }

    /// Returns once nobody has waited for ``linger`` (or when cancelled).
    private func untilUnwanted() async {
        let clock = ContinuousClock()
        while true {
            let left = self.state.withLock { state in state.idleSince.map { self.linger - (clock.now - $0) } ?? self.linger }
            if left <= .zero { return }
            do { try await Task.sleep(for: left) } catch { return }
        }
    }
}

/// What ``SellerActivityWatch`` knows, without the locking and the subscription: who waits for
/// which seller, who has news, and whether the subscription is wanted.
struct SellerActivityWatchState {
    struct Ticket: Hashable {
        fileprivate let id: UInt64
        let seller: SellerID
        let session: SessionKey
    }

    private struct Waiter {
        let session: SessionKey
        /// Whether news came (or the wait must end for another reason).
        var woken = false
        /// Whether another session changed the seller's items since the ticket was taken.
        var changed = false
        var continuation: CheckedContinuation<Void, Never>?
    }

    /// A session whose wait for a seller ended lately: a dashboard sends the next one as soon as
    /// it has the answer, and a change of the items in between is owed to that next wait.
    private struct BetweenWaits {
        var since: ContinuousClock.Instant
        var owesChange = false
    }

    /// How long a session counts as between waits after one ended (its next may follow a
    /// reconnection).
    static let betweenWaits: Duration = .seconds(60)

    private var waiters: [SellerID: [UInt64: Waiter]] = [:]
    private var between: [SellerID: [SessionKey: BetweenWaits]] = [:]
    private var lastPruned = ContinuousClock.now
    private var nextID: UInt64 = 0
    private(set) var isListening = false
    /// Since when nobody waits; nil while someone does.
    private(set) var idleSince: ContinuousClock.Instant? = .now
    /// The subscription's keeper, parked until someone waits.
    private var demand: CheckedContinuation<Bool, Never>?
    private var isShutDown = false

    /// Returns the ticket, and the subscription's keeper to resume (with true) if it was parked.
    mutating func subscribe(_ seller: SellerID, session: SessionKey) -> (Ticket, CheckedContinuation<Bool, Never>?) {
        defer { self.nextID += 1 }
        // A change came while this session was between waits (lately): this wait answers at once.
        let now = ContinuousClock.now
        let owed = self.between[seller]?.removeValue(forKey: session).map { $0.owesChange && now - $0.since < Self.betweenWaits } == true
        if self.between[seller]?.isEmpty == true { self.between[seller] = nil }
        self.waiters[seller, default: [:]][self.nextID] = Waiter(session: session, woken: owed, changed: owed)
        self.idleSince = nil
        let demand = self.demand
        self.demand = nil
        return (Ticket(id: self.nextID, seller: seller, session: session), demand)
    }

    /// - Parameter owingChanges: the page is not read after this ticket (``SellerActivityWatch/ready(_:)``
    ///   takes another), so a change it was woken for stays owed to the next.
    mutating func unsubscribe(_ ticket: Ticket, owingChanges: Bool = false, now: ContinuousClock.Instant = .now) {
        let changed = self.waiters[ticket.seller]?[ticket.id]?.changed ?? false
        self.waiters[ticket.seller]?[ticket.id] = nil
        if self.waiters[ticket.seller]?.isEmpty == true { self.waiters[ticket.seller] = nil }
        if self.waiters.isEmpty && self.idleSince == nil { self.idleSince = now }
        // Another wait of the session that ended since (a reconnection's) may be owed a change.
        let owedAlready = self.between[ticket.seller]?[ticket.session]?.owesChange ?? false
        self.between[ticket.seller, default: [:]][ticket.session] = BetweenWaits(since: now, owesChange: owedAlready || (owingChanges && changed))
        if now - self.lastPruned > Self.betweenWaits {
            self.lastPruned = now
            self.between = self.between.compactMapValues { sessions in
                let recent = sessions.filter { now - $0.value.since < Self.betweenWaits }
                return recent.isEmpty ? nil : recent
            }
        }
    }

    /// Keeps `continuation` until the ticket is woken; returns true when it already was (or is
    /// gone), and the caller must resume it.
    mutating func park(_ ticket: Ticket, _ continuation: CheckedContinuation<Void, Never>) -> Bool {
        guard let waiter = self.waiters[ticket.seller]?[ticket.id], !waiter.woken else { return true }
        self.waiters[ticket.seller]?[ticket.id]?.continuation = continuation
        return false
    }

    /// Whether the ticket's wait is to end (news came, or a change was owed).
    func isWoken(_ ticket: Ticket) -> Bool {
        self.waiters[ticket.seller]?[ticket.id]?.woken ?? true
    }

    /// Wakes one ticket: returns its continuation, if parked, to resume outside the lock.
    mutating func wake(_ ticket: Ticket) -> CheckedContinuation<Void, Never>? {
        self.wake(ticket.id, of: ticket.seller)
    }

    private mutating func wake(_ id: UInt64, of seller: SellerID) -> CheckedContinuation<Void, Never>? {
        guard var waiter = self.waiters[seller]?[id] else { return nil }
        waiter.woken = true
        let continuation = waiter.continuation
        waiter.continuation = nil
        self.waiters[seller]?[id] = waiter
        return continuation
    }

    /// News of `seller`: wakes every ticket of that seller (but those of the session `except`).
    /// With `except`, it is a change of the items by that session (not activity, which the next
    /// wait's read of the totals catches up with): owed too to the sessions between waits.
    mutating func announce(_ seller: SellerID, except: SessionKey? = nil) -> [CheckedContinuation<Void, Never>] {
        if let except, var sessions = self.between[seller] {
            for session in sessions.keys where session != except { sessions[session]?.owesChange = true }
            self.between[seller] = sessions
        }
        guard let tickets = self.waiters[seller] else { return [] }
        return tickets.filter { $0.value.session != except }.keys.compactMap { id in
            if except != nil { self.waiters[seller]?[id]?.changed = true }
            return self.wake(id, of: seller)
        }
    }

    /// The subscription came up or went down: either way announcements may have been missed,
    /// so every ticket is woken (each wait reads the totals again). Told again what it already
    /// is (while the database stays away), nothing changes.
    mutating func setListening(_ listening: Bool) -> [CheckedContinuation<Void, Never>] {
        guard listening != self.isListening else { return [] }
        self.isListening = listening
        return self.waiters.flatMap { seller, tickets in tickets.keys.map { (seller, $0) } }.compactMap { self.wake($0.1, of: $0.0) }
    }

    /// Parks the subscription's keeper until someone waits; returns what to resume it with at
    /// once instead: true when someone waits already, false after shutdown.
    mutating func awaitDemand(_ continuation: CheckedContinuation<Bool, Never>) -> Bool? {
        if self.isShutDown { return false }
        if !self.waiters.isEmpty { return true }
        self.demand = continuation
        return nil
    }

    /// Returns the parked keeper, to resume with false.
    mutating func shutDown() -> CheckedContinuation<Bool, Never>? {
        self.isShutDown = true
        defer { self.demand = nil }
        return self.demand
    }
}
