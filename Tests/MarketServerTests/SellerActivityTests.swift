import MarketClient
import MarketCore
import MarketProtocol
import MarketTesting
import Testing

/// AwaitSellerActivity: a seller's dashboard hears of sales and votes as they happen, without
/// keeping an unattended session alive.
@Suite(.timeLimit(.minutes(2))) struct SellerActivityTests {
    @Test func aWaitingDashboardHearsOfASaleAndAVoteAsTheyHappen() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let lamp = try await seller.registerItem(draft("Lamp", quantity: 5))
            let start = try await seller.rating()
            #expect(start.activity == 0)
            let page = SellerAPI.DisplayItemsForSale.Arguments(limit: 10)

            // Nothing happens: the wait ends after its time, with the page as it is then.
            let quiet = try await seller.awaitActivity(after: 0, wait: 1, page: page)
            #expect(quiet.rating.activity == 0)
            #expect(quiet.items?.items.map(\.quantity) == [5])

            // A buyer on the other server buys two while the dashboard waits: the wait ends with
            // the news, long before its 60 seconds, and brings the page with the units left.
            let (buyer, _, _) = try await market.loggedInBuyer()
            // Told as it happens (the server listens, since the quiet wait, for a minute), not
            // found by looking every 2 s. (Listening before the wait below, whose first 2 s would
            // otherwise end with the subscription coming up, not with the sale.)
            let watch = try #require(market.application(.seller).sellerActivity)
            for _ in 0..<250 where !watch.isListening { try await Task.sleep(for: .milliseconds(20)) }
            #expect(watch.isListening)
            let clock = ContinuousClock()
            let began = clock.now
            async let sale = seller.awaitActivity(after: 0, wait: 60, page: page)
            try await Task.sleep(for: .milliseconds(300))
            try await buyer.addToCart(lamp.id, quantity: 2)
            _ = try await buyer.purchase(card: validCard)
            let news = try await sale
            #expect(clock.now - began < .seconds(30), "woken by the sale, not by the end of the wait")
            #expect(news.rating.itemsSold == 2)
            #expect(news.rating.activity == 2)
            #expect(news.items?.items.map(\.quantity) == [3])

            // News that came before the wait began is answered at once.
            _ = try await buyer.provideFeedback(lamp.id, vote: .up)
            let vote = try await seller.awaitActivity(after: news.rating.activity, wait: 60, page: page)
            #expect(vote.rating.rating.thumbsUp == 1)
            #expect(vote.rating.activity == 3)
            #expect(vote.items?.items.first?.rating.thumbsUp == 1)

            await expectError(.invalidArgument) { () throws(MarketError) in try await seller.awaitActivity(after: 3, wait: 0) }
        }
    }

    @Test func theServerListensOnlyWhileDashboardsWait() async throws {
        // Nobody waits: no products connection listens. The first wait ever starts the
        // subscription and still hears a sale at once; a second after the last wait the
        // subscription ends, and the next wait starts it again.
        try await TestMarket.with(configure: { $0.activityLinger = .seconds(1) }) { market in
            func listeners() async throws -> Int {
                let rows = try await market.productsQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'"
                )
                return Int(rows.first ?? "") ?? -1
            }
            func eventually(_ expected: Int) async throws -> Int {
                var count = try await listeners()
                for _ in 0..<40 where count != expected {
                    try await Task.sleep(for: .milliseconds(250))
                    count = try await listeners()
                }
                return count
            }
            let (seller, _) = try await market.loggedInSeller()
            let lamp = try await seller.registerItem(draft("Lamp", quantity: 5))
            let (buyer, _, _) = try await market.loggedInBuyer()
            #expect(try await listeners() == 0)

            for round in 1...2 {
                let activity = try await seller.rating().activity
                async let sale = seller.awaitActivity(after: activity, wait: 60)
                #expect(try await eventually(1) == 1, "round \(round): listening while a dashboard waits")
                try await buyer.addToCart(lamp.id, quantity: 1)
                _ = try await buyer.purchase(card: validCard)
                let news = try await sale
                #expect(news.rating.itemsSold == round, "round \(round): the wait ends with the sale")
                #expect(try await eventually(0) == 0, "round \(round): not listening a second after the last wait")
            }
        }
    }

    /// A dashboard gone while it waits (its connection closed) does not keep the wait, or its
    /// connection's place under the server's limit, for the rest of the minute.
    @Test func aWaitEndsWhenItsClientGoesAway() async throws {
        try await TestMarket.with(configure: { $0.activityLinger = .seconds(1) }) { market in
            let (seller, _) = try await market.loggedInSeller()
            let activity = try await seller.rating().activity
            let dashboard = market.sellerClient(inSessionOf: seller)
            let waiting = Task { try await dashboard.awaitActivity(after: activity, wait: 60) }
            func connections(becoming expected: Int) async throws -> Int {
                var count = market.openConnections(.seller)
                for _ in 0..<40 where count != expected {
                    try await Task.sleep(for: .milliseconds(100))
                    count = market.openConnections(.seller)
                }
                return count
            }
            #expect(try await connections(becoming: 2) == 2)
            try await Task.sleep(for: .milliseconds(300))
            dashboard.client.close()
            #expect(try await connections(becoming: 1) == 1, "the wait ended with its connection")
            _ = await waiting.result
            #expect(try await seller.rating().activity == activity, "the other session serves on")
        }
    }

    /// A change made while a dashboard is between two waits (the answer on its way, the next
    /// wait not sent yet) is not left to the end of the next wait: that one answers at once.
    @Test func aChangeBetweenTwoWaitsEndsTheNextAtOnce() async throws {
        try await TestMarket.with { market in
            let (seller, profile) = try await market.loggedInSeller()
            _ = try await seller.registerItem(draft("Lamp", quantity: 5))
            let elsewhere = market.sellerClient()
            _ = try await elsewhere.login(username: profile.username, password: password)
            let page = SellerAPI.DisplayItemsForSale.Arguments(limit: 10)
            _ = try await seller.awaitActivity(after: 0, wait: 1, page: page)
            _ = try await elsewhere.registerItem(draft("Desk", quantity: 2))
            let clock = ContinuousClock()
            let began = clock.now
            let next = try await seller.awaitActivity(after: 0, wait: 60, page: page)
            #expect(clock.now - began < .seconds(30), "answered at once, not at the end of its minute")
            #expect(next.items?.items.map(\.name) == ["Desk", "Lamp"])

            // Owed once: the wait after that one waits for news again.
            let quiet = try await seller.awaitActivity(after: 0, wait: 2, page: page)
            #expect(clock.now - began >= .seconds(2), "\(quiet.rating.activity)")
        }
    }

    @Test func aChangeFromAnotherSessionOfTheSellerEndsTheWaitWithThePage() async throws {
        try await TestMarket.with { market in
            let (seller, profile) = try await market.loggedInSeller()
            let lamp = try await seller.registerItem(draft("Lamp", quantity: 5))
            let elsewhere = market.sellerClient()
            _ = try await elsewhere.login(username: profile.username, password: password)
            let page = SellerAPI.DisplayItemsForSale.Arguments(limit: 10)
            let clock = ContinuousClock()

            // Each kind of change wakes the wait long before its 60 seconds (it is not news, but
            // the answer brings the page that shows it).
            let changes: [(String, @Sendable () async throws -> Void)] = [
                ("a price", { _ = try await elsewhere.changePrice(of: lamp.id, to: Money("7.50")!) }),
                ("units off sale", { _ = try await elsewhere.removeUnits(1, of: lamp.id) }),
                ("a new item", { _ = try await elsewhere.registerItem(draft("Desk", quantity: 2)) }),
            ]
            var last: SellerAPI.AwaitSellerActivity.Result?
            for (change, make) in changes {
                let began = clock.now
                async let answer = seller.awaitActivity(after: 0, wait: 60, page: page)
                try await Task.sleep(for: .milliseconds(300))
                try await make()
                let quiet = try await answer
                #expect(clock.now - began < .seconds(30), "woken by \(change)")
                #expect(quiet.rating.activity == 0, "the seller's own changes are not news")
                last = quiet
            }
            #expect(last?.items?.items.map(\.name) == ["Desk", "Lamp"])
            #expect(last?.items?.items.last?.price == Money("7.50")!)
            #expect(last?.items?.items.last?.quantity == 4)

            // The session that made a change has its answer: its own wait goes on to its end.
            let began = clock.now
            async let own = seller.awaitActivity(after: 0, wait: 2, page: page)
            try await Task.sleep(for: .milliseconds(300))
            _ = try await seller.changePrice(of: lamp.id, to: Money("8.00")!)
            _ = try await own
            #expect(clock.now - began >= .milliseconds(1900), "not woken by its own session's change")
        }
    }

    @Test func waitingDoesNotKeepTheSessionAlive() async throws {
        // A three-second session: waits of a second each, back to back, and no other request.
        try await TestMarket.with(configure: { $0.sessionTimeout = .seconds(3) }) { market in
            let (seller, _) = try await market.loggedInSeller()
            let clock = ContinuousClock()
            let began = clock.now
            var ended: MarketError?
            while ended == nil, clock.now - began < .seconds(20) {
                do throws(MarketError) {
                    _ = try await seller.awaitActivity(after: 0, wait: 1)
                } catch {
                    ended = error
                }
            }
            #expect(ended?.code == .sessionExpired, "the wait ends with the session, not the other way round")
        }
    }
}
