import MarketClient
import MarketCore
import MarketTesting
import Testing

/// The real `seller` binary in tmux, against both servers and a real database: a new seller
/// creates an account, logs out and in again through the login form, registers an item, changes
/// its price, takes units off sale and puts some back.
@Suite(.timeLimit(.minutes(3))) struct SellerEndToEndTests {
    @Test func signUpRegisterRepriceRemoveAndAddUnits() async throws {
        let binary = try ClientBinaries.path(of: "seller")
        try await TestMarket.with { market in
            let log = ClientBinaries.logFile("seller")
            let command = [binary, "--host", "127.0.0.1", "--port", "\(market.port(.seller))", "--log-file", log]
            try await Tmux.with(command) { tmux in
                try await tmux.waitFor("Log in with your seller account.")
                try await tmux.createAccount(name: "Zoë Müller", username: "zoe", password: "correct horse")
                let welcome = try await tmux.waitFor("No items yet — press n to register one")
                #expect(welcome.contains("zoe (Zoë Müller)"))

                // Log out, then back in through the login form with the new credentials: a wrong
                // password first, which the server refuses, then the right one.
                let loggedOut = try await tmux.logOutAndBackIn(username: "zoe", password: "correct horse")
                #expect(loggedOut.contains("Enter Log in"), "the login form is back")
                #expect(!loggedOut.contains("No items yet"))
                let back = try await tmux.waitFor("No items yet — press n to register one")
                #expect(back.contains("zoe (Zoë Müller)"))
                #expect(!back.contains("Enter Log in"))

                try await tmux.press("n")
                try await tmux.waitFor("Put an item on sale;")
                try await tmux.type("Café crème mug € lid")
                // Readline's word keys as the terminal sends them (Esc and the key at once), and a
                // control sequence of no known key: a word deleted, nothing typed, the form kept.
                try await tmux.press("M-b", "M-f", "M-BSpace")
                try await tmux.type("\u{1B}[1;5A")
                try await tmux.press("Tab")
                try await tmux.type("3")
                try await tmux.press("Tab")
                try await tmux.type("mug, coffee")
                try await tmux.press("Tab", "Right", "Tab")
                try await tmux.type("12.5")
                try await tmux.press("Tab", "C-u")
                try await tmux.type("10")
                try await tmux.press("Enter")
                let listed = try await tmux.waitFor("Registered 3-")
                #expect(listed.contains("Café crème mug €"))
                #expect(listed.contains("12.50"))
                // The list loads after the registration; act on the item once its row is drawn
                // (the form, whose Condition field also reads Used, is closed by now).
                try await tmux.waitFor("Used")

                try await tmux.press("p", "C-u")
                try await tmux.type("14.90")
                try await tmux.press("Enter")
                try await tmux.waitFor("now costs 14.90 (was 12.50)")

                try await tmux.press("x", "C-u")
                try await tmux.type("4")
                try await tmux.press("Enter")
                try await tmux.waitFor("Take 4 units of “Café crème mug €” off sale?")
                try await tmux.press("y")
                try await tmux.waitFor("6 units left on sale")

                try await tmux.press("a", "C-u")
                try await tmux.type("3")
                try await tmux.press("Enter")
                try await tmux.waitFor("9 units on sale now")

                // Ctrl-C leaves at once, gives the terminal back and exits as interrupted.
                try await tmux.press("C-c")
                #expect(try await tmux.waitForExit() == 130)
                #expect(!(try await tmux.screen()).contains("swift-market"), "the terminal is restored")
            }
            ClientBinaries.removeLog(log)
            #expect(try await market.productsQuery("SELECT name, condition, price, quantity, keywords FROM items") == ["Café crème mug €|used|14.90|9|{mug,coffee}"])
            #expect(try await market.customersQuery("SELECT username, name FROM accounts WHERE role = 'seller'") == ["zoe|Zoë Müller"])
        }
    }
}
