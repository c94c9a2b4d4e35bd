import MarketClient
import MarketCore
import MarketDemo
import MarketTesting
import Testing

@Suite(.timeLimit(.minutes(3))) struct DemoLoaderTests {
    @Test func loadsOnceAndASecondRunChangesNothing() async throws {
        try await TestMarket.with { market in
            let loader = DemoLoader(sellerClient: { market.sellerClient() }, buyerClient: { market.buyerClient() })
            let first = try await loader.load()
            #expect(first.itemsRegistered == DemoCatalog.standard.itemCount)
            #expect(first.purchasesMade > 0 && first.votesGiven > 0)
            #expect(!first.wasAlreadyLoaded)
            for (number, name) in DemoCatalog.categories {
                #expect(first.categories.contains(CategoryName(category: Category(rawValue: number)!, name: name)), "the market names category \(number) as the demo does")
            }
            let items = try await market.productsQuery("SELECT count(*) FROM items")
            let purchases = try await market.productsQuery("SELECT count(*) FROM purchases")

            let second = try await loader.load()
            #expect(second.wasAlreadyLoaded)
            #expect(second.itemsPresent == DemoCatalog.standard.itemCount)
            #expect(try await market.productsQuery("SELECT count(*) FROM items") == items)
            #expect(try await market.productsQuery("SELECT count(*) FROM purchases") == purchases)

            // The demo logins work.
            let buyer = market.buyerClient()
            let profile = try await buyer.login(username: DemoCatalog.demoBuyer.username, password: DemoCatalog.demoBuyer.password)
            #expect(profile.name == DemoCatalog.demoBuyer.name)
            #expect(try await buyer.purchases().purchases.items.isEmpty == false)
        }
    }
}
