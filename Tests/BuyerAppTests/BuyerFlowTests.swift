import BuyerApp
import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import Testing
import TerminalUI
import TerminalUITesting

/// The storefront's flows as state changes and commands, without a network.
@Suite struct BuyerFlowTests {
    let program = BuyerFixtures.program

    @Test func loggingInBrowsesTheCatalogueAndLoadsCartAndHistory() {
        var state = BuyerFixtures.started()
        let commands = self.program.update(&state, .message(.account(.loggedIn(request: 1, profile: BuyerFixtures.profile))))
        #expect(commands.count == 3)
        #expect(commands.contains { if case .search(_, .everything, 0) = $0 { true } else { false } })
        #expect(commands.contains { if case .loadCart = $0 { true } else { false } })
        #expect(commands.contains { if case .loadPurchases(_, 0) = $0 { true } else { false } })
        #expect(!state.search.isEditing, "keys move through the results until / opens the bar")
    }

    @Test func searchingSendsCategoryAndNormalisedKeywords() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("Red, BIKE red pour-over", &state)
        _ = self.program.press([.backTab], &state)
        _ = self.program.type("7", &state)
        let commands = self.program.press([.enter], &state)
        guard case .search(_, let query, 0)? = commands.first else {
            Issue.record("expected a search, got \(commands)")
            return
        }
        #expect(query == SearchQuery(category: .only(Category(rawValue: 7)!), keywords: ["red", "bike", "pour", "over"]))
        #expect(!state.search.isEditing, "the results get the keys next")
    }

    @Test func aGivenUsernameLeavesOnlyThePasswordToType() {
        var state = BuyerState(server: "127.0.0.1:7002", currentMonth: BuyerFixtures.month, timeZone: BuyerFixtures.utc, username: "demo")
        _ = self.program.update(&state, .resize(Size(width: 120, height: 36)))
        _ = self.program.type("market-demo", &state)
        let commands = self.program.press([.enter], &state)
        guard case .account(.login(_, let username, let password))? = commands.first else {
            Issue.record("expected a login, got \(commands)")
            return
        }
        #expect(username == "demo" && password == "market-demo")
    }

    /// Where `text` starts on the rendered screen (the screen's text before it is single-width).
    private func point(of text: String, in state: BuyerState) -> Point? {
        self.program.canvas(for: state, size: state.shell.size).point(of: text)
    }

    @Test func f1ShowsEveryKeyFromInsideABox() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("a"), .function(1)], &state)
        #expect(state.shell.help != nil)
        _ = self.program.press([.escape], &state)
        #expect(state.shell.help == nil)
        guard case .quantity? = state.modal else {
            Issue.record("closing the help goes back to the box")
            return
        }
    }

    @Test func clicksPressTheButtonsOfAQuestionOverAForm() throws {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        let click = { (text: String, state: inout BuyerState) -> [BuyerCommand] in
            guard let point = self.point(of: text, in: state) else { return [] }
            return self.program.update(&state, .mouse(MouseEvent(.press, at: point)))
        }
        #expect(click("Cancel", &state).isEmpty)
        guard case .checkout(let back)? = state.modal, back.confirmation == nil else {
            Issue.record("Cancel goes back to the card form")
            return
        }
        _ = self.program.press([.enter], &state)
        #expect(click("Pay ]", &state).contains { if case .purchase = $0 { true } else { false } }, "a click on Pay pays")

        var discarding = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&discarding)
        _ = self.program.press([.escape, .escape], &discarding)
        guard case .checkout(let asking)? = discarding.modal, asking.discardQuestion != nil else {
            Issue.record("expected the discard question")
            return
        }
        _ = click("  Discard  ", &discarding)
        #expect(discarding.modal == nil)
    }

    @Test func clicksSwitchViewsOpenTheSearchBarSortAndOpenRows() throws {
        var state = BuyerFixtures.loggedIn()
        let click = { (point: Point, state: inout BuyerState) in
            _ = self.program.update(&state, .mouse(MouseEvent(.press, at: point)))
        }
        click(try #require(self.point(of: "2 Cart", in: state)), &state)
        #expect(state.view == .cart)
        click(try #require(self.point(of: "1 Search", in: state)), &state)
        #expect(state.view == .search)

        click(try #require(self.point(of: "Price", in: state)), &state)
        #expect(state.search.rows.map(\.item.price) == BuyerFixtures.hits.map(\.item.price).sorted(), "a title sorts by its column")

        let row = try #require(self.point(of: "Espresso Machine", in: state))
        click(row, &state)
        #expect(state.search.selected?.item.name == "Espresso Machine")
        #expect(state.modal == nil, "the first click selects")
        click(row, &state)
        guard case .detail? = state.modal else {
            Issue.record("a second click on the row opens the item")
            return
        }
        _ = self.program.press([.escape], &state)
        _ = self.program.update(&state, .mouse(MouseEvent(.wheelUp, at: row)))
        #expect(state.search.table.selection == 0, "the wheel moves the selection")

        click(try #require(self.point(of: "Keywords", in: state)), &state)
        #expect(state.search.isEditing, "a click on the search bar edits the search")
        #expect(state.search.bar.focus == 1)
        click(try #require(self.point(of: "Category", in: state)), &state)
        #expect(state.search.bar.focus == 0, "a click on a field of the bar moves to it")
    }

    @Test func escLeavesTheSearchBarEvenBeforeAnyResults() {
        var state = BuyerFixtures.started()
        _ = self.program.update(&state, .message(.account(.loggedIn(request: 1, profile: BuyerFixtures.profile))))
        _ = self.program.press([.character("/")], &state)
        #expect(state.search.isEditing && state.search.page == nil)
        _ = self.program.press([.down], &state)
        #expect(state.search.isEditing, "no results to go down to")
        _ = self.program.press([.escape, .character("2")], &state)
        #expect(!state.search.isEditing)
        #expect(state.view == .cart, "view keys work once the bar is left")
    }

    @Test func anEmptyViewDoesNotOfferKeysForItsRows() {
        let empty = BuyerKeys.hints(for: .search, hasRows: false).map(\.label)
        #expect(empty.contains("Search") && !empty.contains("Open") && !empty.contains("Add") && !empty.contains("Sort"))
        let cart = BuyerKeys.hints(for: .cart, hasRows: false).map(\.label)
        #expect(cart.contains("Save") && !cart.contains("Checkout") && !cart.contains("Empty"))
        #expect(BuyerKeys.hints(for: .search).map(\.label).contains("Open"))
        #expect(BuyerKeys.hints(for: .search).map(\.label).contains("Next"))
        #expect(!BuyerKeys.hints(for: .search, hasNextPage: false).map(\.label).contains("Next"), "not on the last page")
    }

    @Test func anAddRefusedForStockFetchesTheItemAndTheBoxSaysWhatIsLeft() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("j"), .character("a")], &state)  // 7 on sale, none in the cart
        let commands = self.program.press([.enter], &state)
        guard case .addToCart(let request, let item, 1)? = commands.first else {
            Issue.record("expected an add, got \(commands)")
            return
        }
        let refusal = MarketError(.insufficientStock, "It is sold out; nothing was added.", field: "quantity")
        let next = self.program.update(&state, .message(.failed(request: request, command: commands[0], error: refusal)))
        guard let fetch = next.first(where: { if case .loadItem(_, item) = $0 { true } else { false } }), let fetchRequest = fetch.request else {
            Issue.record("expected the item to be fetched again, got \(next)")
            return
        }
        var soldOut = BuyerFixtures.hits[1].item
        soldOut.quantity = 0
        let seller = SellerRating(sellerID: soldOut.sellerID, name: soldOut.sellerName, rating: Rating(thumbsUp: 1, thumbsDown: 0), itemsSold: 3)
        _ = self.program.update(&state, .message(.itemLoaded(request: fetchRequest, detail: BuyerAPI.GetItem.Result(item: soldOut, seller: seller))))
        guard case .quantity(let dialog)? = state.modal else {
            Issue.record("the box stays open with the refusal")
            return
        }
        #expect(dialog.form.fields[0].hint == "Sold out")
        #expect(dialog.maximum == 0)
        #expect(dialog.failure == nil, "said once, under the field, not twice")
        #expect(dialog.form.fields[0].problem != nil)
        #expect(state.search.page?.items.first { $0.item.id == item }?.item.quantity == 0, "the row says so too")
    }

    @Test func openingTheAddBoxFetchesTheItemSoItShowsTodaysPriceAndStock() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("j"), .character("a")], &state)
        guard case .loadItem(let request, let id)? = commands.first, id == BuyerFixtures.hits[1].item.id else {
            Issue.record("expected the item to be fetched, got \(commands)")
            return
        }
        var now = BuyerFixtures.hits[1].item
        now.quantity = 2
        now.price = Money("99.00")!
        let seller = SellerRating(sellerID: now.sellerID, name: now.sellerName, rating: Rating(thumbsUp: 1, thumbsDown: 0), itemsSold: 3)
        _ = self.program.update(&state, .message(.itemLoaded(request: request, detail: BuyerAPI.GetItem.Result(item: now, seller: seller))))
        guard case .quantity(let dialog)? = state.modal else {
            Issue.record("the box stays open")
            return
        }
        #expect(dialog.maximum == 2 && dialog.unitPrice == Money("99.00")!)
        #expect(state.search.selected?.item.price == Money("99.00")!, "the row too")
    }

    @Test func anItemRepricedWhileItsBoxWasOpenIsAddedAtTheNewPriceAndTheStatusSaysSo() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("j"), .character("a")], &state)  // shown at 12.50
        guard case .addToCart(let request, let item, 1)? = self.program.press([.enter], &state).first else {
            Issue.record("expected an add")
            return
        }
        let reload = self.program.update(&state, .message(.addedToCart(request: request, item: item, added: 1, inCart: 1)))
        guard case .loadCart(let cartRequest)? = reload.first else {
            Issue.record("expected the cart to load, got \(reload)")
            return
        }
        var cart = BuyerFixtures.cart
        cart.lines.append(CartLine(itemID: item, name: "Café crème mug €", quantity: 1, unitPrice: Money("19.95")!, available: 7, sellerID: SellerID(9)))
        let next = self.program.update(&state, .message(.cartLoaded(request: cartRequest, cart: cart)))
        #expect(state.shell.status?.kind == .warning)
        #expect(state.shell.status?.text.contains("now costs 19.95, not the 12.50 shown when you added it") == true, "\(state.shell.status?.text ?? "")")
        #expect(next.contains { if case .loadItem(_, item) = $0 { true } else { false } })
    }

    @Test func anAddWhoseAnswerIsLostIsRecognisedInTheCartInsteadOfAddedTwice() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("a"), .control("u")], &state)  // the coffee kit: 2 in the cart
        _ = self.program.type("3", &state)
        guard case .addToCart(let request, let item, 3)? = self.program.press([.enter], &state).first else {
            Issue.record("expected an add")
            return
        }
        let reload = self.program.update(&state, .message(.failed(request: request, command: .addToCart(request: request, item: item, quantity: 3), error: MarketError(.timedOut, "late"))))
        guard case .quantity(let dialog)? = state.modal, dialog.mayHaveGoneThrough, dialog.inCartBefore == 2 else {
            Issue.record("expected the box to warn and remember the 2 units in the cart")
            return
        }
        guard case .loadCart(let load)? = reload.first(where: { if case .loadCart = $0 { true } else { false } }) else {
            Issue.record("expected the cart to load, got \(reload)")
            return
        }
        var cart = BuyerFixtures.cart
        cart.lines[0].quantity = 5
        _ = self.program.update(&state, .message(.cartLoaded(request: load, cart: cart)))
        #expect(state.modal == nil)
        #expect(state.shell.status?.text == "It went through after all: 3 units of “Pour-over Coffee Kit” added, 5 in your cart.", "\(state.shell.status?.text ?? "")")
    }

    @Test func aBadSearchIsNotSent() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("one two three four five six", &state)
        #expect(self.program.press([.enter], &state).isEmpty)
        _ = self.program.press([.control("u"), .backTab], &state)
        _ = self.program.type("x", &state)
        #expect(self.program.press([.enter], &state).isEmpty)
        _ = self.program.press([.control("u"), .tab, .control("u")], &state)
        _ = self.program.type("☕ ++", &state)
        #expect(self.program.press([.enter], &state).isEmpty, "no words is not a search for everything")
        #expect(state.search.bar.fields.first { $0.id == "keywords" }?.problem == "Search words are letters and digits; “☕ ++” has none.")
    }

    @Test func escFromASearchBarOpenedElsewhereGoesBackThere() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        _ = self.program.press([.character("/")], &state)
        #expect(state.view == .search && state.search.isEditing)
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.joined().contains("Esc Back to cart"))
        _ = self.program.type("kettle", &state)
        #expect(self.program.press([.escape], &state).isEmpty, "the cart was on screen a moment ago: not fetched again")
        #expect(state.view == .cart)
        #expect(!state.search.isEditing)

        // ↓ goes to the results instead, and a search sent stays on them.
        _ = self.program.press([.character("/"), .down], &state)
        #expect(state.view == .search && !state.search.isEditing)
        BuyerFixtures.showCart(&state)
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("kettle", &state)
        let search = self.program.press([.enter], &state)
        for command in search { BuyerFixtures.answer(command, &state) }
        _ = self.program.press([.character("/"), .escape], &state)
        #expect(state.view == .search, "opened from the results, Esc stays on them")
    }

    @Test func staleResultsAreIgnored() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("first", &state)
        let first = self.program.press([.enter], &state)
        // No answer for five seconds: the keys stop waiting for it.
        for _ in 0..<Typeahead.patienceTicks { _ = self.program.update(&state, .tick) }
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("second", &state)
        let second = self.program.press([.enter], &state)
        guard case .search(let old, let oldQuery, _)? = first.first, case .search(let new, let newQuery, _)? = second.first else {
            Issue.record("expected two searches")
            return
        }
        _ = self.program.update(&state, .message(.searched(request: new, query: newQuery, page: Page(items: [BuyerFixtures.hits[2]], offset: 0, limit: 50, total: 1))))
        _ = self.program.update(&state, .message(.searched(request: old, query: oldQuery, page: Page(items: BuyerFixtures.hits, offset: 0, limit: 50, total: 4))))
        #expect(state.search.query == newQuery)
        #expect(state.search.page?.items.count == 1)
        #expect(!state.shell.isBusy)
    }

    @Test func aSearchThatGotNoAnswerIsTheOneRunWhenTheServerIsBack() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("chair", &state)
        guard case .search(let request, let query, let offset)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a search")
            return
        }
        let shown = state.search.query
        _ = self.program.update(&state, .message(.failed(request: request, command: .search(request: request, query: query, offset: offset), error: MarketError(.timedOut, "late"))))
        #expect(state.search.query == shown, "the results on show stay")
        #expect(state.search.isEditing, "what was typed stays in the bar")

        let refresh = self.program.refresh(&state)
        guard case .search(let again, let rerun, 0)? = refresh.first(where: { if case .search = $0 { true } else { false } }) else {
            Issue.record("expected a search, got \(refresh)")
            return
        }
        #expect(rerun == query, "the search typed, not the one on show")
        _ = self.program.update(&state, .message(.searched(request: again, query: rerun, page: Page(items: [BuyerFixtures.hits[0]], offset: 0, limit: 50, total: 1))))
        #expect(state.search.query == query)
        #expect(!state.search.isEditing, "the bar is done")
        #expect(state.search.unanswered == nil)
    }

    @Test func bracketsMoveAScreenfulAtATimeAndFetchOnlyPastThePageAtHand() {
        let fifty = (0..<50).map { index in
            SearchHit(item: BuyerFixtures.item(Int64(1000 - index), "Lamp \(index + 1)", price: "10.00", quantity: 3), matchedKeywords: 1)
        }
        var state = BuyerFixtures.loggedIn(size: Size(width: 100, height: 30), hits: fifty, total: 364)
        #expect(state.search.table.offset == 0)
        #expect(self.program.press([.character("]")], &state).isEmpty, "the rest of the page at hand comes first")
        let visible = state.search.table.offset
        #expect(visible > 0 && state.search.table.selection == visible, "the first row not seen yet is selected")
        // Once less than a screenful is left, the next one is fetched whole, from the first row
        // not seen: screenfuls follow each other exactly, never overlapping.
        var fetch: [BuyerCommand] = []
        var top = 0
        for _ in 0..<5 where fetch.isEmpty {
            top = state.search.table.offset
            fetch = self.program.press([.character("]")], &state)
        }
        guard case .search(let request, let query, let start)? = fetch.first, start == top + visible, start < 50 else {
            Issue.record("expected the screenful after rows \(top)–\(top + visible - 1), got \(fetch)")
            return
        }
        let next = (0..<50).map { index in
            SearchHit(item: BuyerFixtures.item(Int64(900 - index), "Lamp \(start + index + 1)", price: "10.00", quantity: 3), matchedKeywords: 1)
        }
        _ = self.program.update(&state, .message(.searched(request: request, query: query, page: Page(items: next, offset: start, limit: 50, total: 364))))
        #expect(state.search.selected?.item.name == "Lamp \(start + 1)")
        #expect(state.search.position(visibleRows: visible)?.hasPrefix("\(start + 1)–\(start + visible) of") == true, "\(state.search.position(visibleRows: visible) ?? "")")

        // Back from the top: the screenful just before, ending with the row above.
        let back = self.program.press([.character("[")], &state)
        guard case .search(let previous, _, 0)? = back.first else {
            Issue.record("expected the rows before \(start) from the first, got \(back)")
            return
        }
        _ = self.program.update(&state, .message(.searched(request: previous, query: query, page: Page(items: fifty, offset: 0, limit: 50, total: 364))))
        #expect(state.search.selected?.item.name == "Lamp \(start)", "the row just before what was in view")
        #expect(state.search.table.offset == start - visible, "a whole screenful back")
        #expect(self.program.press([.character("[")], &state).isEmpty)
    }

    @Test func pagesContinueFromTheFirstRowNotSeen() {
        // A page of 4 of 120 (the last rows of a list that grew meanwhile): ] goes on from the 5th.
        var state = BuyerFixtures.loggedIn(total: 120)
        let next = self.program.press([.character("]")], &state)
        guard case .search(_, _, 4)? = next.first else {
            Issue.record("expected the rows from the fifth, got \(next)")
            return
        }
        // Sorted on screen, a page turns a page at a time (the order is this page's only).
        var sorted = BuyerFixtures.loggedIn(total: 120)
        _ = self.program.press([.character("s")], &sorted)
        guard case .search(_, _, 50)? = self.program.press([.character("]")], &sorted).first else {
            Issue.record("expected the second page of 50")
            return
        }
        var first = BuyerFixtures.loggedIn()
        #expect(self.program.press([.character("[")], &first).isEmpty)
        #expect(first.shell.status == .info("This is the first page."))

        // Down from the last row at hand goes on into the rows not fetched yet, as ] does.
        var more = BuyerFixtures.loggedIn(total: 120)
        let down = self.program.press([.character("j"), .character("j"), .character("j"), .character("j")], &more)
        guard case .search(_, _, 4)? = down.first else {
            Issue.record("expected the rows after the fourth, got \(down)")
            return
        }
        var all = BuyerFixtures.loggedIn()
        #expect(self.program.press([.character("G"), .character("j")], &all).isEmpty, "nothing more to fetch")
    }

    @Test func homeAndEndGoToTheFirstAndLastResultFetchingThemWhenNotAtHand() {
        var state = BuyerFixtures.loggedIn(total: 120)
        guard case .search(let request, let query, 70)? = self.program.press([.character("G")], &state).first else {
            Issue.record("End should fetch the last 50 of 120")
            return
        }
        _ = self.program.update(&state, .message(.searched(request: request, query: query, page: Page(items: BuyerFixtures.hits, offset: 116, limit: 50, total: 120))))
        #expect(state.search.table.selection == BuyerFixtures.hits.count - 1, "the last result is selected")
        guard case .search(_, _, 0)? = self.program.press([.character("g")], &state).first else {
            Issue.record("Home should fetch the first page")
            return
        }
        // The end of a search counted only up to a cap is not known: End stays on the page.
        var capped = BuyerFixtures.loggedIn()
        capped.search.page?.total = 1001
        capped.search.page?.totalIsExact = false
        #expect(self.program.press([.character("G")], &capped).isEmpty)
        #expect(capped.search.table.selection == BuyerFixtures.hits.count - 1)
    }

    @Test func addingToTheCartRespectsWhatIsOnSaleAndInTheCart() {
        var state = BuyerFixtures.loggedIn()
        // The first hit has 8 on sale and 2 already in the cart: 6 more at most.
        _ = self.program.press([.character("a"), .backspace], &state)
        _ = self.program.type("7", &state)
        #expect(self.program.press([.enter], &state).isEmpty)
        _ = self.program.press([.backspace], &state)
        _ = self.program.type("6", &state)
        let commands = self.program.press([.enter], &state)
        guard case .addToCart(let request, let item, 6)? = commands.first else {
            Issue.record("expected an add, got \(commands)")
            return
        }
        let reload = self.program.update(&state, .message(.addedToCart(request: request, item: item, added: 6, inCart: 8)))
        #expect(state.modal == nil)
        #expect(state.cart.hasUnsavedChanges)
        #expect(reload.contains { if case .loadCart = $0 { true } else { false } })
        // A sold-out or fully carted item does not open the dialog.
        var full = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("G"), .character("a")], &full)
        #expect(full.modal == nil)
        #expect(full.shell.status?.text.contains("in your cart already") == true)
    }

    @Test func checkoutChecksTheCardThenAsksThenPays() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("2"), .character("c")], &state)
        self.program.fill(["4111 1111 1111 1111", "10/26"], &state)
        #expect(self.program.press([.enter], &state).isEmpty, "an expired card is refused")
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type("04/29", &state)
        #expect(self.program.press([.enter], &state).isEmpty, "the confirmation comes first")
        state.shell.status = .success("Reconnected to 127.0.0.1:7002 — refreshed.")
        let commands = self.program.press([.enter], &state)
        #expect(state.shell.status == nil, "older news does not sit beside “Paying…”")
        guard case .purchase(let request, let card, let total)? = commands.first else {
            Issue.record("expected a purchase, got \(commands)")
            return
        }
        #expect(card == PaymentCard(holder: "Bea Buyer", number: "4111111111111111", expiry: "04/29"))
        #expect(total == Money("234.99")!, "the total the confirmation named")
        _ = self.program.press([.escape], &state)
        guard case .checkout(let paying)? = state.modal, paying.isWorking else {
            Issue.record("Esc closed the checkout while the payment was under way")
            return
        }
        let purchase = Purchase(id: 19, purchasedAt: .now, lines: [], total: Money("234.99")!, cardLast4: "1111")
        let after = self.program.update(&state, .message(.purchased(request: request, purchase: purchase)))
        #expect(state.view == .purchases)
        #expect(state.shell.status?.text.contains("purchase #19") == true)
        #expect(after.contains { if case .loadCart = $0 { true } else { false } })
        // The search on show is run again, and finds nothing now that the last units are bought:
        // the receipt stays on the status line.
        if let rerun = after.first(where: { if case .search = $0 { true } else { false } }) {
            BuyerFixtures.answer(rerun, &state, hits: [])
        }
        #expect(state.shell.status?.text.contains("purchase #19") == true, "\(String(describing: state.shell.status))")
        #expect(after.contains { if case .loadPurchases = $0 { true } else { false } })
    }

    @Test func aPaymentWhoseAnswerIsLostSaysTheOutcomeIsUnknownAndFetchesWhatItMayHaveChanged() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        let timeout = MarketError(.timedOut, "The server did not answer in time.")
        let reload = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total), error: timeout)))
        guard case .checkout(let screen)? = state.modal else {
            Issue.record("the checkout closed")
            return
        }
        #expect(screen.failure?.contains("whether that went through is unknown") == true, "\(screen.failure ?? "")")
        #expect(screen.failure?.contains("Try again") == false)
        #expect(reload.contains { if case .loadCart = $0 { true } else { false } })
        #expect(reload.contains { if case .loadPurchases = $0 { true } else { false } }, "the payment may be in the history")
        #expect(reload.contains { if case .search = $0 { true } else { false } }, "and the stock may have moved")
        // A search that times out changed nothing: try again.
        #expect(ErrorText.sentence(for: timeout, server: "s", changing: false).hasSuffix("Try again in a moment."))

        // The server answers again: the warning stays on the box, so the payment is not sent twice unawares…
        let refresh = self.program.refresh(&state)
        guard case .checkout(let kept)? = state.modal, kept.failure?.contains("unknown") == true else {
            Issue.record("the warning went with the refresh")
            return
        }
        // …until the purchases show the payment went through: then the box closes and says so.
        guard case .loadPurchases(let load, _)? = refresh.first(where: { if case .loadPurchases = $0 { true } else { false } }) else {
            Issue.record("expected the purchases to be fetched again, got \(refresh)")
            return
        }
        let newest = (state.purchases.page?.items.first?.id ?? 0) + 1
        let order = Purchase(id: newest, purchasedAt: .now, lines: [], total: Money("234.99")!, cardLast4: "1111")
        let older = state.purchases.page?.items ?? []
        let history = PurchaseHistory(purchases: Page(items: [order] + older, offset: 0, limit: 50, total: older.count + 1), itemsPurchased: 9)
        _ = self.program.update(&state, .message(.purchasesLoaded(request: load, history: history)))
        #expect(state.modal == nil)
        #expect(state.shell.status?.text.contains("went through after all: purchase #\(newest)") == true, "status: \(String(describing: state.shell.status))")
    }

    @Test func escOnAddToCartFromAnItemsDetailsGoesBackToThem() {
        var state = BuyerFixtures.loggedIn()
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state) }
        _ = self.program.press([.character("a"), .escape], &state)
        guard case .detail(let detail)? = state.modal, detail.detail != nil else {
            Issue.record("Esc left the details: \(String(describing: state.modal))")
            return
        }
        _ = self.program.press([.escape, .character("a"), .escape], &state)
        #expect(state.modal == nil, "from the list, back to the list")
    }

    @Test func slashEditsTheSearchFromAnyView() {
        var state = BuyerFixtures.loggedIn()
        for view in ["2", "3"] {
            _ = self.program.press([.character(Character(view))], &state)
            _ = self.program.press([.character("/")], &state)
            #expect(state.view == .search && state.search.isEditing, "from view \(view)")
            _ = self.program.press([.escape], &state)
        }
    }

    @Test func escOnACheckoutWithCardDetailsAsksFirst() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        _ = self.program.press([.character("c"), .escape], &state)
        #expect(state.modal == nil, "nothing typed: Esc closes at once")
        _ = self.program.press([.character("c")], &state)
        _ = self.program.type("4111", &state)
        _ = self.program.press([.escape], &state)
        guard case .checkout(let asking)? = state.modal, asking.discardQuestion?.title == "Discard" else {
            Issue.record("Esc threw the card number away without asking")
            return
        }
        _ = self.program.press([.enter], &state)
        guard case .checkout(let kept)? = state.modal, kept.discardQuestion == nil else {
            Issue.record("Enter (Keep editing, the default) closed the checkout")
            return
        }
        #expect(kept.form["number"] == "4111")
        _ = self.program.press([.escape, .character("d")], &state)
        #expect(state.modal == nil, "d discards")
    }

    @Test func keysTypedWhileASearchIsOnItsWayActOnItsResults() {
        var state = BuyerFixtures.loggedIn()
        let mug = [BuyerFixtures.hits[1]]
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("mug", &state)
        guard case .search(let request, let query, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a search")
            return
        }
        // `a` right away: meant for the mug on its way, not the coffee kit still on show.
        #expect(self.program.press([.character("a")], &state).isEmpty)
        #expect(state.modal == nil, "held until the results come")
        let page = Page(items: mug, offset: 0, limit: 50, total: 1)
        _ = self.program.update(&state, .message(.searched(request: request, query: query, page: page)))
        guard case .quantity(let dialog)? = state.modal else {
            Issue.record("the held key was not handled: \(String(describing: state.modal))")
            return
        }
        #expect(dialog.item == mug[0].item.id)
    }

    @Test func keysTypedWhileABoxIsSendingWaitForItsAnswerAndEscDoesNot() {
        var state = BuyerFixtures.loggedIn()
        let sent = self.program.press([.character("a"), .character("1"), .enter], &state)
        guard case .addToCart(let request, let item, let quantity)? = sent.first(where: { if case .addToCart = $0 { true } else { false } }) else {
            Issue.record("expected an add to cart, got \(sent)")
            return
        }
        #expect(self.program.press([.character("2")], &state).isEmpty)
        #expect(state.view == .search, "2 waits for the item to be added")
        _ = self.program.update(&state, .message(.addedToCart(request: request, item: item, added: quantity, inCart: quantity + 2)))
        #expect(state.view == .cart, "then shows the cart")

        // Esc does not wait: it drops what was held and closes the box at once.
        _ = self.program.press([.character("1"), .character("a"), .enter, .character("j"), .escape], &state)
        #expect(state.modal == nil)
        #expect(state.shell.typeahead == nil)
    }

    @Test func purchasesTurnAScreenfulOfLinesAtATime() {
        // Purchases 90, 89, 88 of 2, 3 and 2 lines, the 41st to 43rd of 100; three lines in view.
        func purchase(_ id: Int64, lines: Int) -> Purchase {
            let line = PurchaseLine(itemID: BuyerFixtures.hits[0].item.id, name: "Line", sellerID: SellerID(7), quantity: 1, unitPrice: Money("1.00")!, feedback: nil)
            return Purchase(id: id, purchasedAt: .now, lines: Array(repeating: line, count: lines), total: Money("1.00")!, cardLast4: "1111")
        }
        var screen = PurchasesScreen()
        screen.loaded(PurchaseHistory(purchases: Page(items: [purchase(90, lines: 2), purchase(89, lines: 3), purchase(88, lines: 2)], offset: 40, limit: 20, total: 100), itemsPurchased: 9), visibleRows: 3)
        let scrolled = screen.table.showNextScreen(rowCount: 7, visibleRows: 3, wholeScreensOnly: true)
        #expect(scrolled, "lines 4–6 are at hand")
        let forward = screen.adjacentScreen(forward: true, visibleRows: 3)
        #expect(forward.offset == 42, "line 7 is the second of purchase 88, the 43rd: fetched from it")
        #expect(forward.table.selection == 1 && forward.table.offset == 1, "its first line, seen already, just above the screen")

        var back = screen
        back.table = TableState(selection: 1, offset: 1)
        let turn = back.adjacentScreen(forward: false, visibleRows: 3)
        #expect(turn.offset == 21, "the page that ends with purchase 90, the 41st")
        #expect(turn.select?.purchaseID == 90 && turn.select?.line == 0)
        // Once it comes, that line is selected at the bottom of the screen.
        back.table = turn.table
        back.selectAfterLoad = turn.select
        let earlier = (0..<19).map { purchase(Int64(109 - $0), lines: 1) } + [purchase(90, lines: 2)]
        back.loaded(PurchaseHistory(purchases: Page(items: earlier, offset: 21, limit: 20, total: 100), itemsPurchased: 9), visibleRows: 3)
        #expect(back.table.selection == 19 && back.table.offset == 17)
    }

    @Test func keysHeldForASearchThatFailsAreDropped() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("mug", &state)
        guard case .search(let request, let query, let offset)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a search")
            return
        }
        _ = self.program.press([.character("a"), .enter], &state)
        let failure = MarketError(.unreachable, "down")
        _ = self.program.update(&state, .message(.failed(request: request, command: .search(request: request, query: query, offset: offset), error: failure)))
        #expect(state.modal == nil, "a and Enter were meant for results that did not come")
        #expect(state.shell.typeahead == nil)
        #expect(state.search.bar["keywords"] == "mug", "nor were they typed into the search kept for a retry")
    }

    @Test func keysHeldForASlowAnswerGoAfterFiveSecondsAndSaySo() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("mug", &state)
        _ = self.program.press([.enter, .character("a")], &state)
        for _ in 0..<(Typeahead.patienceTicks - 1) { _ = self.program.update(&state, .tick) }
        #expect(state.shell.typeahead?.keys == [.character("a")])
        _ = self.program.update(&state, .tick)
        #expect(state.shell.typeahead == nil)
        #expect(state.shell.status?.text.contains("keys typed meanwhile were dropped") == true)
        #expect(state.modal == nil)
        // The bar says what is being searched for while the old results stay under it.
        let screen = self.program.canvas(for: state, size: state.shell.size).lines
        #expect(screen.contains { $0.contains("Keywords  mug") }, "\(screen.prefix(3))")
        #expect(screen.contains { $0.contains("Searching for “mug”…") })
    }

    @Test func pagesTurnedFasterThanTheyLoadAreAllTurned() {
        var state = BuyerFixtures.loggedIn(total: 180)
        // Pages of 4 rows: each ] goes on from the first row not seen.
        guard case .search(let first, let query, 4)? = self.program.press([.character("]")], &state).first else {
            Issue.record("expected the second page")
            return
        }
        #expect(self.program.press([.character("]"), .character("]")], &state).isEmpty, "held while the page loads")
        var next = self.program.update(&state, .message(.searched(request: first, query: query, page: Page(items: BuyerFixtures.hits, offset: 4, limit: 50, total: 180))))
        guard case .search(let second, _, 8)? = next.first else {
            Issue.record("the second ] did not turn to the third page: \(next)")
            return
        }
        next = self.program.update(&state, .message(.searched(request: second, query: query, page: Page(items: BuyerFixtures.hits, offset: 8, limit: 50, total: 180))))
        guard case .search(_, _, 12)? = next.first else {
            Issue.record("the third ] did not turn to the fourth page: \(next)")
            return
        }
    }

    @Test func aPaymentTheServerCouldNotSendToItsDatabaseIsKnownNotToHaveHappened() {
        let refused = MarketError(.unavailable, "The products database could not be reached in time; nothing was changed. Please try again.")
        let stalled = MarketError(.databaseTimeout, "The products database did not answer in time, so whether this took effect is unknown; check before repeating it.")
        #expect(!ErrorText.outcomeIsUnknown(refused))
        #expect(ErrorText.outcomeIsUnknown(stalled))

        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        _ = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total), error: refused)))
        guard case .checkout(let screen)? = state.modal else {
            Issue.record("the checkout closed")
            return
        }
        #expect(screen.failure?.contains("nothing was changed") == true, "\(screen.failure ?? "")")
        #expect(!self.program.awaitsOutcome(state), "nothing to look for: the payment never reached the database")
        #expect(state.shell.connectionBadge.text.contains("no database"))
    }

    @Test func aPaymentWhoseAnswerIsLostIsLookedForAFewTimesThenSaidMostLikelyNotToHaveGoneThrough() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        // Every fetch is answered at once, with nothing new: the payment never shows.
        var looks = 0
        func answerAll(_ commands: [BuyerCommand]) {
            var pending = commands
            while !pending.isEmpty {
                let command = pending.removeFirst()
                if case .loadPurchases = command { looks += 1 }
                pending += BuyerFixtures.answer(command, &state)
            }
        }
        answerAll(self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total), error: MarketError(.timedOut, "late")))))
        let afterTheFailure = looks
        for _ in 0..<400 { answerAll(self.program.update(&state, .tick)) }
        #expect(looks - afterTheFailure == 5, "a few more looks, not forever: \(looks - afterTheFailure)")
        #expect(!self.program.isAnimating(state))
        guard case .checkout(let screen)? = state.modal else {
            Issue.record("the checkout closed")
            return
        }
        #expect(screen.failure?.contains("most likely did not go through") == true, "\(screen.failure ?? "")")
        #expect(screen.mayHaveGoneThrough, "still a warning: a refresh keeps it, only an edit clears it")
    }

    @Test func aPaymentThatCouldNotBeSentIsForgottenOnRefresh() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        _ = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total), error: MarketError(.unreachable, "down"))))
        _ = self.program.refresh(&state)
        guard case .checkout(let screen)? = state.modal else {
            Issue.record("the checkout closed")
            return
        }
        #expect(screen.failure == nil, "nothing was sent: nothing to warn about")
    }

    @Test func aPriceThatChangedBeforePayingIsShownAndTheNextPaymentIsForTheNewTotal() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        let refusal = MarketError(.priceChanged, "A price in your cart changed: the total is now 254.99, not 234.99. Nothing was bought; check the cart and pay again.")
        let reload = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total), error: refusal)))
        guard case .loadCart(let cartRequest)? = reload.first else {
            Issue.record("expected the cart to be loaded again, got \(reload)")
            return
        }
        var repriced = BuyerFixtures.cart
        repriced.lines[0].unitPrice = Money("32.50")!
        _ = self.program.update(&state, .message(.cartLoaded(request: cartRequest, cart: repriced)))
        guard case .checkout(let screen)? = state.modal else {
            Issue.record("the checkout closed")
            return
        }
        #expect(screen.failure == refusal.message)
        #expect(screen.total == Money("254.99")!)
        _ = self.program.press([.enter], &state)
        guard case .purchase(_, _, let confirmed)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a second purchase")
            return
        }
        #expect(confirmed == Money("254.99")!)
    }

    @Test func aShortCheckoutKeepsTheFormAndShowsWhy() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        let commands = self.program.press([.enter], &state)
        guard let command = commands.first, let request = command.request else {
            Issue.record("expected a purchase")
            return
        }
        let reload = self.program.update(&state, .message(.failed(request: request, command: command, error: MarketError(.insufficientStock, "Only 1 unit of 2-41 is on sale."))))
        guard case .checkout(let checkout)? = state.modal else {
            Issue.record("the checkout stays open")
            return
        }
        #expect(checkout.failure == "Only 1 unit of 2-41 is on sale.")
        #expect(reload.contains { if case .loadCart = $0 { true } else { false } })
    }

    @Test func inATableSortedByFeedbackTheRatedLineMovesAndStaysSelected() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        state.purchases.table.sortColumn = 7  // feedback: unrated first
        _ = self.program.press([.character("g")], &state)
        let unrated = state.purchases.selected(timeZone: BuyerFixtures.utc)
        #expect(unrated?.line.feedback == nil)
        _ = self.program.press([.character("+")], &state)
        guard case .feedback(let request, let item, .up)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a vote for the unrated line")
            return
        }
        _ = self.program.update(&state, .message(.feedbackGiven(request: request, item: item, vote: .up, rating: Rating(thumbsUp: 1, thumbsDown: 0))))
        let selected = state.purchases.selected(timeZone: BuyerFixtures.utc)
        #expect(selected?.purchaseID == unrated?.purchaseID && selected?.line.itemID == unrated?.line.itemID)
        #expect(selected?.line.feedback == .up)
        #expect(state.purchases.table.selection == 2, "rated up, it sorts last")
    }

    @Test func aLongUsernameIsShortenedBeforeAnyTabAt80Columns() {
        var state = BuyerFixtures.loggedIn(size: Size(width: 80, height: 24))
        state.shell.user = SignedInUser(username: "qa_longname_buyer_abcdefghijklmn", name: "Bea Büyer")
        let header = self.program.canvas(for: state, size: state.shell.size).lines[0]
        #expect(header.contains(" 1 Search ") && header.contains(" 2 Cart (3) ") && header.contains(" 3 Purchases "), "\(header)")
        #expect(header.contains("qa_longname_bu") && header.contains("…") && header.contains("● connected"), "\(header)")
    }

    @Test func comingToTheCartFetchesItAgainAndSaysWhatChangedMeanwhile() {
        var state = BuyerFixtures.loggedIn()
        var cart = BuyerFixtures.cart
        cart.lines[0].unitPrice = Money("20.00")!
        for (keys, change) in [([Key.character("2")], "price"), ([.character("1"), .tab], "units")] {
            let commands = self.program.press(keys, &state)
            guard case .loadCart(let request)? = commands.first else {
                Issue.record("expected the cart to be fetched on the way in, got \(commands)")
                return
            }
            if change == "units" { cart.lines[1].available = 0 }
            _ = self.program.update(&state, .message(.cartLoaded(request: request, cart: cart)))
            #expect(state.cart.cart == cart)
            #expect(state.shell.status?.kind == .warning)
            let expected = change == "price"
                ? "“\(cart.lines[0].name)” now costs 20.00 (was 22.50): cart total 229.99, was 234.99."
                : "“\(cart.lines[1].name)” is sold out now; your cart holds 1 unit."
            #expect(state.shell.status?.text == expected)
        }
        #expect(self.program.press([.character("2")], &state).isEmpty, "already there")
    }

    @Test func votesAreConfirmedAndGivenOnce() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        _ = self.program.press([.character("+")], &state)
        #expect(state.modal == nil, "the first line was rated already")
        _ = self.program.press([.character("j"), .character("-")], &state)
        let commands = self.program.press([.enter], &state)
        guard case .feedback(let request, let item, .down)? = commands.first else {
            Issue.record("expected a vote, got \(commands)")
            return
        }
        let after = self.program.update(&state, .message(.feedbackGiven(request: request, item: item, vote: .down, rating: Rating(thumbsUp: 5, thumbsDown: 1))))
        #expect(state.purchases.selected(timeZone: BuyerFixtures.utc)?.line.feedback == .down)

        // The item is among the search results too, whose row then shows the new thumbs.
        guard case .loadItem(let load, item)? = after.first else {
            Issue.record("expected the rated item to be fetched, got \(after)")
            return
        }
        var rated = BuyerFixtures.hits[0].item
        rated.rating = Rating(thumbsUp: 5, thumbsDown: 1)
        let seller = SellerRating(sellerID: rated.sellerID, name: rated.sellerName, rating: Rating(thumbsUp: 20, thumbsDown: 1), itemsSold: 9)
        _ = self.program.update(&state, .message(.itemLoaded(request: load, detail: .init(item: rated, seller: seller))))
        #expect(state.search.page?.items.first?.item.rating == Rating(thumbsUp: 5, thumbsDown: 1))
        #expect(state.modal == nil)
    }

    @Test func clearingTheCartIsConfirmed() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("2"), .character("X")], &state)
        #expect(self.program.press([.enter], &state).isEmpty, "Cancel is the default")
        _ = self.program.press([.character("X")], &state)
        #expect(self.program.press([.character("e")], &state).isEmpty, "not by a stray letter")
        let commands = self.program.press([.character("y")], &state)
        guard case .clearCart? = commands.first else {
            Issue.record("expected the cart to be cleared, got \(commands)")
            return
        }
    }

    @Test func quittingWithAnUnsavedCartSaysSo() {
        var state = BuyerFixtures.loggedIn()
        state.cart.hasUnsavedChanges = true
        _ = self.program.press([.character("q")], &state)
        #expect(state.shell.quitDialog?.lines.contains { $0.text.contains("unsaved") } == true)
        _ = self.program.press([.character("q")], &state)
        #expect(!state.shell.isFinished, "q q keeps an unsaved cart: the second q cancels")
        #expect(state.shell.quitDialog == nil)
    }

    @Test func wInTheQuitOrLogoutQuestionSavesTheCartFirst() {
        var state = BuyerFixtures.loggedIn()
        state.cart.hasUnsavedChanges = true
        _ = self.program.press([.character("q")], &state)
        let save = self.program.press([.character("w")], &state)
        guard case .saveCart(let request)? = save.first else {
            Issue.record("expected the cart to be saved, got \(save)")
            return
        }
        #expect(!state.shell.isFinished, "not before the cart is saved")
        _ = self.program.update(&state, .message(.cartSaved(request: request, lines: 2)))
        #expect(state.shell.isFinished)

        var leaving = BuyerFixtures.loggedIn()
        leaving.cart.hasUnsavedChanges = true
        _ = self.program.press([.character("L")], &leaving)
        guard case .saveCart(let saving)? = self.program.press([.character("w")], &leaving).first else {
            Issue.record("expected the cart to be saved")
            return
        }
        let next = self.program.update(&leaving, .message(.cartSaved(request: saving, lines: 2)))
        #expect(next.contains { if case .account(.logout) = $0 { true } else { false } }, "then logs out")
    }

    @Test func aStrayLetterNeitherPaysNorVotes() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .checkout(let checkout)? = state.modal, checkout.confirmation != nil else {
            Issue.record("expected the payment question")
            return
        }
        #expect(self.program.press([.character("p")], &state).isEmpty, "p, meant for nothing here, does not pay")
        let pay = self.program.press([.character("y")], &state)
        #expect(pay.contains { if case .purchase = $0 { true } else { false } }, "y pays")

        var history = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&history)
        _ = self.program.press([.character("j"), .character("+")], &history)
        #expect(self.program.press([.character("v")], &history).isEmpty, "v does not vote")
        #expect(self.program.press([.enter], &history).contains { if case .feedback = $0 { true } else { false } })
    }

    @Test func anExpiredSessionGoesBackToLoginKeepingTheUsername() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.failed(request: 1, command: .loadCart(request: 1), error: MarketError(.sessionExpired, "x"))))
        #expect(!state.isLoggedIn)
        #expect(state.login.form["username"] == "bea")
        #expect(state.login.notice?.text.contains("expired") == true)
    }

    @Test func severalExpiredRequestsAtOnceGoBackToLoginOnce() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("r")], &state)
        #expect(commands.count == 3)
        for command in commands {
            _ = self.program.update(&state, .message(.failed(request: command.request ?? 0, command: command, error: MarketError(.sessionExpired, "x"))))
        }
        #expect(state.login.form["username"] == "bea", "later failures do not wipe the login screen")
        #expect(state.login.notice?.kind == .warning)
        #expect(!state.shell.isBusy)
    }

    @Test func reconnectingRefreshesEverythingOnScreen() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.account(.connection(.waitingToReconnect(attempt: 1, reason: "closed")))))
        let commands = self.program.update(&state, .message(.account(.connection(.connected))))
        #expect(commands.count == 3)
        #expect(state.search.page?.items.count == BuyerFixtures.hits.count)
    }

    @Test func theSellerLookupStartsWithTheSelectedItemsSeller() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("j"), .character("R")], &state)
        guard case .seller(let lookup)? = state.modal else {
            Issue.record("expected the lookup")
            return
        }
        #expect(lookup.value == BuyerFixtures.hits[1].item.sellerID)
    }

    /// The search bar's row as drawn.
    private func barLine(_ state: BuyerState) -> String {
        self.program.canvas(for: state, size: state.shell.size).lines[1]
    }

    /// Logged in with the results of “vinyl” in category 7 on show.
    private func showingVinylInSeven() -> BuyerState {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("vinyl", &state)
        _ = self.program.press([.backTab], &state)
        _ = self.program.type("7", &state)
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state) }
        return state
    }

    @Test func slashEditsTheKeywordsWhicheverFieldWasLastFocused() {
        var state = self.showingVinylInSeven()
        #expect(state.search.query == SearchQuery(category: .only(Category(rawValue: 7)!), keywords: ["vinyl"]))
        _ = self.program.press([.character("/")], &state)
        #expect(state.search.bar.fields[state.search.bar.focus].id == "keywords")
    }

    @Test func escPutsBackTheSearchOnShow() {
        var state = self.showingVinylInSeven()
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("jazz", &state)
        _ = self.program.press([.backTab, .control("u")], &state)
        _ = self.program.press([.escape], &state)
        #expect(self.barLine(state).contains("7"))
        #expect(self.barLine(state).contains("vinyl"))
        _ = self.program.press([.character("/")], &state)
        #expect(state.search.bar["keywords"] == "vinyl", "editing starts again from the search on show")
    }

    @Test func aSearchThatFailedLeavesTheBarDescribingTheResults() throws {
        // Out of reach: the bar opens again with the search as typed, so Enter tries again, and
        // Esc puts back the search whose results are on show.
        var offline = self.showingVinylInSeven()
        _ = self.program.press([.character("/"), .control("u")], &offline)
        _ = self.program.type("jazz", &offline)
        let command = try #require(self.program.press([.enter], &offline).first)
        _ = self.program.update(&offline, .message(.failed(request: command.request ?? 0, command: command, error: MarketError(.unreachable, "x"))))
        #expect(offline.search.isEditing)
        guard case .search(_, let retried, 0)? = self.program.press([.enter], &offline).first else {
            Issue.record("Enter did not try the search again")
            return
        }
        #expect(retried.keywords == ["jazz"])
        _ = self.program.update(&offline, .message(.failed(request: offline.search.loadRequest ?? 0, command: .search(request: offline.search.loadRequest ?? 0, query: retried, offset: 0), error: MarketError(.unreachable, "x"))))
        _ = self.program.press([.escape], &offline)
        #expect(!self.barLine(offline).contains("jazz"))
        #expect(self.barLine(offline).contains("vinyl"))

        // Refused: the bar stays open with the words to fix, and Esc puts the search on show back.
        var refused = self.showingVinylInSeven()
        _ = self.program.press([.character("/"), .control("u")], &refused)
        _ = self.program.type("jazz", &refused)
        let refusedCommand = try #require(self.program.press([.enter], &refused).first)
        _ = self.program.update(&refused, .message(.failed(request: refusedCommand.request ?? 0, command: refusedCommand, error: MarketError(.invalidArgument, "No."))))
        #expect(refused.search.isEditing)
        #expect(self.barLine(refused).contains("jazz"))
        _ = self.program.press([.escape], &refused)
        #expect(!self.barLine(refused).contains("jazz"))
        #expect(self.barLine(refused).contains("vinyl"))
    }

    @Test func aSavedCartThatCameBackShortOfStockIsPointedOutAtLogin() {
        var state = BuyerFixtures.started()
        let commands = self.program.update(&state, .message(.account(.loggedIn(request: 900, profile: BuyerFixtures.profile))))
        for command in commands { BuyerFixtures.answer(command, &state, cart: BuyerFixtures.shortCart) }
        #expect(state.shell.status?.kind == .warning)
        #expect(state.shell.status?.text.hasPrefix("Your cart has 2 lines short of stock since you saved it") == true, "\(state.shell.status?.text ?? "")")
    }

    @Test func anExpiredSessionSaysThatTheUnsavedCartIsGone() {
        var state = BuyerFixtures.loggedIn()
        state.cart.hasUnsavedChanges = true
        _ = self.program.update(&state, .message(.failed(request: 5, command: .loadCart(request: 5), error: MarketError(.sessionExpired, "Session expired."))))
        #expect(!state.isLoggedIn)
        #expect(state.login.notice?.text.contains("Your unsaved cart is gone; the saved one comes back when you log in.") == true, "\(state.login.notice?.text ?? "")")
        // Three lines in the login box, even at 80 columns: the sentence is there to its end.
        for size in [Size(width: 120, height: 36), Size(width: 80, height: 24)] {
            _ = self.program.update(&state, .resize(size))
            let screen = self.program.canvas(for: state, size: size).lines.joined(separator: " ")
            let words = screen.split(separator: " ").filter { !$0.allSatisfy { "│ ".contains($0) } }.joined(separator: " ")
            #expect(words.contains("comes back when you log in."), "\(size): \(screen)")
        }
    }

    @Test func loggingOutAsksTheServerWhetherTheCartIsStillTheSavedOne() {
        for (isSaved, asks) in [(true, false), (false, true)] {
            var state = BuyerFixtures.loggedIn()
            #expect(!state.cart.hasUnsavedChanges && !state.cart.isEmpty)
            let check = self.program.press([.character("L")], &state)
            guard case .loadCart(let request)? = check.first else {
                Issue.record("expected the cart to be checked first, got \(check)")
                return
            }
            var cart = BuyerFixtures.cart
            cart.isSaved = isSaved
            let next = self.program.update(&state, .message(.cartLoaded(request: request, cart: cart)))
            if asks {
                #expect(next.isEmpty)
                if case .confirm(_, .logout)? = state.modal {} else { Issue.record("another session saved over this cart: ask first") }
                #expect(state.cart.hasUnsavedChanges)
            } else {
                #expect(next.contains { if case .account(.logout) = $0 { true } else { false } }, "nothing to lose: log out")
            }
        }
    }

    @Test func theQuitQuestionLearnsThatAnotherSessionSavedOverTheCart() throws {
        var state = BuyerFixtures.loggedIn()
        let check = self.program.press([.character("q")], &state)
        #expect(try #require(state.shell.quitDialog).lines.count == 1, "believed saved: no warning yet")
        guard case .loadCart(let request)? = check.first else {
            Issue.record("expected the cart to be checked, got \(check)")
            return
        }
        var cart = BuyerFixtures.cart
        cart.isSaved = false
        _ = self.program.update(&state, .message(.cartLoaded(request: request, cart: cart)))
        let dialog = try #require(state.shell.quitDialog)
        #expect(dialog.lines.map(\.text).contains("Your cart has unsaved changes: w saves them, then quits."))
    }

    @Test func anEmptiedCartNotSavedIsAnUnsavedChange() throws {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        let clear = self.program.press([.character("X"), .character("y")], &state)
        guard case .clearCart(let request)? = clear.first else {
            Issue.record("expected the cart to be emptied, got \(clear)")
            return
        }
        let reload = self.program.update(&state, .message(.cartCleared(request: request)))
        guard case .loadCart(let load)? = reload.first else {
            Issue.record("expected the cart to be fetched, got \(reload)")
            return
        }
        _ = self.program.update(&state, .message(.cartLoaded(request: load, cart: Cart(lines: [], isSaved: false))))
        #expect(self.program.canvas(for: state, size: state.shell.size).point(of: "Emptied, not saved") != nil)
        // Quitting now would bring the saved lines back at the next login: the question says so.
        _ = self.program.press([.character("q")], &state)
        let dialog = try #require(state.shell.quitDialog)
        #expect(dialog.lines.map(\.text).contains("at your next login. w saves the empty cart, then quits."))
        let screen = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
        #expect(screen.contains("then quits."), "the whole warning is on screen:\n\(screen)")
    }

    @Test func everyDialogsButtonsHaveLettersOfTheirOwn() throws {
        var dialogs: [Dialog] = []
        var state = BuyerFixtures.loggedIn()
        state.cart.hasUnsavedChanges = true
        _ = self.program.press([.character("q")], &state)
        dialogs.append(try #require(state.shell.quitDialog))
        _ = self.program.press([.escape, .character("L")], &state)
        if case .confirm(let dialog, .logout)? = state.modal { dialogs.append(dialog) } else { Issue.record("no logout question") }
        _ = self.program.press([.escape, .character("2"), .character("X")], &state)
        if case .confirm(let dialog, .clearCart)? = state.modal { dialogs.append(dialog) } else { Issue.record("no clear question") }
        _ = self.program.press([.escape], &state)
        BuyerFixtures.showPurchases(&state)
        _ = self.program.press([.character("j"), .character("-")], &state)
        if case .confirm(let dialog, .vote)? = state.modal { dialogs.append(dialog) } else { Issue.record("no vote question") }
        for dialog in dialogs {
            #expect(dialog.lettersOfSeveralButtons.isEmpty, "\(dialog.title): \(dialog.buttons)")
        }
        _ = self.program.press([.escape, .character("q"), .character("q")], &state)
        #expect(!state.shell.isFinished, "q q does not throw the unsaved cart away")
        _ = self.program.press([.character("q"), .character("y")], &state)
        #expect(state.shell.isFinished, "q y does")
    }

    @Test func aMillionUnitsOnSaleShowWhole() {
        let hit = SearchHit(item: BuyerFixtures.item(5, "Vinyl: Kind of Blue", price: "12.00", quantity: 1_000_000), matchedKeywords: 0)
        for width in [80, 200] {
            let state = BuyerFixtures.loggedIn(size: Size(width: width, height: 30), hits: [hit])
            let row = self.program.canvas(for: state, size: state.shell.size).lines[5]
            #expect(row.contains("1,000,000"), "\(width) columns: \(row)")
            #expect(row.contains("Vinyl: Kind of Blue"), "\(width) columns: \(row)")
        }
    }

    @Test func theLineUnderTheBarSaysHowTheResultsAreOrdered() {
        var state = BuyerFixtures.loggedIn()
        let line = { (state: BuyerState) in self.program.canvas(for: state, size: state.shell.size).lines[2] }
        #expect(line(state).contains("newest first"))
        // s cycles Item, Name, Condition, Price.
        _ = self.program.press([.character("s"), .character("s"), .character("s"), .character("s")], &state)
        #expect(line(state).contains("this page sorted by price ▲"), "\(line(state))")
        _ = self.program.press([.character("S")], &state)
        #expect(line(state).contains("sorted by price ▼"), "\(line(state))")
        #expect(self.program.canvas(for: state, size: state.shell.size).lines[4].contains("Rank"), "the rank is labelled as such")
    }

    @Test func aCountThatStoppedAtTheCapReadsMoreThanAThousand() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("r")], &state)
        guard case .search(let request, let query, _)? = commands.first(where: { if case .search = $0 { true } else { false } }) else {
            Issue.record("expected a search, got \(commands)")
            return
        }
        // The server stops counting at 1,000 and reports one more, not exact.
        let page = Page(items: BuyerFixtures.hits, offset: 0, limit: 50, total: 1_001, totalIsExact: false)
        _ = self.program.update(&state, .message(.searched(request: request, query: query, page: page)))
        let lines = self.program.canvas(for: state, size: state.shell.size).lines
        #expect(lines[2].contains("more than 1,000 results"), "\(lines[2])")
        #expect(lines[lines.count - 2].contains("1–4 of more than 1,000"), "\(lines[lines.count - 2])")
    }

    @Test func thePurchasesCounterCountsOrdersAndSaysSo() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        #expect(state.purchases.allRows.count == 3, "two orders, three items")
        let status = self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 2]
        #expect(status.hasSuffix("5 units purchased · orders 1–2 of 2 "), "\(status)")
    }

    @Test(arguments: BuyerView.allCases)
    func helpListsEveryKeyOfEveryTableTheStorefrontRunsOn(view: BuyerView) throws {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character(Character("\(view.rawValue + 1)")), .character("?")], &state)
        let help = try #require(state.shell.help)
        let lines = help.lines.filter { !$0.isTitle }.map { "\($0.keys) \($0.text)" }
        let tables = [BuyerKeys.search.helpSection, BuyerKeys.cart.helpSection, BuyerKeys.purchases.helpSection, BuyerKeys.navigation.helpSection,
                      BuyerKeys.global.helpSection, BuyerKeys.searchBar.helpSection, Form.keys.helpSection, TextField.keys.helpSection,
                      Dialog.keys.helpSection, Menu.keys.helpSection, HelpOverlay.keys.helpSection]
        for entry in tables.flatMap(\.entries) {
            #expect(lines.contains("\(entry.keys) \(entry.help)"), "\(entry.keys) \(entry.help)")
        }
        // A choice whose letter is one of the menu's own keys (q: Close) is told by those.
        for choice in BuyerItemDetail.actions.items where choice.key.flatMap({ Menu.keys.action(for: .character($0)) }) == nil {
            #expect(lines.contains("\(choice.key.map(String.init) ?? "") \(choice.label)"), "\(choice.label)")
        }
        let titles = help.lines.filter(\.isTitle).map(\.text)
        #expect(titles.first == view.title, "the view's own keys come first")
        #expect(titles.contains("Mouse"))
    }

    /// The purchases view, showing the fixtures' first page of `total` orders.
    private func showPurchases(ofTotal total: Int, _ state: inout BuyerState) {
        BuyerFixtures.showPurchases(&state)
        var history = BuyerFixtures.purchases
        history.purchases.total = total
        for case .loadPurchases(let request, _) in self.program.press([.character("r")], &state) {
            _ = self.program.update(&state, .message(.purchasesLoaded(request: request, history: history)))
        }
    }

    @Test func sortingOnePageOfSeveralOrdersSaysSo() {
        var state = BuyerFixtures.loggedIn()
        self.showPurchases(ofTotal: 25, &state)
        func status() -> String { self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 2] }
        #expect(status().hasSuffix("5 units purchased · orders 1–2 of 25 "), "\(status())")
        _ = self.program.press([.character("s")], &state)
        #expect(status().hasSuffix("5 units purchased · this page sorted · orders 1–2 of 25 "), "\(status())")
    }

    @Test func olderPurchasesAreOfferedAndKeepTheSortAndSortingKeepsTheSelection() {
        var state = BuyerFixtures.loggedIn()
        self.showPurchases(ofTotal: 25, &state)
        let footer = self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 1]
        #expect(footer.contains("] Older"), "\(footer)")
        _ = self.program.press([.down, .down], &state)
        let selected = state.purchases.selected(timeZone: BuyerFixtures.utc)
        _ = self.program.press([.character("s"), .character("s"), .character("s"), .character("s")], &state)
        #expect(state.purchases.table.sortColumn == 3, "by name")
        #expect(state.purchases.selected(timeZone: BuyerFixtures.utc) == selected, "the selected line stays selected")
        let next = self.program.press([.character("]")], &state)
        #expect(next.contains { if case .loadPurchases(_, 20) = $0 { true } else { false } })
        #expect(state.purchases.table.sortColumn == 3, "the next page is sorted the same way")
    }

    @Test func theItemsPurchasedCountIsTheServersNotThePages() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        var history = BuyerFixtures.purchases
        history.itemsPurchased = 1
        history.purchases.items = Array(history.purchases.items.prefix(1))
        let commands = self.program.press([.character("r")], &state)
        for case .loadPurchases(let request, _) in commands {
            _ = self.program.update(&state, .message(.purchasesLoaded(request: request, history: history)))
        }
        #expect(state.purchases.itemsPurchased == 1)
        let status = self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 2]
        #expect(status.hasSuffix("1 unit purchased · orders 1 of 2 "), "\(status)")
    }

    @Test func theAddDialogCountsWhatIsOnSaleAndWhatIsInTheCartApart() {
        var state = BuyerFixtures.loggedIn()
        // The first hit has 8 on sale, 2 of them in the cart.
        _ = self.program.press([.character("a")], &state)
        guard case .quantity(let dialog)? = state.modal else {
            Issue.record("expected the add dialog")
            return
        }
        #expect(dialog.form.fields[0].hint == "8 on sale, 2 already in your cart — up to 6 more")
        _ = self.program.press([.backspace], &state)
        _ = self.program.type("7", &state)
        guard case .quantity(let tooMany)? = state.modal else { return }
        #expect(tooMany.form.fields[0].problem == "You can add up to 6 more (8 on sale, 2 in your cart).")
    }

    @Test func aCartShortOfStockDoesNotOpenTheCardFormButSaysWhatToDo() {
        var state = BuyerFixtures.loggedIn(cart: BuyerFixtures.shortCart)
        _ = self.program.press([.character("2"), .character("c")], &state)
        #expect(state.modal == nil, "no card form for a payment the server would refuse")
        #expect(state.shell.status == .warning("2 lines are short of stock — x removes units, or r refreshes."))
        var enough = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("2"), .character("c")], &enough)
        guard case .checkout? = enough.modal else {
            Issue.record("a cart with enough stock goes to the card form")
            return
        }
    }

    @Test func aOneFieldBoxDoesNotTalkOfMovingBetweenFieldsAndTheCartSummaryIsEvenlySpaced() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("a"), .backspace], &state)
        let box = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
        #expect(box.contains("Enter adds · Esc cancels"))
        #expect(!box.contains("Tab moves between fields"), "the box has one field")

        var cart = BuyerFixtures.loggedIn(cart: BuyerFixtures.shortCart)
        cart.cart.hasUnsavedChanges = true
        BuyerFixtures.showCart(&cart)
        let summary = self.program.canvas(for: cart, size: cart.shell.size).lines[cart.shell.size.height - 3]
        #expect(summary.contains("5 units in 3 lines · not saved (w saves) · 2 lines short of stock"), "\(summary)")
    }
}
