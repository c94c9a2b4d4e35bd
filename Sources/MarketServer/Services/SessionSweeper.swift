public import Logging
import MarketCore
public import MarketStore
public import ServiceLifecycle

/// Periodically removes what ended sessions leave behind: session rows long past expiry (customers
/// database) and, on the buyer server, active carts whose session no longer exists (products
/// database).
///
/// Safe to run in several processes at once. A cart line is written only after its session row
/// exists and a session row never comes back once deleted, so "no session row" means the cart is
/// unreachable for good.
public struct SessionSweeper: Service {
    let customers: CustomersStore
    let products: ProductsStore?
    let interval: Duration
    /// How long an expired session is kept, so its owner is told `session_expired` rather than
    /// `not_logged_in`.
    let grace: Duration
    let logger: Logger

    public init(customers: CustomersStore, products: ProductsStore?, interval: Duration, grace: Duration, logger: Logger) {
        self.customers = customers
        self.products = products
        self.interval = interval
        self.grace = grace
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            } catch {
                return
            }
            await self.sweepOnce()
        }
    }

    /// One full pass. Failures are logged and retried on the next pass.
    public func sweepOnce() async {
        do {
            let sessions = try await self.customers.deleteExpiredSessions(grace: self.grace)
            var lines = 0
            if let products = self.products {
                var after: SessionKey?
                while true {
                    let batch = try await products.cartSessions(after: after, limit: 500)
                    guard let last = batch.last else { break }
                    let existing = try await self.customers.existingSessions(among: batch)
                    lines += try await products.deleteCarts(of: batch.filter { !existing.contains($0) })
                    after = last
                }
            }
            if sessions > 0 || lines > 0 {
                self.logger.info("swept ended sessions", metadata: ["market.sessions": "\(sessions)", "market.cartLines": "\(lines)"])
            }
        } catch {
            self.logger.warning("sweep failed; will retry", metadata: ["market.error": "\(error.code)"])
        }
    }
}
