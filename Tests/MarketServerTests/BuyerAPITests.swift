import MarketClient
import MarketCore
import MarketTesting
import Testing

@Suite(.timeLimit(.minutes(2))) struct BuyerAPITests {
    @Test func accentsMatchHoweverTheyWereTyped() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            // "é" as "e" and a combining accent in the name, as one character in "crème"; the
            // keyword "thé" decomposed as well.
            let item = try await seller.registerItem(draft("Cafe\u{301} crème", keywords: ["the\u{301}"]))
            #expect(item.name.unicodeScalars.count == "Café crème".unicodeScalars.count, "stored composed")
            #expect(try await market.productsQuery("SELECT name FROM items WHERE id = \(item.id.number)") == ["Café crème"])
            let (buyer, _, _) = try await market.loggedInBuyer()
            // Without accents too: "cafe" finds "Café", "creme" finds "crème".
            for keywords in [["café"], ["cafe\u{301}"], ["thé"], ["THE\u{301}"], ["CRÈME"], ["cafe"], ["creme", "the"], ["Cafe"]] {
                let page = try await buyer.search(category: .any, keywords: keywords)
                #expect(page.items.map(\.item.id) == [item.id], "\(keywords.map { Array($0.unicodeScalars) })")
            }
        }
    }

    @Test func japaneseNamesAreFoundByTheirWordsOfOneScript() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let tower = try await seller.registerItem(draft("東京タワー Model"))
            let charger = try await seller.registerItem(draft("USB充電器"))
            let (buyer, _, _) = try await market.loggedInBuyer()
            // Full-width letters, as an input method for these languages types them, are ASCII.
            let cable = try await seller.registerItem(draft("ＨＤＭＩ ケーブル", keywords: ["ｃａｂｌｅ"]))
            for (keywords, expected) in [
                (["東京"], [tower.id]), (["タワー"], [tower.id]), (["東京タワー"], [tower.id]), (["usb"], [charger.id]), (["充電器"], [charger.id]),
                (["ｕｓｂ"], [charger.id]), (["hdmi"], [cable.id]), (["ＨＤＭＩ"], [cable.id]), (["cable"], [cable.id]),
            ] {
                #expect(try await buyer.search(category: .any, keywords: keywords).items.map(\.item.id) == expected, "\(keywords)")
            }
        }
    }

    @Test func searchRanksByMatchedKeywordsThenNewestFirst() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller(name: "Bikes & Co")
            let cheapRed = try await seller.registerItem(draft("Red bike", category: 7, keywords: ["bike", "red"], price: 50))
            let dearRed = try await seller.registerItem(draft("Fast bike", category: 7, keywords: ["bike", "red"], price: 80))
            let blue = try await seller.registerItem(draft("Blue bike", category: 7, keywords: ["bike"], price: 20))
            let otherCategory = try await seller.registerItem(draft("Red kite", category: 8, keywords: ["kite", "red"], price: 5))
            let soldOut = try await seller.registerItem(draft("Red bike old", category: 7, keywords: ["bike", "red"], price: 1, quantity: 0))
            let sameAsCheap = try await seller.registerItem(draft("Red bike twin", category: 7, keywords: ["bike", "red"], price: 50))
            let (buyer, _, _) = try await market.loggedInBuyer()

            let inSeven = try await buyer.search(category: .only(Category(rawValue: 7)!), keywords: ["RED", "bike", "bike"])
            #expect(inSeven.items.map(\.item.id) == [sameAsCheap.id, dearRed.id, cheapRed.id, blue.id])
            #expect(inSeven.items.map(\.matchedKeywords) == [2, 2, 2, 1])
            #expect(inSeven.total == 4)
            #expect(!inSeven.items.contains { $0.item.id == soldOut.id }, "items without units are hidden")

            let anywhere = try await buyer.search(category: .any, keywords: ["red"])
            #expect(Set(anywhere.items.map(\.item.id)) == [cheapRed.id, dearRed.id, otherCategory.id, sameAsCheap.id])
            #expect(anywhere.items.map(\.item.id) == [sameAsCheap.id, otherCategory.id, dearRed.id, cheapRed.id], "newest first among equal matches")

            // Words of the name match too, and search words may be longer than item keywords.
            #expect(try await buyer.search(category: .any, keywords: ["twin"]).items.map(\.item.id) == [sameAsCheap.id])
            #expect(try await buyer.search(category: .any, keywords: ["nothing"]).items.isEmpty)

            // Category only: everything on sale in it, newest first.
            let browse = try await buyer.search(category: .only(Category(rawValue: 7)!))
            #expect(browse.items.map(\.item.id) == [sameAsCheap.id, blue.id, dearRed.id, cheapRed.id])

            // A page beyond the items that match every keyword continues with the others.
            let second = try await buyer.search(category: .only(Category(rawValue: 7)!), keywords: ["red", "bike"], limit: 2, offset: 2)
            #expect(second.items.map(\.item.id) == [cheapRed.id, blue.id])
            #expect(second.total == 4)

            // Pages.
            let first = try await buyer.search(category: .any, limit: 2)
            let middle = try await buyer.search(category: .any, limit: 2, offset: 2)
            let third = try await buyer.search(category: .any, limit: 2, offset: 4)
            #expect(first.total == 5 && first.totalIsExact)
            #expect(first.items.count == 2 && middle.items.count == 2 && third.items.count == 1)
            #expect(Set((first.items + middle.items + third.items).map(\.item.id)).count == 5)

            await expectError(.invalidArgument) { () throws(MarketError) in
                try await buyer.search(category: .any, keywords: ["a", "b", "c", "d", "e", "f"])
            }
            await expectError(.invalidArgument) { () throws(MarketError) in try await buyer.search(category: .any, limit: 0) }
            await expectError(.invalidArgument) { () throws(MarketError) in try await buyer.search(category: .any, keywords: ["semi;colon"]) }
        }
    }

    /// Past the count's cap the total is a lower bound, until a page that is not full shows
    /// where the results end: then it is exact.
    @Test func theLastPageOfMoreResultsThanTheCountCapMakesTheTotalExact() async throws {
        try await TestMarket.with { market in
            _ = try await market.productsQuery(
                """
                INSERT INTO items (category, seller_id, seller_name, name, keywords, terms, condition, price, quantity)
                     SELECT 2, 1, 'S', 'Lamp ' || n, ARRAY['lamp'], ARRAY['lamp', n::text], 'new', 5, 1 FROM generate_series(1, 1010) AS n
                """
            )
            let (buyer, _, _) = try await market.loggedInBuyer()
            for keywords in [[], ["lamp"]] {
                let first = try await buyer.search(category: .any, keywords: keywords, limit: 50, offset: 0)
                #expect(first.total == 1_001 && !first.totalIsExact, "\(keywords): counted up to the cap")
                let last = try await buyer.search(category: .any, keywords: keywords, limit: 50, offset: 1_000)
                #expect(last.items.count == 10)
                #expect(last.total == 1_010 && last.totalIsExact && !last.hasMore, "\(keywords): the end is known")
            }
        }
    }

    @Test func aSortedSearchSortsAllItsMatchesBeforeCuttingPages() async throws {
        try await TestMarket.with { market in
            let (bikes, _) = try await market.loggedInSeller(name: "Bikes & Co")
            let (attic, _) = try await market.loggedInSeller(name: "attic")
            let red = try await bikes.registerItem(draft("Red bike", category: 7, keywords: ["bike", "red"], price: 50, quantity: 2))
            let fast = try await attic.registerItem(draft("fast bike", category: 7, keywords: ["bike", "red"], price: 80, quantity: 9))
            let blue = try await bikes.registerItem(draft("Blue bike", category: 7, keywords: ["bike"], price: 20, quantity: 5))
            let twin = try await attic.registerItem(draft("Red bike twin", category: 7, keywords: ["bike", "red"], price: 50, quantity: 2))
            _ = try await bikes.registerItem(draft("Sold-out bike", category: 7, keywords: ["bike"], price: 1, quantity: 0))
            let (buyer, _, _) = try await market.loggedInBuyer()

            func sorted(_ order: ItemOrder, limit: Int = 2) async throws -> [ItemID] {
                var ids: [ItemID] = []
                for offset in stride(from: 0, to: 4, by: limit) {
                    let page = try await buyer.search(category: .any, keywords: ["red", "bike"], limit: limit, offset: offset, order: order)
                    #expect(page.total == 4 && page.totalIsExact, "the whole list, however it is ordered")
                    ids += page.items.map(\.item.id)
                }
                return ids
            }
            // Ranked: twin, fast, red (both keywords, newest first), then blue. Equal prices keep
            // that ranking, in either direction.
            #expect(try await sorted(ItemOrder(.price)) == [blue.id, twin.id, red.id, fast.id])
            #expect(try await sorted(ItemOrder(.price, descending: true)) == [fast.id, twin.id, red.id, blue.id])
            #expect(try await sorted(ItemOrder(.units), limit: 3) == [twin.id, red.id, blue.id, fast.id])
            #expect(try await sorted(ItemOrder(.name)) == [blue.id, fast.id, red.id, twin.id], "case-insensitively")
            #expect(try await sorted(ItemOrder(.seller)) == [twin.id, fast.id, red.id, blue.id], "“attic” before “Bikes & Co”")
            // Past the list: nothing.
            #expect(try await buyer.search(category: .any, keywords: ["bike"], limit: 2, offset: 4, order: ItemOrder(.price)).items.isEmpty)
        }
    }

    @Test func searchWithThreeKeywordsRanksEveryTierAndPagesAcrossThem() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let one = try await seller.registerItem(draft("Tent", keywords: ["camp"]))
            let all = try await seller.registerItem(draft("Tent", keywords: ["camp", "green", "light"]))
            let two = try await seller.registerItem(draft("Tent", keywords: ["camp", "light"]))
            let none = try await seller.registerItem(draft("Stove", keywords: ["gas"]))
            let alsoOne = try await seller.registerItem(draft("Lamp", keywords: ["green"]))
            let soldOut = try await seller.registerItem(draft("Tent", keywords: ["camp", "green", "light"], quantity: 1))
            _ = try await seller.removeUnits(1, of: soldOut.id)
            let (buyer, _, _) = try await market.loggedInBuyer()

            let results = try await buyer.search(category: .any, keywords: ["camp", "green", "light"])
            #expect(results.items.map(\.item.id) == [all.id, two.id, alsoOne.id, one.id])
            #expect(results.items.map(\.matchedKeywords) == [3, 2, 1, 1])
            #expect(results.total == 4 && results.totalIsExact)
            #expect(!results.items.contains { $0.item.id == none.id })

            var paged: [ItemID] = []
            for offset in stride(from: 0, to: 4, by: 1) {
                paged += try await buyer.search(category: .any, keywords: ["camp", "green", "light"], limit: 1, offset: offset).items.map(\.item.id)
            }
            #expect(paged == results.items.map(\.item.id))
            #expect(try await buyer.search(category: .any, keywords: ["tent"]).items.map(\.item.id) == [two.id, all.id, one.id])
        }
    }

    /// Every tier and page of a search with three to five keywords, against a ranking computed
    /// here from what was registered: most keywords matched first, then newest.
    @Test func searchesWithManyKeywordsRankAndPageLikeAReferenceRanking() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let words = ["ash", "birch", "cedar", "dune", "elm"]
            var generator = SystemRandomNumberGenerator()
            var listed: [(id: ItemID, keywords: Set<String>)] = []
            for index in 0..<60 {
                // Subsets of every size, in two categories; a third of the items with one word
                // only, so that the one-keyword tier spans several pages; a few sold out.
                let keywords = index % 3 == 0 ? [words[index % 2]] : words.filter { _ in Bool.random(using: &generator) }
                let item = try await seller.registerItem(draft("Thing", category: Int32(index % 2), keywords: keywords, quantity: 2))
                if index % 9 == 4 {
                    _ = try await seller.removeUnits(2, of: item.id)
                } else {
                    listed.append((item.id, Set(keywords)))
                }
            }
            let (buyer, _, _) = try await market.loggedInBuyer()
            for keywords in [["ash", "birch", "cedar"], ["elm", "ash", "dune", "birch"], words] {
                for category in [CategoryFilter.any, .only(Category(rawValue: 1)!)] {
                    let expected = listed
                        .filter { if case .only(let only) = category { $0.id.category == only } else { true } }
                        .map { (id: $0.id, score: $0.keywords.intersection(keywords).count) }
                        .filter { $0.score > 0 }
                        .sorted { ($0.score, $0.id.number) > ($1.score, $1.id.number) }
                    let whole = try await buyer.search(category: category, keywords: keywords, limit: 100)
                    #expect(whole.items.map(\.item.id) == expected.map(\.id), "\(keywords) in \(category)")
                    #expect(whole.items.map(\.matchedKeywords) == expected.map(\.score), "\(keywords) in \(category)")
                    var paged: [ItemID] = []
                    for offset in stride(from: 0, to: expected.count + 3, by: 4) {
                        paged += try await buyer.search(category: category, keywords: keywords, limit: 4, offset: offset).items.map(\.item.id)
                    }
                    #expect(paged == expected.map(\.id), "pages of \(keywords) in \(category)")
                }
            }
        }
    }

    /// Words that rarely go together: the item matching both lies far below the newest items of
    /// the first word, past the window the server checks before it intersects whole posting lists.
    @Test(arguments: [CategoryFilter.any, .only(Category(rawValue: 3)!)])
    func searchFindsRareCombinationsBeyondTheNewestItemsOfAWord(category: CategoryFilter) async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let both = try await seller.registerItem(draft("Box", category: 3, keywords: ["common", "rare"]))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<340 {
                    group.addTask { _ = try await seller.registerItem(draft("Box", category: 3, keywords: ["common"])) }
                }
                try await group.waitForAll()
            }
            let onlyRare = try await seller.registerItem(draft("Box", category: 3, keywords: ["rare"]))
            let (buyer, _, _) = try await market.loggedInBuyer()

            for words in [["common", "rare"], ["rare", "common"]] {
                let page = try await buyer.search(category: category, keywords: words, limit: 5)
                #expect(page.items.map(\.item.id).prefix(2) == [both.id, onlyRare.id], "\(words)")
                #expect(page.items.map(\.matchedKeywords) == [2, 1, 1, 1, 1], "\(words)")
                #expect(page.total == 342 && page.totalIsExact, "\(words)")
                // The next page continues with the items matching one word, newest first.
                let next = try await buyer.search(category: category, keywords: words, limit: 5, offset: 5)
                #expect(next.items.map(\.matchedKeywords) == [1, 1, 1, 1, 1], "\(words)")
                #expect(Set(next.items.map(\.item.id)).isDisjoint(with: page.items.map(\.item.id)), "\(words)")
                // A page that starts past the one item matching both still counts it.
                let deep = try await buyer.search(category: category, keywords: words, limit: 2, offset: 1)
                #expect(deep.items.first?.item.id == onlyRare.id, "\(words)")
            }
            #expect(try await buyer.search(category: .only(Category(rawValue: 4)!), keywords: ["common", "rare"]).items.isEmpty)
        }
    }

    @Test func itemDetailsIncludeTheSellersStanding() async throws {
        try await TestMarket.with { market in
            let (seller, profile) = try await market.loggedInSeller(name: "Ölmühle")
            let oil = try await seller.registerItem(draft("Olive oil", category: 3, keywords: ["oil"], price: Money("9.95")!))
            let (buyer, _, _) = try await market.loggedInBuyer()
            let detail = try await buyer.item(oil.id)
            #expect(detail.item == oil)
            #expect(detail.seller == SellerRating(sellerID: profile.id, name: "Ölmühle", rating: .none, itemsSold: 0))
            await expectError(.notFound) { () throws(MarketError) in try await buyer.item(ItemID(category: Category(rawValue: 4)!, number: oil.id.number)) }
            #expect(try await buyer.sellerRating(profile.id).name == "Ölmühle")
            await expectError(.notFound) { () throws(MarketError) in try await buyer.sellerRating(SellerID(999_999)) }
        }
    }

    @Test func cartRules() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let mug = try await seller.registerItem(draft("Mug", price: Money("3.50")!, quantity: 4))
            let tea = try await seller.registerItem(draft("Tea", price: Money("2.25")!, quantity: 10))
            let (buyer, _, _) = try await market.loggedInBuyer()

            #expect(try await buyer.addToCart(mug.id, quantity: 3) == 3)
            let over = await expectError(.insufficientStock) { () throws(MarketError) in try await buyer.addToCart(mug.id, quantity: 2) }
            #expect(over?.message.contains("already holds 3") == true)
            #expect(try await buyer.addToCart(mug.id, quantity: 1) == 4)
            #expect(try await buyer.addToCart(tea.id, quantity: 2) == 2)
            await expectError(.notFound) { () throws(MarketError) in try await buyer.addToCart(ItemID("1-999999")!, quantity: 1) }
            await expectError(.invalidArgument) { () throws(MarketError) in try await buyer.addToCart(tea.id, quantity: 0) }

            var cart = try await buyer.cart()
            #expect(cart.lines.map(\.itemID) == [mug.id, tea.id], "in the order added")
            #expect(cart.lines.map(\.quantity) == [4, 2])
            #expect(cart.total == Money("18.50")!)

            #expect(try await buyer.removeFromCart(mug.id, quantity: 1) == 3)
            let tooMany = await expectError(.invalidArgument) { () throws(MarketError) in try await buyer.removeFromCart(mug.id, quantity: 4) }
            #expect(tooMany?.field == "quantity")
            #expect(try await buyer.removeFromCart(tea.id, quantity: 2) == 0)
            await expectError(.notFound) { () throws(MarketError) in try await buyer.removeFromCart(tea.id, quantity: 1) }
            cart = try await buyer.cart()
            #expect(cart.lines.map(\.itemID) == [mug.id])

            // Prices in the cart are current prices.
            _ = try await seller.changePrice(of: mug.id, to: 5)
            #expect(try await buyer.cart().total == Money("15.00")!)

            try await buyer.clearCart()
            #expect(try await buyer.cart().lines.isEmpty)
        }
    }

    @Test func aCartHoldsAtMostFiftyDifferentItems() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            var items: [Item] = []
            for number in 0...Cart.maximumLines {
                items.append(try await seller.registerItem(draft("Print \(number)", price: Money.maximumPrice, quantity: FieldRules.maximumQuantity)))
            }
            let (buyer, _, _) = try await market.loggedInBuyer()
            for item in items.dropLast() {
                _ = try await buyer.addToCart(item.id, quantity: FieldRules.maximumQuantity)
            }
            let full = await expectError(.cartFull) { () throws(MarketError) in try await buyer.addToCart(items.last!.id, quantity: 1) }
            #expect(full?.message.contains("50 different items") == true)
            await expectError(.insufficientStock) { () throws(MarketError) in try await buyer.addToCart(items[0].id, quantity: 1) }
            // The dearest possible cart still adds up, shows and sells.
            let cart = try await buyer.cart()
            #expect(cart.lines.count == Cart.maximumLines)
            #expect(cart.total == Money.maximumPrice * FieldRules.maximumQuantity * Cart.maximumLines)
            _ = try await buyer.removeFromCart(items[0].id, quantity: FieldRules.maximumQuantity)
            #expect(try await buyer.addToCart(items.last!.id, quantity: 1) == 1, "room again once a line is gone")
            let purchase = try await buyer.purchase(card: validCard)
            #expect(purchase.lines.count == Cart.maximumLines)
        }
    }

    @Test func savedCartIsCopiedIntoEachNewSession() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let pen = try await seller.registerItem(draft("Pen", quantity: 10))
            let ink = try await seller.registerItem(draft("Ink", quantity: 10))
            let (buyer, _, username) = try await market.loggedInBuyer()
            try await buyer.addToCart(pen.id, quantity: 2)
            #expect(try await buyer.saveCart() == 1)
            try await buyer.addToCart(ink.id, quantity: 1)

            // Logging out discards the active cart; the saved one stays.
            try await buyer.logout()
            _ = try await buyer.login(username: username, password: password)
            let cart = try await buyer.cart()
            #expect(cart.lines.map(\.itemID) == [pen.id])
            #expect(cart.lines.map(\.quantity) == [2])

            // Clearing the active cart does not touch the saved one.
            try await buyer.clearCart()
            try await buyer.logout()
            _ = try await buyer.login(username: username, password: password)
            #expect(try await buyer.cart().lines.map(\.itemID) == [pen.id])

            // Saving an empty cart empties the saved cart.
            try await buyer.clearCart()
            #expect(try await buyer.saveCart() == 0)
            try await buyer.logout()
            _ = try await buyer.login(username: username, password: password)
            #expect(try await buyer.cart().lines.isEmpty)
            #expect(try await market.productsQuery("SELECT count(*) FROM cart_lines") == ["0"])
        }
    }

    @Test func purchaseFeedbackAndHistory() async throws {
        try await TestMarket.with { market in
            let (seller, sellerProfile) = try await market.loggedInSeller(name: "Shop")
            let hat = try await seller.registerItem(draft("Hat", price: Money("12.00")!, quantity: 5))
            let scarf = try await seller.registerItem(draft("Scarf", price: Money("7.50")!, quantity: 2))
            let (buyer, buyerProfile, _) = try await market.loggedInBuyer()

            await expectError(.emptyCart) { () throws(MarketError) in try await buyer.purchase(card: validCard) }
            await expectError(.notPurchased) { () throws(MarketError) in try await buyer.provideFeedback(hat.id, vote: .up) }
            let nothingYet = try await buyer.purchases()
            #expect(nothingYet.purchases.total == 0)
            #expect(nothingYet.itemsPurchased == 0, "a buyer who never bought has no stats row yet")

            try await buyer.addToCart(hat.id, quantity: 2)
            try await buyer.addToCart(scarf.id, quantity: 2)
            let badCard = await expectError(.invalidArgument) { () throws(MarketError) in
                try await buyer.purchase(card: PaymentCard(holder: "Ada", number: "4111 1111 1111 1112", expiry: "12/39"))
            }
            #expect(badCard?.field == "card.number")
            await expectError(.invalidArgument) { () throws(MarketError) in
                try await buyer.purchase(card: PaymentCard(holder: "Ada", number: "4111 1111 1111 1111", expiry: "01/20"))
            }

            let purchase = try await buyer.purchase(card: validCard)
            #expect(purchase.total == Money("39.00")!)
            #expect(purchase.cardLast4 == "1111")
            #expect(purchase.lines.map(\.itemID) == [hat.id, scarf.id])
            #expect(try await buyer.cart().lines.isEmpty, "the cart empties")
            #expect(try await seller.items().items.first { $0.id == scarf.id }?.quantity == 0)
            #expect(try await seller.rating().itemsSold == 4)
            #expect(try await market.productsQuery("SELECT items_purchased FROM buyer_stats WHERE buyer_id = \(buyerProfile.id.rawValue)") == ["4"])
            // Only the last four digits are stored.
            #expect(try await market.productsQuery("SELECT card_last4 FROM purchases") == ["1111"])
            let everything = try await market.productsQuery("SELECT p::text FROM purchases p").joined()
            #expect(!everything.contains("4111111111111111") && !everything.contains("4111 1111"))

            // The price paid stays in history when the price changes.
            _ = try await seller.changePrice(of: hat.id, to: 99)

            // Feedback: once per purchased item; moves item and seller totals.
            #expect(try await buyer.provideFeedback(hat.id, vote: .up) == Rating(thumbsUp: 1, thumbsDown: 0))
            await expectError(.alreadyRated) { () throws(MarketError) in try await buyer.provideFeedback(hat.id, vote: .down) }
            #expect(try await buyer.provideFeedback(scarf.id, vote: .down) == Rating(thumbsUp: 0, thumbsDown: 1))
            await expectError(.notFound) { () throws(MarketError) in try await buyer.provideFeedback(ItemID("1-999999")!, vote: .up) }
            let rating = try await buyer.sellerRating(sellerProfile.id)
            #expect(rating.rating == Rating(thumbsUp: 1, thumbsDown: 1))
            #expect(rating.itemsSold == 4)
            #expect(try await seller.rating().rating == Rating(thumbsUp: 1, thumbsDown: 1))

            let history = try await buyer.purchases()
            #expect(history.purchases.total == 1)
            #expect(history.itemsPurchased == 4, "two hats and two scarves")
            let line = try #require(history.purchases.items.first?.lines.first)
            #expect(line.unitPrice == Money("12.00")!)
            #expect(line.feedback == .up)
            #expect(history.purchases.items.first?.lines.last?.feedback == .down)

            // The count covers every purchase, not only the page asked for.
            try await buyer.addToCart(hat.id, quantity: 2)
            _ = try await buyer.purchase(card: validCard)
            let latest = try await buyer.purchases(limit: 1)
            #expect(latest.purchases.items.map { $0.lines.map(\.quantity) } == [[2]])
            #expect(latest.purchases.total == 2)
            #expect(latest.itemsPurchased == 6)
            let older = try await buyer.purchases(limit: 1, offset: 1)
            #expect(older.purchases.items.map { $0.lines.map(\.quantity) } == [[2, 2]])
            #expect(older.itemsPurchased == 6)

            // Sold-out items vanish from search but stay in history.
            #expect(try await buyer.search(category: .any).items.map(\.item.id) == [hat.id])
        }
    }

    @Test func whatWasBoughtLeavesTheSavedCart() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let pen = try await seller.registerItem(draft("Pen", quantity: 10))
            let ink = try await seller.registerItem(draft("Ink", quantity: 10))
            let pad = try await seller.registerItem(draft("Pad", quantity: 10))
            let (buyer, _, username) = try await market.loggedInBuyer()
            try await buyer.addToCart(pen.id, quantity: 3)
            try await buyer.addToCart(ink.id, quantity: 1)
            try await buyer.addToCart(pad.id, quantity: 2)
            #expect(try await buyer.saveCart() == 3)

            // Buy all the ink, one pen of three, and no pads.
            try await buyer.removeFromCart(pen.id, quantity: 2)
            try await buyer.removeFromCart(pad.id, quantity: 2)
            _ = try await buyer.purchase(card: validCard)

            try await buyer.logout()
            _ = try await buyer.login(username: username, password: password)
            let cart = try await buyer.cart()
            #expect(Dictionary(uniqueKeysWithValues: cart.lines.map { ($0.itemID, $0.quantity) }) == [pen.id: 2, pad.id: 2])
        }
    }

    @Test func aPriceChangedAfterTheBuyerConfirmedBuysNothing() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let kettle = try await seller.registerItem(draft("Kettle", price: Money("49.00")!, quantity: 5))
            let (buyer, _, _) = try await market.loggedInBuyer()
            try await buyer.addToCart(kettle.id, quantity: 2)
            let confirmed = try await buyer.cart().total
            #expect(confirmed == Money("98.00")!)
            _ = try await seller.changePrice(of: kettle.id, to: Money("1059.00")!)

            let error = await expectError(.priceChanged) { () throws(MarketError) in
                try await buyer.purchase(card: validCard, expectedTotal: confirmed)
            }
            #expect(error?.message.contains("is now 2,118.00, not 98.00") == true, "grouped like every amount on screen")
            #expect(try await seller.items().items.first?.quantity == 5, "nothing was taken")
            #expect(try await buyer.cart().lines.count == 1, "the cart is kept")
            #expect(try await market.productsQuery("SELECT count(*) FROM purchases") == ["0"])

            // Confirming the new total buys at it.
            let purchase = try await buyer.purchase(card: validCard, expectedTotal: Money("2118.00")!)
            #expect(purchase.total == Money("2118.00")!)
        }
    }

    @Test func checkoutIsAllOrNothing() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let plenty = try await seller.registerItem(draft("Plenty", quantity: 10))
            let scarce = try await seller.registerItem(draft("Scarce: red, small", quantity: 2))
            let (buyer, _, _) = try await market.loggedInBuyer()
            try await buyer.addToCart(plenty.id, quantity: 3)
            try await buyer.addToCart(scarce.id, quantity: 2)
            _ = try await seller.removeUnits(1, of: scarce.id)

            let error = await expectError(.insufficientStock) { () throws(MarketError) in try await buyer.purchase(card: validCard) }
            #expect(error?.message.contains("“Scarce: red, small” (item \(scarce.id)) has 1 left (you want 2)") == true, "names the line, whatever its name holds")
            #expect(try await seller.items().items.map(\.quantity).sorted() == [1, 10], "nothing was taken")
            #expect(try await buyer.cart().lines.count == 2, "the cart is kept")
            #expect(try await market.productsQuery("SELECT count(*) FROM purchases") == ["0"])
        }
    }
}
