/// A transaction of the test's own on the products database, holding the row locks (and any
/// changes) its statements took until the test releases it. A call under test that needs those
/// rows waits for it, so a race test chooses the interleaving it checks instead of hoping that
/// timing produces it:
///
/// ```swift
/// let held = try await market.holdInProducts("SELECT 1 FROM items WHERE id = 7 FOR NO KEY UPDATE")
/// async let paid = buyer.purchase(card: card)          // locks the cart, then waits for item 7
/// try await market.waitForLockWaiters(1)
/// #expect(try await market.isLocked("SELECT 1 FROM cart_lines WHERE item_id = 7 FOR UPDATE"))
/// try await held.release()                              // commits; the purchase goes on
/// ```
///
/// The transaction is psql running the statements and then a loop that waits (in 5 ms sleeps)
/// for its number to appear in a table of releases; it gives up and rolls back after thirty
/// seconds, so a test that never releases cannot hold the database for longer.
public final class HeldLocks: Sendable {
    let number: Int
    let market: TestMarket
    let transaction: Task<[String], any Error>
    /// Numbers the transactions of a run, for their names and releases.
    static let numbers = Counter()

    init(number: Int, market: TestMarket, transaction: Task<[String], any Error>) {
        self.number = number
        self.market = market
        self.transaction = transaction
    }

    /// Commits the transaction and waits until it has: whatever waited for its locks goes on.
    public func release() async throws {
        _ = try await self.market.productsQuery("INSERT INTO market_test_releases VALUES (\(self.number))")
        _ = try await self.transaction.value
    }
}

extension TestMarket {
    /// Runs `statements` (`;`-separated: row locks, changes) in a transaction on the products
    /// database that stays open until ``HeldLocks/release()``; returns once they have run.
    public func holdInProducts(_ statements: String) async throws -> HeldLocks {
        let number = HeldLocks.numbers.next()
        let name = "market-test-holder-\(number)"
        // Committed on its own: in the holder's script it would commit only with the holder.
        _ = try await self.productsQuery("CREATE TABLE IF NOT EXISTS market_test_releases (holder integer PRIMARY KEY)")
        let transaction = Task {
            try await self.productsQuery(
                """
                SET application_name = '\(name)'; BEGIN; \(statements);
                DO $$ BEGIN
                    FOR i IN 1..6000 LOOP
                        IF EXISTS (SELECT 1 FROM market_test_releases WHERE holder = \(number)) THEN RETURN; END IF;
                        PERFORM pg_sleep(0.005);
                    END LOOP;
                    RAISE EXCEPTION 'held for thirty seconds and never released';
                END $$;
                COMMIT;
                """
            )
        }
        // Sleeping in the loop: the statements before it have run and their locks are held.
        do {
            try await self.poll("the statements of \(name) to run") {
                try await self.productsQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(name)' AND wait_event = 'PgSleep'") == ["1"]
            }
        } catch {
            // Why the statements did not run, if they failed (the loop ends within thirty seconds).
            _ = try await transaction.value
            throw error
        }
        return HeldLocks(number: number, market: self, transaction: transaction)
    }

    /// Waits until at least `count` statements on the products database wait for a lock (the
    /// calls under test, parked behind ``holdInProducts(_:)``); throws after five seconds.
    public func waitForLockWaiters(_ count: Int) async throws {
        try await self.poll("\(count) statements to wait for a lock") {
            let waiting = try await self.productsQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            return Int(waiting.first ?? "") ?? 0 >= count
        }
    }

    /// Whether a transaction holds a lock on the rows that `select` (a `SELECT … FOR UPDATE` or
    /// `FOR NO KEY UPDATE` of the products database) locks: it tries without waiting. Throws if
    /// `select` matches no row, which would make "not locked" say nothing.
    public func isLocked(_ select: String) async throws -> Bool {
        let count: [String]
        do {
            count = try await self.productsQuery("SELECT count(*) FROM (\(select) NOWAIT) AS probe")
        } catch let error as TestPostgresError where error.description.contains("could not obtain lock") {
            return true
        }
        guard let rows = Int(count.first ?? ""), rows > 0 else { throw TestPostgresError("\(select) matched no row") }
        return false
    }

    private func poll(_ what: String, until done: () async throws -> Bool) async throws {
        for _ in 0..<250 {
            if try await done() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestPostgresError("waited five seconds for \(what)")
    }
}
