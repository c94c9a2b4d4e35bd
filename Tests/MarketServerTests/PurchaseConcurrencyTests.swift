import MarketClient
import MarketCore
import MarketTesting
import Testing

@Suite(.timeLimit(.minutes(3))) struct PurchaseConcurrencyTests {
    @Test func fiftyBuyersRacingForTheLastTenUnitsBuyExactlyTen() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let lastTen = try await seller.registerItem(draft("Concert ticket", price: 40, quantity: 10))
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

            // … then all check out at once.
            let outcomes = await withTaskGroup(of: Result<Purchase, MarketError>.self) { group in
                for buyer in buyers {
                    group.addTask { await Result.capturing { () throws(MarketError) in try await buyer.purchase(card: validCard) } }
                }
                var outcomes: [Result<Purchase, MarketError>] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }

            let succeeded = outcomes.compactMap { try? $0.get() }
            let failed = outcomes.compactMap { outcome -> MarketError? in
                if case .failure(let error) = outcome { return error }
                return nil
            }
            #expect(succeeded.count == 10)
            #expect(failed.count == 40)
            #expect(failed.allSatisfy { $0.code == .insufficientStock }, "\(Set(failed.map(\.code)))")

            // The database agrees: ten sold, none left, nothing negative, all or nothing per buyer.
            #expect(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(lastTen.id.number)") == ["0"])
            #expect(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(other.id.number)") == ["980"])
            #expect(try await market.productsQuery("SELECT count(*), sum(quantity) FROM purchase_lines WHERE item_id = \(lastTen.id.number)") == ["10|10"])
            #expect(try await market.productsQuery("SELECT count(*) FROM purchases") == ["10"])
            #expect(try await market.productsQuery("SELECT count(*) FROM items WHERE quantity < 0") == ["0"])
            #expect(try await seller.rating().itemsSold == 30)
            #expect(try await market.productsQuery("SELECT sum(items_purchased) FROM buyer_stats") == ["30"])
            // Losers keep their carts; winners' carts are empty.
            #expect(try await market.productsQuery("SELECT count(DISTINCT session_key) FROM cart_lines") == ["40"])
        }
    }

    @Test func concurrentAddsAndSellerChangesNeverBreakInvariants() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Widget", quantity: 30))
            var buyers: [BuyerClient] = []
            for _ in 0..<10 { buyers.append(try await market.loggedInBuyer().0) }
            await withTaskGroup(of: Void.self) { group in
                for buyer in buyers {
                    group.addTask {
                        for _ in 0..<3 {
                            _ = try? await buyer.addToCart(item.id, quantity: 2)
                            _ = try? await buyer.purchase(card: validCard)
                        }
                    }
                }
                group.addTask {
                    for _ in 0..<5 { _ = try? await seller.removeUnits(1, of: item.id) }
                }
            }
            let remaining = try #require(Int(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(item.id.number)")[0]))
            let sold = Int(try await market.productsQuery("SELECT coalesce(sum(quantity), 0) FROM purchase_lines")[0]) ?? -1
            let removed = 30 - remaining - sold
            #expect(remaining >= 0)
            #expect((0...5).contains(removed), "seller removals account for the rest: \(removed)")
            #expect(try await seller.rating().itemsSold == sold)
        }
    }

    /// Two sessions of one buyer: one saves its cart while the other pays for the same item.
    /// Both take the buyer's lock before the item's, so neither waits on the other in a cycle
    /// (a deadlock PostgreSQL would break by failing one of them).
    @Test func savingInOneSessionWhilePayingInAnotherNeverDeadlocks() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Tea towel", quantity: 10_000))
            let (saver, _, username) = try await market.loggedInBuyer()
            let payer = market.buyerClient()
            _ = try await payer.login(username: username, password: password)
            _ = try await saver.addToCart(item.id, quantity: 1)
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
        }
    }

    /// A removal and a checkout of one session sent together: the checkout buys what the cart
    /// holds after the removal, or the removal finds the line bought and gone. Never both the
    /// removal and the units it removed.
    @Test func aRemovalRacingACheckoutOfTheSameSessionComesBeforeOrAfterIt() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Candle", quantity: 10_000))
            let (buyer, _, _) = try await market.loggedInBuyer()
            for round in 0..<30 {
                _ = try await buyer.addToCart(item.id, quantity: 2)
                async let removed = Result.capturing { () throws(MarketError) in try await buyer.removeFromCart(item.id, quantity: 1) }
                async let paid = Result.capturing { () throws(MarketError) in try await buyer.purchase(card: validCard) }
                switch (await removed, await paid) {
                case (.success(let left), .success(let purchase)):
                    #expect(left == 1, "round \(round)")
                    #expect(purchase.lines.map(\.quantity) == [1], "round \(round): bought what the removal left")
                case (.failure(let error), .success(let purchase)):
                    #expect(error.code == .notFound, "round \(round): \(error.message)")
                    #expect(purchase.lines.map(\.quantity) == [2], "round \(round)")
                case (let removal, let payment):
                    Issue.record("round \(round): removal \(removal), payment \(payment)")
                }
                #expect(try await buyer.cart().lines.isEmpty, "round \(round): the cart is empty after paying")
            }
        }
    }

    /// A removal racing an add to the same line of one session: the removal finds the line as
    /// the add left it or before, never neither (it was refused as "holds only 2 units").
    @Test func aRemovalRacingAnAddToTheSameLineIsNeverRefused() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let item = try await seller.registerItem(draft("Mug", quantity: 10_000))
            let (buyer, _, _) = try await market.loggedInBuyer()
            // The session on a second connection too, so the two calls run side by side.
            let other = market.buyerClient()
            other.client.session = buyer.client.session
            _ = try await buyer.addToCart(item.id, quantity: 2)
            for round in 0..<60 {
                async let added = Result.capturing { () throws(MarketError) in try await buyer.addToCart(item.id, quantity: 1) }
                async let removed = Result.capturing { () throws(MarketError) in try await other.removeFromCart(item.id, quantity: 1) }
                let (add, remove) = await (added, removed)
                if case .failure(let error) = add { Issue.record("round \(round): add \(error.code): \(error.message)") }
                if case .failure(let error) = remove { Issue.record("round \(round): remove \(error.code): \(error.message)") }
                #expect(try await buyer.cart().lines.map(\.quantity) == [2], "round \(round)")
            }
        }
    }

    /// Emptying the cart, adding to it and paying for it at once, in one session: each call
    /// succeeds or is refused for what it found (an empty cart), none fails for the others'
    /// locks, and nothing is bought twice or lost.
    @Test func clearingAddingAndPayingAtOnceNeverFailForEachOther() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let first = try await seller.registerItem(draft("Pen", quantity: 10_000))
            let second = try await seller.registerItem(draft("Ink", quantity: 10_000))
            let (buyer, _, _) = try await market.loggedInBuyer()
            // The session on three connections, so the three calls run side by side.
            let adder = market.buyerClient()
            let payer = market.buyerClient()
            adder.client.session = buyer.client.session
            payer.client.session = buyer.client.session
            var failures: [String] = []
            for _ in 0..<50 {
                _ = try await buyer.addToCart(first.id, quantity: 1)
                _ = try await buyer.addToCart(second.id, quantity: 1)
                async let cleared = Result.capturing { () throws(MarketError) in try await buyer.clearCart() }
                async let added = Result.capturing { () throws(MarketError) in _ = try await adder.addToCart(first.id, quantity: 1) }
                async let paid = Result.capturing { () throws(MarketError) in _ = try await payer.purchase(card: validCard) }
                for case .failure(let error) in [await cleared, await added, await paid] where error.code != .emptyCart {
                    failures.append("\(error.code): \(error.message)")
                }
                try await buyer.clearCart()
            }
            #expect(failures.isEmpty)
        }
    }
}

