@testable import BuyerApp
import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import Testing
import TerminalUI
import TerminalUITesting

/// Adding to the cart, the cart view, clearing and saving it.
extension BuyerFlowTests {
    @Test func theBoxOfAnItemWithNoUnitsOnSaleOffersOnlyToClose() {
        var soldOut = BuyerFixtures.hits[0]
        soldOut.item.quantity = 0
        var state = BuyerFixtures.loggedIn(hits: [soldOut])
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state, hits: [soldOut]) }
        guard case .detail(let detail)? = state.modal else {
            Issue.record("Enter opens the item")
            return
        }
        #expect(detail.menu.items.map(\.label) == ["Close"])
        #expect(!detail.hints.map(\.key).contains("a"), "the footer offers no add")
        _ = self.program.press([.character("a")], &state)
        guard case .detail? = state.modal else {
            Issue.record("a adds nothing and keeps the box")
            return
        }
        #expect(state.shell.status?.text == "“\(soldOut.item.name)” is sold out.", "and says why")
        _ = self.program.press([.enter], &state)
        #expect(state.modal == nil, "Enter closes it")
    }

    @Test func aCartKeyPressedElsewhereSaysWhereItWorks() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("c")], &state)
        #expect(commands.isEmpty && state.modal == nil && state.view == .search)
        #expect(state.shell.status?.text == "c works in Cart — press 2 to go there.")
        _ = self.program.press([.character("2"), .character("+")], &state)
        #expect(state.shell.status?.text == "+ works in Purchases — press 3 to go there.")
    }

    /// What the client learns of an item (fetched again for any reason, or priced by the cart)
    /// shows in its open box and its search row, not only where it was fetched for.
    @Test func anOpenItemBoxShowsThePriceAndStockLearnedSinceItWasOpened() {
        var state = BuyerFixtures.loggedIn()
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state) }
        guard case .detail(let opened)? = state.modal, var item = opened.detail?.item else {
            Issue.record("Enter opens the item")
            return
        }
        // Fetched again for another reason (e.g. after an add), with a new price.
        item.price = Money("99.95")!
        let seller = opened.detail!.seller
        _ = self.program.update(&state, .message(.itemLoaded(request: 4242, detail: BuyerAPI.GetItem.Result(item: item, seller: seller))))
        guard case .detail(let refreshed)? = state.modal else {
            Issue.record("the box stays open")
            return
        }
        #expect(refreshed.detail?.item.price == Money("99.95")!)
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.contains { $0.contains("Price") && $0.contains("99.95") })

        // The cart, fetched again, prices the item otherwise and says it has fewer on sale.
        let line = CartLine(itemID: item.id, name: item.name, quantity: 1, unitPrice: Money("101.00")!, available: 2, sellerID: item.sellerID)
        let request = state.shell.begin("Loading your cart…")
        state.cart.loadRequest = request
        _ = self.program.update(&state, .message(.cartLoaded(request: request, cart: Cart(lines: [line]))))
        guard case .detail(let priced)? = state.modal else {
            Issue.record("the box stays open")
            return
        }
        #expect(priced.detail?.item.price == Money("101.00")! && priced.detail?.item.quantity == 2)
        #expect(state.search.page?.items.first { $0.item.id == item.id }?.item.price == Money("101.00")!, "and so does its search row")
    }

    /// A box opened while the server was out of reach has nothing to show; a refresh (r, or the
    /// server coming back) fetches its item.
    @Test func anItemBoxThatCouldNotLoadItsItemLoadsItOnRefresh() {
        var state = BuyerFixtures.loggedIn()
        let open = self.program.press([.enter], &state)
        guard case .loadItem(let request, let item)? = open.first(where: { if case .loadItem = $0 { true } else { false } }) else {
            Issue.record("Enter fetches the item: \(open)")
            return
        }
        _ = self.program.update(&state, .message(.failed(request: request, command: .loadItem(request: request, item: item), error: MarketError(.unreachable, "Can't reach the server."))))
        guard case .detail(let failed)? = state.modal, failed.detail == nil, failed.failure != nil else {
            Issue.record("the box says it could not load")
            return
        }
        let refresh = self.program.press([.character("r")], &state)
        guard case .detail(let again)? = state.modal, again.failure == nil,
            let reload = refresh.first(where: { if case .loadItem(_, item) = $0 { true } else { false } })
        else {
            Issue.record("r fetches the box's item again: \(refresh)")
            return
        }
        BuyerFixtures.answer(reload, &state)
        guard case .detail(let loaded)? = state.modal else {
            Issue.record("the box stays")
            return
        }
        #expect(loaded.detail?.item.id == item && loaded.request == nil)
    }

    /// A box opened from the cart says what the cart holds now, after an add from it too.
    @Test func theBoxOfACartLineFollowsTheCart() throws {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        let line = try #require(state.cart.selected)
        for command in self.program.press([.enter], &state) { _ = BuyerFixtures.answer(command, &state) }
        var more = BuyerFixtures.cart
        let index = try #require(more.lines.firstIndex { $0.itemID == line.itemID })
        more.lines[index].quantity += 1
        let refresh = self.program.press([.character("r")], &state)
        guard case .loadCart(let request)? = refresh.first(where: { if case .loadCart = $0 { true } else { false } }) else {
            Issue.record("r fetches the cart, got \(refresh)")
            return
        }
        _ = self.program.update(&state, .message(.cartLoaded(request: request, cart: more)))
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.contains { $0.contains("In cart") && $0.contains(Format.units(line.quantity + 1)) })
    }

    /// Alt with a key where no text field takes it is Esc and then the key, as typed (tmux
    /// sends Esc and a key pressed soon after as Alt with the key).
    @Test func altWithAKeyOutsideATextFieldIsEscThenTheKey() {
        var state = BuyerFixtures.loggedIn()
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state) }
        guard case .detail? = state.modal else {
            Issue.record("Enter opens the item's box")
            return
        }
        _ = self.program.press([.alt("2")], &state)
        #expect(state.modal == nil && state.view == .cart, "Esc closed the box, 2 showed the cart")
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("oak lamp", &state)
        _ = self.program.press([.alt("b")], &state)
        _ = self.program.type("desk ", &state)
        #expect(state.search.bar["keywords"] == "oak desk lamp", "in a text field Alt-b is a word left")
    }

    @Test func aCartKeyInTheBoxOfASearchHitSaysWhereItWorks() {
        var state = BuyerFixtures.loggedIn()
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state) }
        _ = self.program.press([.character("x")], &state)
        guard case .detail? = state.modal else {
            Issue.record("x keeps the box")
            return
        }
        #expect(state.shell.status?.text == "x works in Cart — Esc, then 2, to go there.")
    }

    @Test func clickingACartTitleSortsAndKeepsTheSelectedLineSelected() throws {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        let selected = try #require(state.cart.selected?.itemID)
        // The "Units" title: sorted by it, the lines (2 units, then 1) swap places.
        let lines = self.program.canvas(for: state, size: state.shell.size).lines
        let row = try #require(lines.firstIndex { $0.contains("Unit price") && $0.contains("Line total") })
        let column = try #require(lines[row].range(of: "Units")).lowerBound.utf16Offset(in: lines[row])
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: Point(x: column + 1, y: row))))
        #expect(state.cart.rows.first?.itemID != selected, "sorted: the line selected is not first any more")
        #expect(state.cart.selected?.itemID == selected, "and is still the one selected")
    }

    @Test func theBoxOfACartLineSaysHowManyAreInTheCartAndTakesThemOut() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        let line = state.cart.selected
        for command in self.program.press([.enter], &state) { _ = BuyerFixtures.answer(command, &state) }
        guard case .detail(let detail)? = state.modal else {
            Issue.record("Enter opens the item")
            return
        }
        #expect(detail.menu.items.map(\.key).contains("x"))
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.contains { $0.contains("In cart") && $0.contains(Format.units(line?.quantity ?? 0)) })
        _ = self.program.press([.delete], &state)
        guard case .quantity(let dialog)? = state.modal else {
            Issue.record("Del, as x, asks how many units to take out")
            return
        }
        #expect(dialog.purpose == .remove && dialog.item == line?.itemID)
    }

    /// Adds `units` of the second result (7 on sale, none in the cart), has the server refuse
    /// for stock, and answers the fetch of the item that follows with `onSale` units on sale.
    private func addRefusedForStock(_ units: Int, leaving onSale: Int, _ state: inout BuyerState) -> ItemID? {
        _ = self.program.press([.character("j"), .character("a"), .backspace], &state)
        _ = self.program.type("\(units)", &state)
        let commands = self.program.press([.enter], &state)
        guard case .addToCart(let request, let item, units)? = commands.first else {
            Issue.record("expected an add, got \(commands)")
            return nil
        }
        let refusal = MarketError(.insufficientStock, "Only \(onSale) on sale; nothing was added.", field: "quantity")
        let next = self.program.update(&state, .message(.failed(request: request, command: commands[0], error: refusal)))
        guard let fetch = next.first(where: { if case .loadItem(_, item) = $0 { true } else { false } }), let fetchRequest = fetch.request else {
            Issue.record("expected the item to be fetched again, got \(next)")
            return nil
        }
        var now = BuyerFixtures.hits[1].item
        now.quantity = onSale
        let seller = SellerRating(sellerID: now.sellerID, name: now.sellerName, rating: Rating(thumbsUp: 1, thumbsDown: 0), itemsSold: 3)
        _ = self.program.update(&state, .message(.itemLoaded(request: fetchRequest, detail: BuyerAPI.GetItem.Result(item: now, seller: seller))))
        return item
    }

    @Test func anAddRefusedForStockOfAnItemSoldOutClosesTheBoxSayingSo() {
        var state = BuyerFixtures.loggedIn()
        guard let item = self.addRefusedForStock(1, leaving: 0, &state) else { return }
        // Nothing left to add: the box closes and says so.
        #expect(state.modal == nil)
        #expect(state.shell.status == .info("\(Format.quoted(BuyerFixtures.hits[1].item.name)) sold out since it was shown."))
        #expect(state.search.page?.items.first { $0.item.id == item }?.item.quantity == 0, "the row says so too")
    }

    @Test func anAddRefusedForStockWithSomeLeftKeepsTheBoxSayingWhatIsLeft() {
        var state = BuyerFixtures.loggedIn()
        guard self.addRefusedForStock(5, leaving: 2, &state) != nil else { return }
        guard case .quantity(let dialog)? = state.modal else {
            Issue.record("the box stays open with the refusal")
            return
        }
        #expect(dialog.maximum == 2)
        #expect(dialog.failure == nil, "said once, under the field, not twice")
        #expect(dialog.form.fields[0].problem != nil)
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

    @Test func addingToTheCartRespectsWhatIsOnSaleAndInTheCart() {
        var state = BuyerFixtures.loggedIn()
        // The first hit has 8 on sale and 2 already in the cart: 6 more at most.
        _ = self.program.press([.character("a"), .backspace], &state)
        _ = self.program.type("7", &state)
        guard case .quantity(let box)? = state.modal else {
            Issue.record("expected the add box")
            return
        }
        #expect(box.form.shownProblem(at: 0) == "Only 6 more: 8 on sale, 2 in your cart.", "said as it is typed: more digits cannot mend it")
        _ = self.program.type("99999999", &state)
        if case .quantity(let huge)? = state.modal {
            #expect(huge.form.shownProblem(at: 0) == "Only 6 more: 8 on sale, 2 in your cart.", "what there is, not the market's own limit")
        }
        _ = self.program.press(Array(repeating: .backspace, count: 8), &state)
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

    @Test func addingToTheCartFromAnItemsDetailsGoesBackToThem() {
        var state = BuyerFixtures.loggedIn()
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state) }
        var commands = self.program.press([.character("a")], &state)
        for command in commands where !command.isAddToCart { BuyerFixtures.answer(command, &state) }
        commands = self.program.press([.enter], &state)
        guard case .addToCart(let request, let item, let quantity)? = commands.first(where: \.isAddToCart) else {
            Issue.record("expected an add, got \(commands)")
            return
        }
        _ = self.program.update(&state, .message(.addedToCart(request: request, item: item, added: quantity, inCart: quantity)))
        guard case .detail? = state.modal else {
            Issue.record("the details are gone: \(String(describing: state.modal))")
            return
        }
        #expect(state.shell.status?.kind == .success)
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
        var fewer = BuyerFixtures.cart
        fewer.lines[1].available = 0
        fewer.lines[0].available = 1
        #expect(BuyerProgram.changes(from: BuyerFixtures.cart, to: fewer) == "2 lines are short of stock now: “\(cart.lines[0].name)” and 1 more.")
        fewer.lines[1].available = 1
        #expect(BuyerProgram.changes(from: BuyerFixtures.cart, to: fewer) == "“\(cart.lines[0].name)”: only 1 on sale now, fewer than in your cart.")
        // And back: a seller restocked.
        var soldOut = BuyerFixtures.cart
        soldOut.lines[1].available = 0
        #expect(BuyerProgram.changes(from: soldOut, to: BuyerFixtures.cart) == "“\(cart.lines[1].name)” is on sale again: the 1 unit in your cart can be bought.")
        var more = BuyerFixtures.cart
        more.lines[0].available = 1
        more.lines[1].available = 0
        var someMore = more
        someMore.lines[0].available = more.lines[0].quantity - 1
        if someMore.lines[0].available > 1 {
            #expect(BuyerProgram.changes(from: more, to: someMore)?.hasSuffix("on sale now, more than before, fewer than in your cart.") == true)
        }
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

    @Test func aSavedCartThatCameBackShortOfStockIsPointedOutAtLogin() {
        var state = BuyerFixtures.started()
        let commands = self.program.update(&state, .message(.account(.loggedIn(request: 900, profile: BuyerFixtures.profile))))
        for command in commands { BuyerFixtures.answer(command, &state, cart: BuyerFixtures.shortCart) }
        #expect(state.shell.status?.kind == .warning)
        #expect(state.shell.status?.text.hasPrefix("Your saved cart has 2 lines short of stock now") == true, "\(state.shell.status?.text ?? "")")
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
        #expect(self.program.canvas(for: state, size: state.shell.size).point(of: "Not saved: your saved cart still holds lines") != nil)
        // Quitting now would bring the saved lines back at the next login: the question says so.
        _ = self.program.press([.character("q")], &state)
        let dialog = try #require(state.shell.quitDialog)
        #expect(dialog.lines.map(\.text).contains("your next login brings back. w saves the empty cart, then quits."))
        let screen = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
        #expect(screen.contains("then quits."), "the whole warning is on screen:\n\(screen)")
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
        guard case .quantity(let tooMany)? = state.modal else {
            Issue.record("typing 7 closed the add dialog")
            return
        }
        #expect(tooMany.form.fields[0].problem == "Only 6 more: 8 on sale, 2 in your cart.")
    }
}

extension BuyerCommand {
    fileprivate var isAddToCart: Bool { if case .addToCart = self { true } else { false } }
}
