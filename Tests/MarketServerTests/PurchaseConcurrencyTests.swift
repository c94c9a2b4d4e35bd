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
}
