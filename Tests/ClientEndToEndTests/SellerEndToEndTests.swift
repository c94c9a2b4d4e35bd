import MarketClient
import MarketCore
import MarketTesting
import Testing

/// The real `seller` binary in tmux, against both servers and a real database: a new seller
/// registers an item, changes its price and takes units off sale.
@Suite(.timeLimit(.minutes(3))) struct SellerEndToEndTests {
    @Test func signUpRegisterRepriceAndRemoveUnits() async throws {
        let binary = try ClientBinaries.path(of: "seller")
        try await TestMarket.with { market in
            let command = [binary, "--host", "127.0.0.1", "--port", "\(market.port(.seller))", "--log-file", ClientBinaries.logFile("seller")]
            try await Tmux.with(command) { tmux in
                try await tmux.waitFor("Log in with your seller account.")
                try tmux.press("C-n")
                try tmux.type("Zoë Müller")
                try tmux.press("Tab")
                try tmux.type("zoe")
                try tmux.press("Tab")
                try tmux.type("correct horse")
                try tmux.press("Tab")
                try tmux.type("correct horse")
                try tmux.press("Enter")
                try await tmux.waitFor("No items yet — press n to register one")

                try tmux.press("n")
                try await tmux.waitFor("Put an item on sale.")
                try tmux.type("Café crème mug €")
                try tmux.press("Tab")
                try tmux.type("3")
                try tmux.press("Tab")
                try tmux.type("mug, coffee")
                try tmux.press("Tab", "Right", "Tab")
                try tmux.type("12.5")
                try tmux.press("Tab", "C-u")
                try tmux.type("10")
                try tmux.press("Enter")
                let listed = try await tmux.waitFor("Registered 3-")
                #expect(listed.contains("Café crème mug €"))
                #expect(listed.contains("12.50"))

                try tmux.press("p", "C-u")
                try tmux.type("14.90")
                try tmux.press("Enter")
                try await tmux.waitFor("now costs 14.90 (was 12.50)")

                try tmux.press("x", "C-u")
                try tmux.type("4")
                try tmux.press("Enter")
                try await tmux.waitFor("Take 4 units of “Café crème mug €” off sale?")
                try tmux.press("r")
                try await tmux.waitFor("6 units left on sale")

                // Ctrl-C leaves at once and gives the terminal back.
                try tmux.press("C-c")
                #expect(try await tmux.waitForExit() == 0)
                #expect(!(try tmux.screen()).contains("swift-market"), "the terminal is restored")
            }
            #expect(try market.productsQuery("SELECT name, condition, price, quantity, keywords FROM items") == ["Café crème mug €|used|14.90|6|{mug,coffee}"])
            #expect(try market.customersQuery("SELECT username, name FROM accounts WHERE role = 'seller'") == ["zoe|Zoë Müller"])
        }
    }
}
