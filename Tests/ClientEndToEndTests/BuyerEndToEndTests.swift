import MarketClient
import MarketCore
import MarketTesting
import Testing

/// The real `buyer` binary in tmux, against both servers and a real database: a whole shopping
/// trip typed key by key (create an account, log out and in again through the login form,
/// search, add to the cart, check out, rate), checked on the screen and in the database.
@Suite(.timeLimit(.minutes(3))) struct BuyerEndToEndTests {
    @Test func signUpSearchBuyAndRate() async throws {
        let binary = try ClientBinaries.path(of: "buyer")
        try await TestMarket.with { market in
            let seller = market.sellerClient()
            _ = try await seller.createAccount(username: "weber", password: "correct horse", name: "Ölmühle Weber")
            try await seller.login(username: "weber", password: "correct horse")
            let oil = try await seller.registerItem(ItemDraft(name: "Pumpkin Seed Oil 南瓜", category: Category(rawValue: 3)!, keywords: ["oil", "seeds"], condition: .new, price: Money("8.49")!, quantity: 5))
            _ = try await seller.registerItem(ItemDraft(name: "Olive Oil 1L", category: Category(rawValue: 3)!, keywords: ["oil", "olive"], condition: .new, price: Money("12.00")!, quantity: 9))

            let log = ClientBinaries.logFile("buyer")
            let command = [binary, "--host", "127.0.0.1", "--port", "\(market.port(.buyer))", "--log-file", log]
            // A non-UTF-8 locale: the client must switch to C.UTF-8 by itself.
            try await Tmux.with(command, environment: ["LANG": "C", "LC_ALL": ""]) { tmux in
                try await tmux.waitFor("Log in with your buyer account.")
                try await tmux.createAccount(name: "Bea Büyer 東京", username: "bea", password: "correct horse")
                let welcome = try await tmux.waitFor("2 results for everything")
                #expect(welcome.contains("bea (Bea Büyer 東京)"))
                #expect(welcome.contains("● connected"))

                // Log out, then back in through the login form with the new credentials: a wrong
                // password first, which the server refuses, then the right one.
                let loggedOut = try await tmux.logOutAndBackIn(username: "bea", password: "correct horse")
                #expect(loggedOut.contains("Enter Log in"), "the login form is back")
                #expect(!loggedOut.contains("2 results for everything"))
                let back = try await tmux.waitFor("2 results for everything")
                #expect(back.contains("bea (Bea Büyer 東京)"))
                #expect(!back.contains("Enter Log in"))

                try await tmux.type("/pumpkin")
                try await tmux.press("Enter")
                let results = try await tmux.waitFor("1 result for “pumpkin”")
                #expect(results.contains("Pumpkin Seed Oil 南瓜"))
                #expect(results.contains("Ölmühle Weber"))

                try await tmux.press("a", "C-u")
                try await tmux.type("2")
                try await tmux.press("Enter")
                try await tmux.waitFor("Added 2 × “Pumpkin Seed Oil 南瓜”")

                try await tmux.press("2")
                let cart = try await tmux.waitFor("Total  16.98")
                #expect(cart.contains("2 units in 1 line"))

                try await tmux.press("c")
                try await tmux.waitFor("Card number")
                try await tmux.type("4111 1111 1111 1111")
                try await tmux.press("Tab")
                try await tmux.type("04/29")
                try await tmux.press("Enter")
                try await tmux.waitFor("with the card ending in 1111?")
                // The question drops keys for a moment once it is up (a double Enter on the
                // form does not pay): read it first, as a person does.
                try await Task.sleep(for: .milliseconds(600))
                try await tmux.press("Enter")
                try await tmux.waitFor("Paid 16.98 for 2 units")
                // The purchases view loads after the payment; rate once the order is listed.
                let history = try await tmux.waitFor("order 1 of 1")
                #expect(history.contains("2 units purchased"))

                try await tmux.press("+")
                try await tmux.waitFor("Each item gets one vote")
                try await tmux.press("Enter")
                try await tmux.waitFor("👍 up")

                try await tmux.press("q")
                try await tmux.waitFor("Quit the storefront?")
                try await tmux.press("y")
                #expect(try await tmux.waitForExit() == 0)
                #expect(!(try await tmux.screen()).contains("swift-market"), "the terminal is restored")
            }
            ClientBinaries.removeLog(log)

            #expect(try await market.productsQuery("SELECT quantity, thumbs_up FROM items WHERE id = \(oil.id.number)") == ["3|1"])
            #expect(try await market.productsQuery("SELECT total, card_last4 FROM purchases") == ["16.98|1111"])
            #expect(try await market.productsQuery("SELECT vote FROM feedback") == ["1"])
            #expect(try await market.customersQuery("SELECT name FROM accounts WHERE role = 'buyer'") == ["Bea Büyer 東京"])
        }
    }
}
