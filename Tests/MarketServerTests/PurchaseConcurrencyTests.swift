import MarketClient
import MarketCore
import MarketServer
import MarketStore
import MarketTesting
import Testing

@Suite(.timeLimit(.minutes(3))) struct PurchaseConcurrencyTests {
    /// Fifty buyers check out at once while ten units are left, and the ten go to ten of them.
    /// The race is made, not hoped for: a transaction of the test's own holds the item (having
    /// sold 8 of its 18 units), so the checkouts queue for it having read 18; a checkout that did
    /// not read the units again under the item's lock would sell what is gone.
    @Test func fiftyBuyersRacingForTheLastTenUnitsBuyExactlyTen() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let lastTen = try await seller.registerItem(draft("Concert ticket", price: 40, quantity: 18))
            let other = try await seller.registerItem(draft("Programme", price: 2, quantity: 1000))

            // Fifty buyers, each with its own connection and session, fill their carts (one unit of
            // the scarce item, some of the plentiful one) …
            var buyers: [BuyerClient] = []
            for _ in 0..<50 {
                let (buyer, _, _) = try await market.loggedInBuyer()
                try await buyer.addToCart(lastTen.id, quantity: 1)
                try await buyer.addToCart(other.id, quantity: 2)
                buyers.append(buyer)
            }

            // … then all check out at once, while another sale of 8 units holds the item.
            let sale = try await market.holdInProducts("UPDATE items SET quantity = quantity - 8 WHERE id = \(lastTen.id.number)")
            async let checkouts = withTaskGroup(of: Result<Purchase, MarketError>.self) { group in
                for buyer in buyers {
                    group.addTask { await Result.capturing { () throws(MarketError) in try await buyer.purchase(card: validCard) } }
                }
                var outcomes: [Result<Purchase, MarketError>] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            // As many as the buyer server's pool has connections (ten) wait for the item.
            try await market.waitForLockWaiters(10)
            try await sale.release()
            let outcomes = await checkouts

            let succeeded = outcomes.compactMap { try? $0.get() }
            let failed = outcomes.compactMap { outcome -> MarketError? in
                if case .failure(let error) = outcome { return error }
                return nil
            }
            #expect(succeeded.count == 10)
            #expect(failed.count == 40)
            #expect(failed.allSatisfy { $0.code == .insufficientStock }, "\(failed.map { "\($0.code): \($0.message)" })")

            // The database agrees: ten sold, none left, nothing negative, all or nothing per buyer.
            #expect(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(lastTen.id.number)") == ["0"])
            #expect(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(other.id.number)") == ["980"])
            #expect(try await market.productsQuery("SELECT count(*), sum(quantity) FROM purchase_lines WHERE item_id = \(lastTen.id.number)") == ["10|10"])
            #expect(try await market.productsQuery("SELECT count(*) FROM purchases") == ["10"])
            #expect(try await seller.rating().itemsSold == 30)
            #expect(try await market.productsQuery("SELECT sum(items_purchased) FROM buyer_stats") == ["30"])
            // Losers keep their carts; winners' carts are empty.
            #expect(try await market.productsQuery("SELECT count(DISTINCT session_key) FROM cart_lines") == ["40"])
            #expect(market.conflictsRetried == 0)
        }
    }

    /// Buyers adding and paying while the seller takes units away: every call succeeds or is
    /// refused for want of units, and the units sold and removed account for every unit listed.
    @Test func concurrentAddsAndSellerChangesNeverBreakInvariants() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Widget", quantity: 30))
            var buyers: [BuyerClient] = []
            for _ in 0..<10 { buyers.append(try await market.loggedInBuyer().0) }
            /// What one client saw: refusals other than those allowed, and removals made.
            struct Seen: Sendable {
                var refusals: [String] = []
                var removals = 0
                mutating func note(_ error: MarketError, allowed: Set<ErrorCode>) {
                    if !allowed.contains(error.code) { self.refusals.append("\(error.code): \(error.message)") }
                }
            }
            let seen = await withTaskGroup(of: Seen.self) { group in
                for buyer in buyers {
                    group.addTask {
                        var seen = Seen()
                        for _ in 0..<3 {
                            do throws(MarketError) { _ = try await buyer.addToCart(item.id, quantity: 2) } catch { seen.note(error, allowed: [.insufficientStock]) }
                            do throws(MarketError) { _ = try await buyer.purchase(card: validCard) } catch { seen.note(error, allowed: [.insufficientStock, .emptyCart]) }
                        }
                        return seen
                    }
                }
                group.addTask {
                    var seen = Seen()
                    for _ in 0..<5 {
                        do throws(MarketError) {
                            _ = try await seller.removeUnits(1, of: item.id)
                            seen.removals += 1
                        } catch {
                            seen.note(error, allowed: [.insufficientStock])
                        }
                    }
                    return seen
                }
                return await group.reduce(into: Seen()) { $0.refusals += $1.refusals; $0.removals += $1.removals }
            }
            #expect(seen.refusals.isEmpty)
            let remaining = try #require(Int(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(item.id.number)")[0]))
            let sold = Int(try await market.productsQuery("SELECT coalesce(sum(quantity), 0) FROM purchase_lines")[0]) ?? -1
            #expect(sold > 0)
            #expect(30 - remaining - sold == seen.removals, "the seller's removals account for the rest")
            #expect(try await seller.rating().itemsSold == sold)
        }
    }

    /// A seller's change of units waiting for a sale of the same item counts from what the sale
    /// left, not from what it read before waiting (a lost update would undo the sale's units).
    @Test func aSellersChangeWaitingForASaleCountsFromWhatTheSaleLeft() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Widget", quantity: 30))
            // The same session on a second connection, so the two changes run side by side.
            let other = market.sellerClient(inSessionOf: seller)
            let sale = try await market.holdInProducts("UPDATE items SET quantity = quantity - 3 WHERE id = \(item.id.number)")
            async let removed = Result.capturing { () throws(MarketError) in try await seller.removeUnits(1, of: item.id) }
            async let added = Result.capturing { () throws(MarketError) in try await other.addUnits(5, of: item.id) }
            try await market.waitForLockWaiters(2)
            try await sale.release()
            let units = (try await removed.get().quantity, try await added.get().quantity)
            // 30 − 3 − 1 = 26, then + 5; or 30 − 3 + 5 = 32, then − 1.
            #expect(units == (26, 31) || units == (31, 32), "\(units)")
            #expect(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(item.id.number)") == ["31"])
        }
    }

    /// Two sessions of one buyer: one saves its cart while the other pays for the same item.
    /// Both take the buyer's lock before the saved cart's lines (a checkout after the cart's own
    /// lines, and before the items'), so neither waits for the other in a cycle, a deadlock
    /// PostgreSQL would break by failing one of them. The order is checked where each call
    /// waits for the buyer's row held by the test: what it has locked by then, and what not.
    @Test func savingInOneSessionWhilePayingInAnotherNeverDeadlocks() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Tea towel", quantity: 10_000))
            let (saver, buyer, username) = try await market.loggedInBuyer()
            let payer = market.buyerClient()
            _ = try await payer.login(username: username, password: password)
            // A saved cart of 5, of which the checkout buys 1 (leaving 4 saved).
            _ = try await saver.addToCart(item.id, quantity: 5)
            _ = try await saver.saveCart()
            _ = try await payer.addToCart(item.id, quantity: 1)
            let payersLine = "SELECT 1 FROM cart_lines WHERE session_key = \(try sessionKey(payer)) FOR UPDATE"
            let savedLines = "SELECT 1 FROM saved_cart_lines WHERE buyer_id = \(buyer.id.rawValue) FOR UPDATE"
            let itemRow = "SELECT 1 FROM items WHERE id = \(item.id.number) FOR NO KEY UPDATE"
            let buyersRow = "SELECT 1 FROM buyer_stats WHERE buyer_id = \(buyer.id.rawValue) FOR UPDATE"

            var held = try await market.holdInProducts(buyersRow)
            async let paid = Result.capturing { () throws(MarketError) in try await payer.purchase(card: validCard) }
            try await market.waitForLockWaiters(1)
            #expect(try await market.isLocked(payersLine), "the checkout has its cart's lines")
            #expect(try await !market.isLocked(savedLines), "but not the saved cart's yet")
            #expect(try await !market.isLocked(itemRow), "nor the item")
            try await held.release()
            #expect(try await paid.get().lines.map(\.quantity) == [1])

            held = try await market.holdInProducts(buyersRow)
            async let saved = Result.capturing { () throws(MarketError) in try await saver.saveCart() }
            try await market.waitForLockWaiters(1)
            #expect(try await !market.isLocked(savedLines), "the save touches the saved cart only under the buyer's lock")
            try await held.release()
            _ = try await saved.get()

            // And many times over, left to timing: no call fails, and none was failed and run again.
            var failures: [String] = []
            for _ in 0..<40 {
                _ = try await payer.addToCart(item.id, quantity: 1)
                async let saved = Result.capturing { () throws(MarketError) in _ = try await saver.saveCart() }
                async let paid = Result.capturing { () throws(MarketError) in _ = try await payer.purchase(card: validCard) }
                for case .failure(let error) in [await saved, await paid] {
                    failures.append("\(error.code): \(error.message)")
                }
            }
            #expect(failures.isEmpty)
            #expect(market.conflictsRetried == 0)
        }
    }

    /// A removal and a checkout of one session at once: the checkout buys what the cart holds
    /// after the removal, or the removal finds the line bought and gone; never both the removal
    /// and the units it removed. Each order is made by holding what the first call waits for.
    @Test func aRemovalRacingACheckoutOfTheSameSessionComesBeforeOrAfterIt() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Candle", quantity: 10_000))
            let (buyer, _, _) = try await market.loggedInBuyer()
            // The session on a second connection too, so the two calls run side by side.
            let other = market.buyerClient(inSessionOf: buyer)

            // The checkout first: it locks the line, then waits for the item.
            _ = try await buyer.addToCart(item.id, quantity: 2)
            var held = try await market.holdInProducts("SELECT 1 FROM items WHERE id = \(item.id.number) FOR NO KEY UPDATE")
            async let paid = Result.capturing { () throws(MarketError) in try await buyer.purchase(card: validCard) }
            try await market.waitForLockWaiters(1)
            async let removed = Result.capturing { () throws(MarketError) in try await other.removeFromCart(item.id, quantity: 1) }
            try await market.waitForLockWaiters(2)
            try await held.release()
            #expect(try await paid.get().lines.map(\.quantity) == [2])
            switch await removed {
            case .success(let left): Issue.record("removed from a line the checkout bought, leaving \(left)")
            case .failure(let error): #expect(error.code == .notFound, "\(error)")
            }
            #expect(try await buyer.cart().lines.isEmpty)

            // The removal first: it waits for the line, and the checkout behind it.
            _ = try await buyer.addToCart(item.id, quantity: 2)
            held = try await market.holdInProducts("SELECT 1 FROM cart_lines WHERE item_id = \(item.id.number) FOR UPDATE")
            async let removedFirst = Result.capturing { () throws(MarketError) in try await other.removeFromCart(item.id, quantity: 1) }
            try await market.waitForLockWaiters(1)
            async let paidAfter = Result.capturing { () throws(MarketError) in try await buyer.purchase(card: validCard) }
            try await market.waitForLockWaiters(2)
            try await held.release()
            #expect(try await removedFirst.get() == 1)
            #expect(try await paidAfter.get().lines.map(\.quantity) == [1], "the checkout bought what the removal left")
            #expect(try await buyer.cart().lines.isEmpty)
        }
    }

    /// A removal waiting behind an add to the same line of one session finds the line as the add
    /// left it (it was refused as "holds only 2 units" when it looked for the line as it was
    /// before the wait).
    @Test func aRemovalRacingAnAddToTheSameLineIsNeverRefused() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Mug", quantity: 10_000))
            let (buyer, _, _) = try await market.loggedInBuyer()
            let other = market.buyerClient(inSessionOf: buyer)
            _ = try await buyer.addToCart(item.id, quantity: 2)
            let held = try await market.holdInProducts("SELECT 1 FROM cart_lines WHERE item_id = \(item.id.number) FOR UPDATE")
            async let added = Result.capturing { () throws(MarketError) in try await buyer.addToCart(item.id, quantity: 1) }
            try await market.waitForLockWaiters(1)
            async let removed = Result.capturing { () throws(MarketError) in try await other.removeFromCart(item.id, quantity: 1) }
            try await market.waitForLockWaiters(2)
            try await held.release()
            #expect(try await added.get() == 3)
            #expect(try await removed.get() == 2)
            #expect(try await buyer.cart().lines.map(\.quantity) == [2])
        }
    }

    /// A line added while the checkout waits is not bought, and stays in the cart; what the
    /// checkout bought leaves it. Emptying the cart locks its lines in the checkout's order.
    @Test func aLineAddedDuringACheckoutStaysAndClearingLocksInTheCheckoutsOrder() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let first = try await seller.registerItem(draft("Pen", quantity: 100))
            let second = try await seller.registerItem(draft("Ink", quantity: 100))
            let third = try await seller.registerItem(draft("Nib", quantity: 100))
            let (buyer, _, _) = try await market.loggedInBuyer()
            let adder = market.buyerClient(inSessionOf: buyer)
            _ = try await buyer.addToCart(first.id, quantity: 1)
            _ = try await buyer.addToCart(second.id, quantity: 1)

            var held = try await market.holdInProducts("SELECT 1 FROM items WHERE id = \(first.id.number) FOR NO KEY UPDATE")
            async let paid = Result.capturing { () throws(MarketError) in try await buyer.purchase(card: validCard) }
            try await market.waitForLockWaiters(1)
            #expect(try await adder.addToCart(third.id, quantity: 1) == 1, "an add of another item does not wait")
            try await held.release()
            #expect(try await paid.get().lines.map(\.itemID) == [first.id, second.id])
            #expect(try await buyer.cart().lines.map(\.itemID) == [third.id], "the line added meanwhile stays")
            #expect(try await market.productsQuery("SELECT quantity FROM items ORDER BY id") == ["99", "99", "100"])

            // The clear waits for the second line holding the first, as a checkout would.
            _ = try await buyer.addToCart(first.id, quantity: 1)
            _ = try await buyer.addToCart(second.id, quantity: 1)
            held = try await market.holdInProducts("SELECT 1 FROM cart_lines WHERE item_id = \(second.id.number) FOR UPDATE")
            async let cleared = Result.capturing { () throws(MarketError) in try await buyer.clearCart() }
            try await market.waitForLockWaiters(1)
            #expect(try await market.isLocked("SELECT 1 FROM cart_lines WHERE item_id = \(first.id.number) FOR UPDATE"))
            try await held.release()
            _ = try await cleared.get()
            #expect(try await buyer.cart().lines.isEmpty)
        }
    }

    /// Emptying the cart, adding to it and paying for it at once, in one session, many times:
    /// each call succeeds or is refused for what it found (an empty cart), none fails for the
    /// others' locks (nor is failed and run again), and every unit bought left the stock once.
    @Test func clearingAddingAndPayingAtOnceNeverFailForEachOther() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let first = try await seller.registerItem(draft("Pen", quantity: 10_000))
            let second = try await seller.registerItem(draft("Ink", quantity: 10_000))
            let (buyer, _, _) = try await market.loggedInBuyer()
            // The session on three connections, so the three calls run side by side.
            let adder = market.buyerClient(inSessionOf: buyer)
            let payer = market.buyerClient(inSessionOf: buyer)
            var failures: [String] = []
            var bought = 0
            for _ in 0..<50 {
                _ = try await buyer.addToCart(first.id, quantity: 1)
                _ = try await buyer.addToCart(second.id, quantity: 1)
                async let cleared = Result.capturing { () throws(MarketError) in try await buyer.clearCart() }
                async let added = Result.capturing { () throws(MarketError) in _ = try await adder.addToCart(first.id, quantity: 1) }
                async let paid = Result.capturing { () throws(MarketError) in try await payer.purchase(card: validCard) }
                let payment = await paid
                if case .success(let purchase) = payment { bought += purchase.lines.map(\.quantity).reduce(0, +) }
                for case .failure(let error) in [await cleared, await added, payment.map { _ in () }] where error.code != .emptyCart {
                    failures.append("\(error.code): \(error.message)")
                }
                try await buyer.clearCart()
            }
            #expect(failures.isEmpty)
            #expect(market.conflictsRetried == 0)
            #expect(try await market.productsQuery("SELECT 20000 - sum(quantity) FROM items") == ["\(bought)"])
            #expect(try await market.productsQuery("SELECT sum(quantity) FROM purchase_lines") == ["\(bought)"])
            #expect(try await market.productsQuery("SELECT sum(items_purchased) FROM buyer_stats") == ["\(bought)"])
        }
    }
}

/// How the products database knows a client's session: the SHA-256 of its token, as a bytea.
private func sessionKey(_ buyer: BuyerClient) throws -> String {
    let token = try #require(buyer.client.session)
    return "'\\x" + SessionTokens.key(for: token).bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "'::bytea"
}
