import MarketClient
import MarketCore
import MarketTesting
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// The whole dashboard, driven key by key through its loop, against real servers and a real
/// database, on an in-memory terminal.
@Suite(.timeLimit(.minutes(2))) struct SellerDashboardTests {
    @Test func aSellerSignsUpRegistersAnItemRepricesItAndTakesUnitsOff() async throws {
        try await TestMarket.with { market in try await Self.signUpAndManageAnItem(market) }
    }

    @MainActor
    static func signUpAndManageAnItem(_ market: TestMarket) async throws {
        let terminal = MemoryTerminal(size: Size(width: 120, height: 36))
        let client = SellerClient(client: market.client(for: .seller, reconnectsAutomatically: true))
        let runner = ProgramRunner(program: SellerProgram(client: client), state: SellerState(server: "test"), terminal: terminal, tickInterval: nil)
        let run = Task { await runner.run() }

        runner.press(.control("n"))
        runner.fill("Ölmühle Weber", "weber", "correct horse", "correct horse")
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("weber (Ölmühle Weber)"))
        #expect(terminal.screenText.contains("No items yet — press n to register one"))

        runner.press(.character("n"))
        runner.fill("Pumpkin Seed Oil 南瓜", "3", "oil seeds")
        runner.press(.tab, .tab)
        runner.type("8.49")
        runner.press(.tab, .control("u"))
        runner.type("10")
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("Pumpkin Seed Oil 南瓜"))
        #expect(terminal.screenText.contains("Registered 3-"))

        runner.press(.character("p"), .control("u"))
        runner.type("9.99")
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("now costs 9.99 (was 8.49)"))

        runner.press(.character("x"), .control("u"))
        runner.type("4")
        runner.press(.enter)
        await runner.pressAndSettle(.character("y"))
        #expect(terminal.screenText.contains("6 units left on sale"))

        let rows = try await market.productsQuery("SELECT name, price, quantity, keywords FROM items")
        #expect(rows == ["Pumpkin Seed Oil 南瓜|9.99|6|{oil,seeds}"])

        // Finding by part of a word, on the server: found, then nothing, then every item again.
        runner.press(.character("/"))
        runner.type("PUMP see")
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("1 item matches “PUMP see”"), "\(terminal.screenText)")
        #expect(terminal.screenText.contains("Pumpkin Seed Oil 南瓜"))
        runner.press(.character("/"), .control("u"))
        runner.type("lamp")
        await runner.pressAndSettle(.enter)
        #expect(terminal.screenText.contains("No item has words holding “lamp”"), "\(terminal.screenText)")
        await runner.pressAndSettle(.escape)
        #expect(terminal.screenText.contains("1 item listed"), "\(terminal.screenText)")

        runner.press(.character("q"))
        runner.press(.character("y"))
        _ = await run.value
        #expect(terminal.isRestored)
    }
}
