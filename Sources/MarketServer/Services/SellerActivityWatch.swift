public import Logging
import MarketCore
public import MarketStore
public import ServiceLifecycle
import Synchronization

/// Wakes the requests waiting for news of a seller (``SellerService``'s AwaitSellerActivity)
/// when the products database announces that the seller's units sold or votes moved.
///
/// A waiting request first subscribes, then reads the seller's totals, then waits: an
/// announcement that arrives between the read and the wait is not lost, it ends the wait at
/// once. While the subscription to the announcements is down (the database restarting), waits
/// are cut short to ``pollInterval``, so dashboards poll until it is back; when it is back, every
/// wait ends, since announcements may have been missed meanwhile.
public final class SellerActivityWatch: Service, Sendable {
    /// How long a wait lasts at most while announcements are not heard.
    static let pollInterval: Duration = .seconds(2)

    private let products: ProductsStore
    private let logger: Logger
    private let state = Mutex(SellerActivityWatchState())

    public init(products: ProductsStore, logger: Logger) {
        self.products = products
        self.logger = logger
    }

    /// Starts listening for `seller`'s news; hand the ticket to ``wait(_:atMost:)`` or
    /// ``unsubscribe(_:)``.
    func subscribe(_ seller: SellerID) -> SellerActivityWatchState.Ticket {
        self.state.withLock { $0.subscribe(seller) }
    }

    func unsubscribe(_ ticket: SellerActivityWatchState.Ticket) {
        self.state.withLock { $0.unsubscribe(ticket) }
    }

    /// Returns when the ticket's seller has news (also news that came since it subscribed), when
    /// `duration` has passed, or when the server begins to shut down; unsubscribes.
    func wait(_ ticket: SellerActivityWatchState.Ticket, atMost duration: Duration) async {
        let listening = self.state.withLock { $0.isListening }
        let timer = Task {
            try? await Task.sleep(for: listening ? duration : min(duration, Self.pollInterval))
            self.wake(ticket)
        }
        await withGracefulShutdownHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let wakeNow = self.state.withLock { $0.park(ticket, continuation) }
                if wakeNow { continuation.resume() }
            }
        } onGracefulShutdown: {
            self.wake(ticket)
        }
        timer.cancel()
        self.unsubscribe(ticket)
    }

    private func wake(_ ticket: SellerActivityWatchState.Ticket) {
        self.state.withLock { $0.wake(ticket) }?.resume()
    }

    private func announce(_ seller: SellerID) {
        for continuation in self.state.withLock({ $0.announce(seller) }) { continuation.resume() }
    }

    private func setListening(_ listening: Bool) {
        for continuation in self.state.withLock({ $0.setListening(listening) }) { continuation.resume() }
    }

    /// Keeps the subscription to the announcements open, reconnecting after failures.
    public func run() async throws {
        await keepListening(logger: self.logger, interrupted: "seller activity announcements interrupted; dashboards poll until they resume", setListening: self.setListening) { onListening in
            try await self.products.watchSellerActivity(onListening: onListening, onActivity: { self.announce($0) })
        }
    }
}

/// What ``SellerActivityWatch`` knows, without the locking and the subscription: who waits for
/// which seller, and who has news.
struct SellerActivityWatchState {
    struct Ticket: Hashable {
        fileprivate let id: UInt64
        fileprivate let seller: SellerID
    }

    private struct Waiter {
        /// Whether news came (or the wait must end for another reason).
        var woken = false
        var continuation: CheckedContinuation<Void, Never>?
    }

    private var waiters: [SellerID: [UInt64: Waiter]] = [:]
    private var nextID: UInt64 = 0
    private(set) var isListening = false

    mutating func subscribe(_ seller: SellerID) -> Ticket {
        defer { self.nextID += 1 }
        self.waiters[seller, default: [:]][self.nextID] = Waiter()
        return Ticket(id: self.nextID, seller: seller)
    }

    mutating func unsubscribe(_ ticket: Ticket) {
        self.waiters[ticket.seller]?[ticket.id] = nil
        if self.waiters[ticket.seller]?.isEmpty == true { self.waiters[ticket.seller] = nil }
    }

    /// Keeps `continuation` until the ticket is woken; returns true when it already was (or is
    /// gone), and the caller must resume it.
    mutating func park(_ ticket: Ticket, _ continuation: CheckedContinuation<Void, Never>) -> Bool {
        guard let waiter = self.waiters[ticket.seller]?[ticket.id], !waiter.woken else { return true }
        self.waiters[ticket.seller]?[ticket.id]?.continuation = continuation
        return false
    }

    /// Wakes one ticket: returns its continuation, if parked, to resume outside the lock.
    mutating func wake(_ ticket: Ticket) -> CheckedContinuation<Void, Never>? {
        guard var waiter = self.waiters[ticket.seller]?[ticket.id] else { return nil }
        waiter.woken = true
        let continuation = waiter.continuation
        waiter.continuation = nil
        self.waiters[ticket.seller]?[ticket.id] = waiter
        return continuation
    }

    /// News of `seller`: wakes every ticket of that seller.
    mutating func announce(_ seller: SellerID) -> [CheckedContinuation<Void, Never>] {
        guard let tickets = self.waiters[seller]?.keys else { return [] }
        return tickets.compactMap { self.wake(Ticket(id: $0, seller: seller)) }
    }

    /// The subscription came up or went down: either way announcements may have been missed,
    /// so every ticket is woken (each wait reads the totals again). Told again what it already
    /// is (while the database stays away), nothing changes.
    mutating func setListening(_ listening: Bool) -> [CheckedContinuation<Void, Never>] {
        guard listening != self.isListening else { return [] }
        self.isListening = listening
        return self.waiters.flatMap { seller, tickets in tickets.keys.map { Ticket(id: $0, seller: seller) } }.compactMap { self.wake($0) }
    }
}
