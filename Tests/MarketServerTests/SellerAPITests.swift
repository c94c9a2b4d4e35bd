import MarketClient
import MarketCore
import MarketTesting
import Testing

@Suite(.timeLimit(.minutes(2))) struct SellerAPITests {
    @Test func accountsLoginAndRating() async throws {
        try await TestMarket.with { market in
            let client = market.sellerClient()
            #expect(try await client.ping() == .seller)

            let username = uniqueUsername("Ada")
            let id = try await client.createAccount(username: username, password: password, name: "  Ada Émilie ")
            let taken = await expectError(.usernameTaken) { () throws(MarketError) in
                try await client.createAccount(username: username.uppercased(), password: password, name: "Other")
            }
            #expect(taken?.field == "username")

            await expectError(.invalidCredentials) { () throws(MarketError) in try await client.login(username: username, password: "wrong password") }
            await expectError(.invalidCredentials) { () throws(MarketError) in try await client.login(username: "nobody-here", password: password) }
            await expectError(.notLoggedIn) { () throws(MarketError) in try await client.rating() }

            let profile = try await client.login(username: username, password: password)
            #expect(profile.id == id)
            #expect(profile.name == "Ada Émilie")
            #expect(profile.username == username.lowercased())
            let rating = try await client.rating()
            #expect(rating == SellerRating(sellerID: id, name: "Ada Émilie", rating: .none, itemsSold: 0))

            // Passwords are stored as scrypt hashes, never as the password.
            let stored = try await market.customersQuery("SELECT password_hash FROM accounts WHERE id = \(id.rawValue)")
            #expect(stored.count == 1)
            #expect(stored[0].hasPrefix("$scrypt$"))
            #expect(!stored[0].contains(password))
        }
    }

    @Test func bothServersNameTheCategoriesForTheirOwnSessionsOnly() async throws {
        try await TestMarket.with { market in
            await expectError(.notLoggedIn) { () throws(MarketError) in try await market.sellerClient().categories() }
            let (seller, _) = try await market.loggedInSeller(name: "Namer")
            let (buyer, _, _) = try await market.loggedInBuyer(name: "Reader")
            let named = try await seller.categories()
            #expect(named.prefix(4).map(\.name) == ["Other", "Books", "Electronics", "Home & kitchen"])
            #expect(named.map(\.category) == named.map(\.category).sorted())
            #expect(try await buyer.categories() == named)

            // The operator names one more: the next call says so.
            _ = try await market.productsQuery("INSERT INTO category_names VALUES (40, 'Vinyl records')")
            #expect(try await buyer.categories().last == CategoryName(category: Category(rawValue: 40)!, name: "Vinyl records"))
        }
    }

    @Test func createAccountRejectsBadFieldsByName() async throws {
        try await TestMarket.with { market in
            let client = market.sellerClient()
            let cases: [(String, String, String, String)] = [
                ("x", password, "Name", "username"),
                (uniqueUsername("user"), "short", "Name", "password"),
                (uniqueUsername("user"), password, "", "name"),
                (uniqueUsername("user"), password, String(repeating: "n", count: 33), "name"),
            ]
            for (username, secret, name, field) in cases {
                let error = await expectError(.invalidArgument) { () throws(MarketError) in
                    try await client.createAccount(username: username, password: secret, name: name)
                }
                #expect(error?.field == field)
            }
        }
    }

    @Test func itemLifecycle() async throws {
        try await TestMarket.with { market in
            let (seller, profile) = try await market.loggedInSeller(name: "Lamp Shop")

            let lamp = try await seller.registerItem(draft("Desk lamp", category: 4, keywords: ["Lamp", "light"], price: Money("24.90")!, quantity: 3, condition: .used))
            #expect(lamp.id.category.rawValue == 4)
            #expect(lamp.keywords == ["lamp", "light"])
            #expect(lamp.rating == .none)
            #expect(lamp.sellerID == profile.id)
            #expect(lamp.sellerName == "Lamp Shop")
            let second = try await seller.registerItem(draft("Desk lamp", category: 4))
            #expect(second.id != lamp.id, "names are not unique, IDs are")

            let repriced = try await seller.changePrice(of: lamp.id, to: Money("19.99")!)
            #expect(repriced.price == Money("19.99")!)
            await expectError(.invalidArgument) { () throws(MarketError) in try await seller.changePrice(of: lamp.id, to: .zero) }

            #expect(try await seller.removeUnits(2, of: lamp.id).quantity == 1)
            let tooMany = await expectError(.insufficientStock) { () throws(MarketError) in try await seller.removeUnits(2, of: lamp.id) }
            #expect(tooMany?.message.contains("only 1 unit") == true)
            await expectError(.invalidArgument) { () throws(MarketError) in try await seller.removeUnits(0, of: lamp.id) }
            #expect(try await seller.removeUnits(1, of: lamp.id).quantity == 0)
            let none = await expectError(.insufficientStock) { () throws(MarketError) in try await seller.removeUnits(1, of: lamp.id) }
            #expect(none?.message.contains("no units on sale any more") == true, "not “only 0 units”")

            // A sold-out item is still listed for its seller, newest first.
            let page = try await seller.items()
            #expect(page.total == 2)
            #expect(page.items.map(\.id) == [second.id, lamp.id])
            #expect(page.items[1].quantity == 0)
            let paged = try await seller.items(limit: 1, offset: 1)
            #expect(paged.items.map(\.id) == [lamp.id])
            #expect(paged.total == 2)
            #expect(try await market.productsQuery("SELECT price, quantity FROM items WHERE id = \(lamp.id.number)") == ["19.99|0"])
        }
    }

    /// Units put back on sale: a sold-out item is found by searches again, keeps its ID and its
    /// votes, and never has more than the market's maximum on sale.
    @Test func aSoldOutItemIsRestockedAndFoundAgain() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let kite = try await seller.registerItem(draft("Box kite", keywords: ["kite"], quantity: 1))
            let (buyer, _, _) = try await market.loggedInBuyer()
            _ = try await buyer.addToCart(kite.id, quantity: 1)
            _ = try await buyer.purchase(card: validCard)
            _ = try await buyer.provideFeedback(kite.id, vote: .up)
            #expect(try await buyer.search(category: .any, keywords: ["kite"]).items.isEmpty, "sold out")

            let restocked = try await seller.addUnits(4, of: kite.id)
            #expect(restocked.quantity == 4 && restocked.id == kite.id)
            #expect(restocked.rating == Rating(thumbsUp: 1, thumbsDown: 0), "its votes stay with it")
            #expect(try await buyer.search(category: .any, keywords: ["kite"]).items.map(\.item.id) == [kite.id])
            #expect(try await buyer.addToCart(kite.id, quantity: 4) == 4)

            await expectError(.invalidArgument) { () throws(MarketError) in try await seller.addUnits(0, of: kite.id) }
            let over = await expectError(.invalidArgument) { () throws(MarketError) in
                try await seller.addUnits(FieldRules.maximumQuantity - 3, of: kite.id)
            }
            #expect(over?.field == "add")
            #expect(over?.message.contains("has 4 units on sale") == true, "\(String(describing: over?.message))")
            #expect(try await seller.addUnits(FieldRules.maximumQuantity - 4, of: kite.id).quantity == FieldRules.maximumQuantity)
            #expect(try await market.productsQuery("SELECT quantity FROM items WHERE id = \(kite.id.number)") == ["\(FieldRules.maximumQuantity)"])
        }
    }

    @Test func theListIsSortedWholeBeforeItIsCutIntoPages() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let drafts = [
                draft("banana", category: 2, price: Money("3.50")!, quantity: 4, condition: .used),
                draft("Apple", category: 1, price: Money("1.25")!, quantity: 9),
                draft("Éclair", category: 3, price: Money("3.50")!, quantity: 0),
                draft("Banana", category: 1, price: Money("0.99")!, quantity: 4, condition: .used),
                draft("cherry", category: 2, price: Money("12.00")!, quantity: 2),
                draft("zebra", category: 0, price: Money("7.00")!, quantity: 9, condition: .used),
                draft("apple", category: 2, price: Money("1.25")!, quantity: 1),
            ]
            var items: [Item] = []
            for draft in drafts { items.append(try await seller.registerItem(draft)) }
            // Votes from a real purchase: two up and one down.
            let (buyer, _, _) = try await market.loggedInBuyer()
            for index in [0, 4, 5] { _ = try await buyer.addToCart(items[index].id, quantity: 1) }
            _ = try await buyer.purchase(card: validCard)
            _ = try await buyer.provideFeedback(items[0].id, vote: .up)
            _ = try await buyer.provideFeedback(items[4].id, vote: .up)
            _ = try await buyer.provideFeedback(items[5].id, vote: .down)
            items = try await seller.items(limit: 50).items

            func key(_ item: Item, _ key: ItemOrder.Key) -> [Double] {
                switch key {
                case .id, .category: [Double(item.id.category.rawValue)]
                case .name: Text.sortKey(item.name).unicodeScalars.map { Double($0.value) }
                case .condition: item.condition.rawValue.unicodeScalars.map { Double($0.value) }
                case .price: [Double(item.price.cents)]
                case .units: [Double(item.quantity)]
                case .thumbsUp: [Double(item.rating.thumbsUp)]
                case .thumbsDown: [Double(item.rating.thumbsDown)]
                case .seller: Text.sortKey(item.sellerName).unicodeScalars.map { Double($0.value) }
                }
            }
            for sortKey in ItemOrder.Key.allCases {
                for descending in [false, true] {
                    let order = ItemOrder(sortKey, descending: descending)
                    let expected = items.sorted { left, right in
                        let (a, b) = (key(left, sortKey), key(right, sortKey))
                        let ascending = a == b ? left.id.number < right.id.number : a.lexicographicallyPrecedes(b)
                        return ascending != descending
                    }
                    var listed: [Item] = []
                    for offset in stride(from: 0, to: items.count, by: 3) {
                        let page = try await seller.items(limit: 3, offset: offset, order: order)
                        #expect(page.total == items.count)
                        listed += page.items
                    }
                    #expect(listed.map(\.id) == expected.map(\.id), "\(order)")
                }
            }
            let byName = try await seller.items(limit: 50, order: ItemOrder(.name)).items.map(\.name)
            #expect(byName == ["Apple", "apple", "banana", "Banana", "cherry", "Éclair", "zebra"], "accents do not matter, as in search")
        }
    }

    @Test func findNarrowsTheListToItemsWhoseWordsHoldEveryWordTyped() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let (other, _) = try await market.loggedInSeller()
            let lamp = try await seller.registerItem(draft("Brass desk lamp", keywords: ["light"], price: Money("30.00")!))
            let bowl = try await seller.registerItem(draft("Café au lait bowl", keywords: ["kitchen"], price: Money("9.00")!))
            let lampshade = try await seller.registerItem(draft("Linen lampshade", keywords: ["light"], price: Money("12.00")!, quantity: 0))
            _ = try await other.registerItem(draft("Brass lamp", keywords: ["light"]))

            func found(_ text: String, order: ItemOrder? = nil, limit: Int = 10, offset: Int = 0) async throws -> Page<Item> {
                try await seller.items(limit: limit, offset: offset, order: order, find: text)
            }
            // Parts of words, of the name or the keywords, in any case; sold-out items too; only
            // the seller's own; newest first.
            #expect(try await found("LAM").items.map(\.id) == [lampshade.id, lamp.id])
            #expect(try await found("lam").total == 2)
            #expect(try await found("ligh").items.map(\.id) == [lampshade.id, lamp.id])
            // Every word must be found, in any order.
            #expect(try await found("lamp bra").items.map(\.id) == [lamp.id])
            #expect(try await found("lamp kitchen").items.isEmpty)
            #expect(try await found("lamp kitchen").total == 0)
            // Accents of Latin letters do not matter either way.
            #expect(try await found("cafe").items.map(\.id) == [bowl.id])
            #expect(try await found("CAFÉ").items.map(\.id) == [bowl.id])
            // Sorted and paged like the whole list, the total counting what was found.
            let cheapest = try await found("l", order: ItemOrder(.price), limit: 2)
            #expect(cheapest.items.map(\.id) == [bowl.id, lampshade.id])
            #expect(cheapest.total == 3)
            #expect(try await found("l", order: ItemOrder(.price), limit: 2, offset: 2).items.map(\.id) == [lamp.id])
            // Words only: punctuation alone (which would find everything) is refused.
            for bad in ["", "   ", String(repeating: "x", count: 65), "lamp\u{7}", "--", "🙂"] {
                let error = await expectError(.invalidArgument) { () throws(MarketError) in _ = try await seller.items(find: bad) }
                #expect(error?.field == "find", "\(bad.debugDescription)")
            }
        }
    }

    @Test func sellersCannotTouchOthersItemsOrUseWrongIDs() async throws {
        try await TestMarket.with { market in
            let (owner, _) = try await market.loggedInSeller()
            let (other, _) = try await market.loggedInSeller()
            let item = try await owner.registerItem(draft("Chair"))
            await expectError(.notFound) { () throws(MarketError) in try await other.changePrice(of: item.id, to: 1) }
            await expectError(.notFound) { () throws(MarketError) in try await other.removeUnits(1, of: item.id) }
            await expectError(.notFound) { () throws(MarketError) in try await other.addUnits(1, of: item.id) }
            // The category is part of the ID.
            let wrongCategory = ItemID(category: Category(rawValue: item.id.category.rawValue + 1)!, number: item.id.number)
            await expectError(.notFound) { () throws(MarketError) in try await owner.changePrice(of: wrongCategory, to: 1) }
            #expect(try await owner.items().total == 1)
            #expect(try await other.items().total == 0)
        }
    }

    @Test func registrationValidatesEveryField() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let cases: [(ItemDraft, String)] = [
                (draft(String(repeating: "x", count: 33)), "name"),
                (draft("  "), "name"),
                (draft("Bell\u{7}"), "name"),
                (draft("Cup", keywords: ["a", "b", "c", "d", "e", "f"]), "keywords"),
                (draft("Cup", keywords: ["toolongkw"]), "keywords"),
                (draft("Cup", price: .zero), "price"),
                (draft("Cup", quantity: -1), "quantity"),
            ]
            for (item, field) in cases {
                let error = await expectError(.invalidArgument) { () throws(MarketError) in try await seller.registerItem(item) }
                #expect(error?.field == field, "\(item)")
            }
            #expect(try await seller.items().total == 0)
            // Zero units is allowed: listed, but hidden from search.
            #expect(try await seller.registerItem(draft("Spare", quantity: 0)).quantity == 0)
        }
    }
}
