import BuyerApp
import MarketClient
import MarketCore
import MarketTesting
import Testing
import TerminalUI
import TerminalUITesting

/// The whole storefront, driven key by key through its loop, against real servers and a real
/// database, on an in-memory terminal.
@Suite(.timeLimit(.minutes(2))) struct BuyerStorefrontTests {
    @Test func aBuyerSignsUpSearchesBuysAndRates() async throws {
        try await TestMarket.with { market in
            let (seller, oil) = try await Self.sellerWithPumpkinSeedOil(market, units: 5)
            _ = try await seller.registerItem(ItemDraft(name: "Olive Oil 1L", category: Category(rawValue: 3)!, keywords: ["oil", "olive"], condition: .new, price: Money("12.00")!, quantity: 5))
            try await Self.shop(market, oil: oil)
        }
    }

    @Test func startedAgainstTheSellerServerItSaysSoBeforeAnyoneTypes() async throws {
        try await TestMarket.with { market in try await Self.wrongServer(market) }
    }

    @MainActor
    static func wrongServer(_ market: TestMarket) async throws {
        let (terminal, runner, run) = Self.storefront(market, on: .seller, named: "127.0.0.1:7001")
        // The first ping goes out at start, not in answer to a key: wait for its answer (5 s at most).
        let notice = "is the seller server: this client"
        for _ in 0..<100 where !terminal.screenText.contains(notice) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(terminal.screenText.contains(notice), "\(terminal.screenText)")
        #expect(terminal.screenText.contains("needs the buyer server (--port 7002 by default)."))
        #expect(terminal.screenText.contains("◐ wrong server") && !terminal.screenText.contains("● connected"), "the header does not call it connected")
        await runner.pressAndSettle(.control("c"))
        _ = await run.value
    }

    @Test func aPaymentRefusedForStockTakesOutWhatIsMissingAndPaysForTheRest() async throws {
        try await TestMarket.with { market in
            let (_, oil) = try await Self.sellerWithPumpkinSeedOil(market, units: 3)
            try await Self.outbid(market, oil: oil)
        }
    }

    /// Two units in the cart, saved, then another buyer takes two of the three: the payment is
    /// refused, and the next Enter offers to take the missing unit out and pay for the one left.
    /// The unit taken out leaves the saved cart too, rather than coming back at the next login.
    @MainActor
    static func outbid(_ market: TestMarket, oil: Item) async throws {
        let (terminal, runner, run) = await Self.signedUpStorefront(market)
        runner.press(.character("a"), .control("u"))
        runner.type("2")
        await runner.pressAndSettle(.enter)
        runner.press(.character("2"))
        await runner.pressAndSettle(.character("w"))
        #expect(try await market.productsQuery("SELECT quantity FROM saved_cart_lines") == ["2"])
        runner.press(.character("c"))
        runner.fill("4111 1111 1111 1111", "04/29")
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("Pay 16.98 for 2 units"))
        try await Self.readTheQuestion(runner)

        let rival = market.buyerClient()
        _ = try await rival.createAccount(username: "rival", password: "correct horse", name: "Rival")
        try await rival.login(username: "rival", password: "correct horse")
        try await rival.addToCart(oil.id, quantity: 2)
        _ = try await rival.purchase(card: PaymentCard(holder: "Rival", number: "4111111111111111", expiry: "04/29"))

        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("Nothing was bought: the stock changed meanwhile. Enter takes out what"), "\(terminal.screenText)")
        await runner.pressAndSettle(.enter)
        try await Self.readTheQuestion(runner)
        #expect(terminal.screenText.contains("Take out what is not on sale any more:"), "\(terminal.screenText)")
        #expect(terminal.screenText.contains("1 × “Pumpkin Seed Oil”"))
        #expect(terminal.screenText.contains("then pay 8.49 for 1 unit"))
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("Paid 8.49 for 1 unit"), "\(terminal.screenText)")

        #expect(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(oil.id.number)") == ["0"])
        #expect(try await market.productsQuery("SELECT count(*), sum(l.quantity) FROM purchases p JOIN purchase_lines l ON l.purchase_id = p.id") == ["2|3"])
        #expect(try await market.productsQuery("SELECT count(*) FROM saved_cart_lines") == ["0"])
        await runner.pressAndSettle(.character("2"))
        #expect(terminal.screenText.contains("Your cart is empty"), "\(terminal.screenText)")
        #expect(!terminal.screenText.contains("Not saved"), "\(terminal.screenText)")

        await runner.pressAndSettle(.control("c"))
        _ = await run.value
    }

    /// The storefront on an in-memory terminal, its loop running, against the server of `role`
    /// (called `server` on screen).
    @MainActor
    static func storefront(_ market: TestMarket, on role: Role, named server: String = "test") -> (MemoryTerminal, ProgramRunner<BuyerProgram>, Task<BuyerState, Never>) {
        let terminal = MemoryTerminal(size: Size(width: 120, height: 36))
        let client = BuyerClient(client: market.client(for: role, reconnectsAutomatically: true))
        let state = BuyerState(server: server, currentMonth: YearMonth(year: 2026, month: 11))
        let runner = ProgramRunner(program: BuyerProgram(client: client), state: state, terminal: terminal, tickInterval: nil)
        return (terminal, runner, Task { await runner.run() })
    }

    /// A seller, "weber", logged in, with `units` of Pumpkin Seed Oil on sale at 8.49.
    static func sellerWithPumpkinSeedOil(_ market: TestMarket, units: Int) async throws -> (SellerClient, Item) {
        let seller = market.sellerClient()
        _ = try await seller.createAccount(username: "weber", password: "correct horse", name: "Ölmühle Weber")
        try await seller.login(username: "weber", password: "correct horse")
        let oil = try await seller.registerItem(ItemDraft(name: "Pumpkin Seed Oil", category: Category(rawValue: 3)!, keywords: ["oil"], condition: .new, price: Money("8.49")!, quantity: units))
        return (seller, oil)
    }

    /// Waits out the moment in which the payment question, just up, drops keys, as a person
    /// reading it would.
    /// (The loop here has no clock: its ticks are sent.)
    @MainActor
    static func readTheQuestion(_ runner: ProgramRunner<BuyerProgram>) async throws {
        for _ in 0..<BuyerProgram.paymentQuestionHoldTicks { runner.send(.tick) }
        await runner.settled()
    }

    /// The storefront on an in-memory terminal, its loop running, with a new buyer signed up
    /// through its account form.
    @MainActor
    static func signedUpStorefront(_ market: TestMarket) async -> (MemoryTerminal, ProgramRunner<BuyerProgram>, Task<BuyerState, Never>) {
        let (terminal, runner, run) = Self.storefront(market, on: .buyer)
        runner.press(.control("n"))
        runner.fill("Bea Buyer", "bea", "correct horse", "correct horse")
        await runner.pressAndSettle(.enter)
        return (terminal, runner, run)
    }

    @MainActor
    static func shop(_ market: TestMarket, oil: Item) async throws {
        let (terminal, runner, run) = await Self.signedUpStorefront(market)
        #expect(terminal.screenText.contains("2 results for everything"))

        runner.type("/pumpkin")
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("1 result for “pumpkin”"))
        runner.press(.character("a"), .control("u"))
        runner.type("2")
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("Added 2 × “Pumpkin Seed Oil”"))
        #expect(terminal.screenText.contains("2 Cart (2)"))

        runner.press(.character("2"), .character("c"))
        runner.fill("4111 1111 1111 1111", "04/29")
        await runner.pressAndSettle(.enter)
        try await Self.readTheQuestion(runner)
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("Paid 16.98 for 2 units"))

        runner.press(.character("+"))
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("👍 up"))

        #expect(try await market.productsQuery("SELECT quantity, thumbs_up FROM items WHERE id = \(oil.id.number)") == ["3|1"])
        #expect(try await market.productsQuery("SELECT count(*) FROM purchases") == ["1"])

        await runner.pressAndSettle(.control("c"))
        _ = await run.value
        #expect(terminal.isRestored)
    }
}
