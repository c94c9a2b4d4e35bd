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

            // Nothing happens: the wait ends after its time, with no page.
            let quiet = try await seller.awaitActivity(after: 0, wait: 1, page: page)
            #expect(quiet.rating.activity == 0)
            #expect(quiet.items == nil)

            // A buyer on the other server buys two while the dashboard waits: the wait ends with
            // the news, long before its 60 seconds, and brings the page with the units left.
            let (buyer, _, _) = try await market.loggedInBuyer()
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
