import MarketClient
import MarketCore
import MarketTesting
import Testing

@Suite(.timeLimit(.minutes(2))) struct SessionTests {
    @Test func sessionsExpireAfterTheConfiguredIdleTime() async throws {
        // Three seconds, with activity every second: two seconds of slack for a loaded machine.
        try await TestMarket.with(configure: { $0.sessionTimeout = .seconds(3) }) { market in
            let (seller, _) = try await market.loggedInSeller()
            let lamp = try await seller.registerItem(draft("Lamp", quantity: 9))
            try await seller.logout()
            let (buyer, _, username) = try await market.loggedInBuyer()
            try await buyer.addToCart(lamp.id, quantity: 2)
            try await buyer.saveCart()
            try await buyer.addToCart(lamp.id, quantity: 3)
            // Activity keeps the session alive past the timeout.
            for _ in 0..<4 {
                try await Task.sleep(for: .seconds(1))
                #expect(try await buyer.cart().lines.map(\.quantity) == [5])
            }
            try await Task.sleep(for: .milliseconds(3500))
            let expired = await expectError(.sessionExpired) { () throws(MarketError) in try await buyer.cart() }
            #expect(expired?.message.contains("3 seconds") == true)
            await expectError(.sessionExpired) { () throws(MarketError) in try await buyer.addToCart(lamp.id, quantity: 1) }
            // Expiry discarded the active cart (5 units); the saved one (2) is where the new session starts.
            // Login says how long a session lasts, so that a client can keep it alive in time.
            #expect(try await buyer.openSession(username: username, password: password).timeout == .seconds(3))
            #expect(try await buyer.cart().lines.map(\.quantity) == [2])
            try await buyer.logout()
        }
    }

    /// A Logout whose answer was lost is repeated by the client; the repeat finds the session
    /// gone. Either way the session is over, and the client forgets it.
    @Test func loggingOutOfASessionAlreadyEndedSucceedsAndForgetsIt() async throws {
        try await TestMarket.with { market in
            let (buyer, _, _) = try await market.loggedInBuyer()
            let elsewhere = market.buyerClient(inSessionOf: buyer)
            try await elsewhere.logout()
            #expect(buyer.client.session != nil)
            try await buyer.logout()
            #expect(buyer.client.session == nil)
        }
    }

    /// A session ended by another server (its logout, or its sweeper) ends here at once: the
    /// customers database announces every deleted session, and this server's cache forgets it
    /// rather than trusting it for the few seconds it otherwise would.
    @Test func aSessionEndedElsewhereStopsWorkingAtOnce() async throws {
        try await TestMarket.with { market in
            let (buyer, _, _) = try await market.loggedInBuyer()
            let cache = try #require(market.application(.buyer).sessionCache)
            for _ in 0..<100 where !cache.isListening { try await Task.sleep(for: .milliseconds(20)) }
            #expect(cache.isListening, "the cache is in use")
            _ = try await buyer.cart()
            #expect(cache.count == 1, "the session was confirmed and is cached")
            _ = try await market.customersQuery("DELETE FROM sessions")
            var answer = Result<Cart, MarketError>.success(.empty)
            for _ in 0..<20 {
                answer = await Result.capturing { () throws(MarketError) in try await buyer.cart() }
                if case .failure = answer { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            guard case .failure(let error) = answer else {
                Issue.record("still served a second after the session ended: \(answer)")
                return
            }
            #expect(error.code == .notLoggedIn, "\(error)")
        }
    }

    @Test func aRestartedServerKeepsTheSessionAndTheCarts() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let book = try await seller.registerItem(draft("Book", quantity: 5))
            let (buyer, _, username) = try await market.loggedInBuyer()
            try await buyer.addToCart(book.id, quantity: 2)
            try await buyer.saveCart()
            try await buyer.addToCart(book.id, quantity: 1)

            await market.stopServer(.buyer)
            await expectError(.unreachable) { () throws(MarketError) in try await buyer.cart() }
            try await market.startServer(.buyer)

            // Same token, new TCP connection, new server process state: nothing changes for the user.
            let cart = try await buyer.cart()
            #expect(cart.lines.map(\.quantity) == [3])
            try await buyer.logout()
            _ = try await buyer.login(username: username, password: password)
            #expect(try await buyer.cart().lines.map(\.quantity) == [2])
        }
    }

    @Test func oneBuyerMayHoldSeveralSessionsEachWithItsOwnCart() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let cup = try await seller.registerItem(draft("Cup", quantity: 10))
            let plate = try await seller.registerItem(draft("Plate", quantity: 10))
            let (laptop, profile, username) = try await market.loggedInBuyer()
            let phone = market.buyerClient()
            #expect(try await phone.login(username: username, password: password) == profile)
            #expect(laptop.client.session != phone.client.session)

            try await laptop.addToCart(cup.id, quantity: 1)
            try await phone.addToCart(plate.id, quantity: 2)
            #expect(try await laptop.cart().lines.map(\.itemID) == [cup.id])
            #expect(try await phone.cart().lines.map(\.itemID) == [plate.id])

            // Both sessions act at once; then logging out one leaves the other alone.
            async let a = laptop.addToCart(cup.id, quantity: 1)
            async let b = phone.addToCart(cup.id, quantity: 1)
            #expect(try await a == 2)
            #expect(try await b == 1)
            try await phone.logout()
            await expectError(.notLoggedIn) { () throws(MarketError) in try await phone.cart() }
            #expect(try await laptop.cart().totalUnits == 2)
        }
    }

    @Test func theCartSaysWhetherItIsTheSavedOneEvenAfterAnotherSessionSaved() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let cup = try await seller.registerItem(draft("Cup", quantity: 10))
            let plate = try await seller.registerItem(draft("Plate", quantity: 10))
            let (laptop, _, username) = try await market.loggedInBuyer()
            #expect(try await laptop.cart().isSaved == true, "an empty cart and no saved one")
            try await laptop.addToCart(cup.id, quantity: 2)
            #expect(try await laptop.cart().isSaved == false)
            try await laptop.saveCart()
            #expect(try await laptop.cart().isSaved == true)

            let phone = market.buyerClient()
            _ = try await phone.login(username: username, password: password)
            #expect(try await phone.cart().isSaved == true, "a new session starts from the saved cart")
            try await phone.addToCart(plate.id, quantity: 1)
            try await phone.saveCart()
            #expect(try await laptop.cart().isSaved == false, "the phone saved another cart over the laptop's")
            // The phone saved its copy of the saved cart (2 cups) with a plate added.
            try await laptop.addToCart(plate.id, quantity: 1)
            #expect(try await laptop.cart().isSaved == true, "the same lines again")
            try await laptop.clearCart()
            #expect(try await laptop.cart().isSaved == false, "an empty cart is not a saved cart that holds a plate")
        }
    }

    @Test func sessionsWorkOnlyOnTheirOwnRolesServer() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let (buyer, _, _) = try await market.loggedInBuyer()
            // Send each client's token to the other server.
            let sellerTokenAtBuyerServer = market.buyerClient()
            sellerTokenAtBuyerServer.client.session = seller.client.session
            let wrong = await expectError(.wrongRole) { () throws(MarketError) in try await sellerTokenAtBuyerServer.cart() }
            #expect(wrong?.message == "This is a seller session; the buyer server accepts only buyer sessions.")
            let buyerTokenAtSellerServer = market.sellerClient()
            buyerTokenAtSellerServer.client.session = buyer.client.session
            await expectError(.wrongRole) { () throws(MarketError) in try await buyerTokenAtSellerServer.items() }

            let forged = market.buyerClient()
            forged.client.session = SessionToken(rawValue: String(repeating: "A", count: 43))
            await expectError(.notLoggedIn) { () throws(MarketError) in try await forged.cart() }
            forged.client.session = SessionToken(rawValue: "'; DROP TABLE sessions; --")
            await expectError(.notLoggedIn) { () throws(MarketError) in try await forged.cart() }
        }
    }

    @Test func aClientAtTheOtherRolesServerIsRefusedBeforeAnythingIsDone() async throws {
        try await TestMarket.with { market in
            // A buyer client pointed at the seller server's port.
            let misdirected = BuyerClient(client: market.client(for: .seller))
            let refused = await expectError(.wrongRole) { () throws(MarketError) in
                _ = try await misdirected.createAccount(username: "lost-buyer", password: password, name: "Lost")
            }
            #expect(refused?.message == "This is the seller server: buyer accounts are at the buyer server.")
            #expect(try await market.customersQuery("SELECT count(*) FROM accounts WHERE username = 'lost-buyer'") == ["0"], "no account was created")

            // Logging in there names the mistake rather than the password, even with a seller's
            // own credentials.
            let (_, profile) = try await market.loggedInSeller()
            await expectError(.wrongRole) { () throws(MarketError) in
                try await misdirected.login(username: profile.username, password: password)
            }

            // A client that does not say its role is served as before.
            let raw = try RawConnection(port: market.port(.seller))
            raw.sendFrame(#"{"id": 1, "op": "CreateAccount", "args": {"username": "plain-seller", "password": "\#(password)", "name": "Plain"}}"#)
            let answer = try await raw.readFrame()
            #expect(answer?["ok"] as? Bool == true)
            #expect(try await market.customersQuery("SELECT role FROM accounts WHERE username = 'plain-seller'") == ["seller"])
        }
    }

    @Test func tokensAreLongRandomAndStoredOnlyAsHashes() async throws {
        try await TestMarket.with { market in
            var tokens: Set<String> = []
            let (buyer, _, username) = try await market.loggedInBuyer()
            for _ in 0..<5 {
                _ = try await buyer.login(username: username, password: password)
                let token = try #require(buyer.client.session?.rawValue)
                #expect(token.utf8.count == 43, "256 bits in base64url")
                tokens.insert(token)
            }
            #expect(tokens.count == 5)
            let stored = try await market.customersQuery("SELECT encode(token_hash, 'base64') FROM sessions")
            #expect(stored.count == 6, "the five logins above and the first one")
            for token in tokens { #expect(!stored.joined().contains(token.prefix(20))) }
        }
    }

    @Test func theSweeperRemovesCartsOfEndedSessionsOnly() async throws {
        // The default timeout: a session that expired on a loaded machine while the test ran would
        // be a second ended session and make the counts below wrong. Expiry is simulated in SQL.
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let lamp = try await seller.registerItem(draft("Lamp", quantity: 10))
            let (stays, _, _) = try await market.loggedInBuyer()
            let (leaves, _, _) = try await market.loggedInBuyer()
            let (expired, _, _) = try await market.loggedInBuyer()
            try await stays.addToCart(lamp.id, quantity: 1)
            try await leaves.addToCart(lamp.id, quantity: 1)
            try await expired.addToCart(lamp.id, quantity: 1)
            // A logout whose cart clean-up was lost leaves an orphan cart behind; simulate it.
            _ = try await market.customersQuery(
                "DELETE FROM sessions WHERE account_id = (SELECT id FROM accounts WHERE role = 'buyer' ORDER BY id DESC OFFSET 1 LIMIT 1)"
            )
            // A session that expired long ago (beyond the grace in which its owner is told
            // session_expired) is deleted by the sweep, and its cart with it.
            _ = try await market.customersQuery(
                "UPDATE sessions SET expires_at = now() - interval '2 days' WHERE account_id = (SELECT max(id) FROM accounts WHERE role = 'buyer')"
            )
            #expect(try await market.productsQuery("SELECT count(*) FROM cart_lines") == ["3"])

            await market.sweepOnce(.buyer)
            #expect(try await market.customersQuery("SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.role = 'buyer'") == ["1"])
            #expect(try await market.productsQuery("SELECT count(*) FROM cart_lines") == ["1"])
            #expect(try await stays.cart().totalUnits == 1)
        }
    }
}
