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
        #expect(commands.count == 4)
        #expect(commands.contains { $0.account == .loadCategories })
        #expect(commands.contains { if case .search(_, .everything, 0, _) = $0 { true } else { false } })
        #expect(commands.contains { if case .loadCart = $0 { true } else { false } })
        #expect(commands.contains { if case .loadPurchases(_, 0) = $0 { true } else { false } })
        #expect(!state.search.isEditing, "keys move through the results until / opens the bar")
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
    func point(of text: String, in state: BuyerState) -> Point? {
        self.program.canvas(for: state, size: state.shell.size).point(of: text)
    }

    @Test func aClickOnAFooterHintPressesItsKey() throws {
        var state = BuyerFixtures.loggedIn()
        // On the footer's text (ASCII, so characters are columns).
        let click = { (text: String, state: inout BuyerState) throws in
            let footer = self.program.canvas(for: state, size: state.shell.size).lines.last ?? ""
            let range = try #require(footer.range(of: text), "\(text) in \(footer)")
            let x = footer.distance(from: footer.startIndex, to: range.lowerBound) + 1
            _ = self.program.update(&state, .mouse(MouseEvent(.press, at: Point(x: x, y: state.shell.size.height - 1))))
        }
        try click("? Help", &state)
        #expect(state.shell.help != nil)
        try click("Esc", &state)
        #expect(state.shell.help == nil)
        try click("View", &state)
        #expect(state.view == .cart, "Tab")
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

    /// ? too, in a box that takes no text (an item's, a question); where text is typed, ? is text.
    @Test func questionMarkShowsEveryKeyFromABoxWithoutText() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.enter, .character("?")], &state)
        #expect(state.shell.help != nil, "from the item's box")
        _ = self.program.press([.escape], &state)
        guard case .detail? = state.modal else {
            Issue.record("closing the help goes back to the box")
            return
        }
        _ = self.program.press([.escape, .character("R"), .character("?")], &state)
        #expect(state.shell.help == nil, "typed into the seller's number")

        // The payment question over the card form takes no text either.
        var paying = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&paying)
        _ = self.program.press([.character("?")], &paying)
        #expect(paying.shell.help != nil, "from the payment question")
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

    @Test func anEmptyViewDoesNotOfferKeysForItsRows() {
        let empty = BuyerKeys.hints(for: .search, hasRows: false).map(\.label)
        #expect(empty.contains("Search") && !empty.contains("Open") && !empty.contains("Add") && !empty.contains("Sort"))
        let cart = BuyerKeys.hints(for: .cart, hasRows: false).map(\.label)
        #expect(cart.contains("Save") && !cart.contains("Checkout") && !cart.contains("Empty"))
        #expect(BuyerKeys.hints(for: .search).map(\.label).contains("Open"))
        #expect(BuyerKeys.hints(for: .search).map(\.label).contains("Next"))
        #expect(!BuyerKeys.hints(for: .search, hasNextPage: false).map(\.label).contains("Next"), "not on the last page")
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

    @Test func aLongUsernameIsShortenedBeforeAnyTabAt80Columns() {
        var state = BuyerFixtures.loggedIn(size: Size(width: 80, height: 24))
        state.shell.user = SignedInUser(username: "qa_longname_buyer_abcdefghijklmn", name: "Bea Büyer")
        let header = self.program.canvas(for: state, size: state.shell.size).lines[0]
        #expect(header.contains(" 1 Search ") && header.contains(" 2 Cart (3) ") && header.contains(" 3 Purchases "), "\(header)")
        #expect(header.contains("qa_longname_bu") && header.contains("…") && header.contains("● connected"), "\(header)")
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

    @Test func everyDialogsButtonsHaveLettersOfTheirOwn() throws {
        var dialogs: [Dialog] = []
        var state = BuyerFixtures.loggedIn()
        state.cart.changedHere()
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

    @Test func aOneFieldBoxDoesNotTalkOfMovingBetweenFieldsAndTheCartSummaryIsEvenlySpaced() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("a"), .backspace], &state)
        let box = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
        #expect(box.contains("Enter adds · Esc cancels"))
        #expect(!box.contains("Tab moves between fields"), "the box has one field")

        var cart = BuyerFixtures.loggedIn(cart: BuyerFixtures.shortCart)
        cart.cart.changedHere()
        BuyerFixtures.showCart(&cart)
        let summary = self.program.canvas(for: cart, size: cart.shell.size).lines[cart.shell.size.height - 3]
        #expect(summary.contains("5 units in 3 lines · 2 lines short of stock · not saved (w saves)"), "\(summary)")

        // At 80 columns it says the same shorter, the lines short of stock first.
        _ = self.program.update(&cart, .resize(Size(width: 80, height: 24)))
        let narrow = self.program.canvas(for: cart, size: cart.shell.size).lines[cart.shell.size.height - 3]
        #expect(narrow.contains("5 units in 3 lines · 2 short · not saved "), "\(narrow)")
        #expect(narrow.hasSuffix("Total  1,673.98 · on sale 234.99 "), "what paying would cost: \(narrow)")
        #expect(!narrow.contains("…"), "\(narrow)")
    }
}
