import BuyerApp
import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import Testing
import TerminalUI
import TerminalUITesting

/// Checking out: the card form, the confirmation, and payments that are refused, cut short or
/// whose answer is lost.
extension BuyerFlowTests {
    @Test func checkoutChecksTheCardThenAsksThenPays() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("2"), .character("c")], &state)
        self.program.fill(["4111 1111 1111 1111", "10/26"], &state)
        #expect(self.program.press([.enter], &state).isEmpty, "an expired card is refused")
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type("04/29", &state)
        #expect(self.program.press([.enter], &state).isEmpty, "the confirmation comes first")
        #expect(self.program.press([.enter], &state).isEmpty, "Enter pressed twice on the form does not pay: the question is read first")
        guard case .checkout(let asking)? = state.modal, asking.confirmation != nil, !asking.isWorking else {
            Issue.record("the question went")
            return
        }
        BuyerFixtures.readTheQuestion(&state)
        state.shell.status = .success("Reconnected to 127.0.0.1:7002 — refreshed.")
        let commands = self.program.press([.enter], &state)
        #expect(state.shell.status == nil, "older news does not sit beside “Paying…”")
        guard case .purchase(let request, let card, let total, _, _)? = commands.first else {
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
        #expect(state.shell.status?.text.contains("order #19") == true)
        #expect(after.contains { if case .loadCart = $0 { true } else { false } })
        // The search on show is run again, and finds nothing now that the last units are bought:
        // the receipt stays on the status line.
        if let rerun = after.first(where: { if case .search = $0 { true } else { false } }) {
            BuyerFixtures.answer(rerun, &state, hits: [])
        }
        #expect(state.shell.status?.text.contains("order #19") == true, "\(String(describing: state.shell.status))")
        #expect(after.contains { if case .loadPurchases = $0 { true } else { false } })
    }

    /// A cart fetched while the payment question is up (a check after a lost answer, a
    /// reconnection) with another total: the question is asked again with it, so Pay never sends
    /// a total the buyer did not see.
    @Test func aCartChangedUnderThePaymentQuestionIsAskedAboutAgain() throws {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .checkout(let asked)? = state.modal else {
            Issue.record("the checkout is open")
            return
        }
        #expect(try #require(asked.confirmation).lines.map(\.text).joined().contains("234.99"))
        var cart = BuyerFixtures.cart
        cart.lines[0].unitPrice = Money("30.00")!
        let request = state.shell.begin("Loading your cart…")
        state.cart.loadRequest = request
        _ = self.program.update(&state, .message(.cartLoaded(request: request, cart: cart)))
        guard case .checkout(let again)? = state.modal else {
            Issue.record("the checkout stays open")
            return
        }
        let question = try #require(again.confirmation)
        #expect(question.lines.map(\.text).joined().contains("249.99"), "the question names the total now")
        #expect(again.failure?.contains("249.99") == true)
        let commands = self.program.press([.enter], &state)
        guard case .purchase(_, _, let total, _, _)? = commands.first else {
            Issue.record("expected a purchase, got \(commands)")
            return
        }
        #expect(total == Money("249.99")!, "the total the question named when Pay was pressed")
    }

    @Test func aPaymentWhoseAnswerIsLostSaysTheOutcomeIsUnknownAndFetchesWhatItMayHaveChanged() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        let timeout = MarketError(.timedOut, "The server did not answer in time.")
        let reload = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total, shortages: [], saveFirst: false), error: timeout)))
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
        #expect(state.shell.status?.text.contains("went through after all: order #\(newest)") == true, "status: \(String(describing: state.shell.status))")
    }

    /// A payment whose answer was lost and that went through empties the cart; the cart may come
    /// back before the purchases do. An empty cart is then no reason to say there is nothing to
    /// pay for: the purchases say what happened.
    @Test func aLostPaymentsEmptiedCartWaitsForThePurchasesToSayItWentThrough() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        let lost = MarketError(.connectionLost, "dropped")
        let reload = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total, shortages: [], saveFirst: false), error: lost)))
        guard case .loadCart(let cartLoad)? = reload.first(where: { if case .loadCart = $0 { true } else { false } }),
            case .loadPurchases(let purchasesLoad, _)? = reload.first(where: { if case .loadPurchases = $0 { true } else { false } })
        else {
            Issue.record("expected the cart and the purchases to be fetched, got \(reload)")
            return
        }
        _ = self.program.update(&state, .message(.cartLoaded(request: cartLoad, cart: Cart(lines: []))))
        guard case .checkout(let screen)? = state.modal else {
            Issue.record("the checkout closed on the empty cart: \(String(describing: state.shell.status))")
            return
        }
        #expect(screen.failure?.contains("unknown") == true, "the warning stays: \(screen.failure ?? "")")
        let newest = (state.purchases.page?.items.first?.id ?? 0) + 1
        let order = Purchase(id: newest, purchasedAt: .now, lines: [], total: total, cardLast4: "1111")
        let older = state.purchases.page?.items ?? []
        let history = PurchaseHistory(purchases: Page(items: [order] + older, offset: 0, limit: 20, total: older.count + 1), itemsPurchased: 9)
        _ = self.program.update(&state, .message(.purchasesLoaded(request: purchasesLoad, history: history)))
        #expect(state.modal == nil)
        #expect(state.shell.status?.text.contains("went through after all: order #\(newest)") == true, "status: \(String(describing: state.shell.status))")
    }

    /// A lost payment while the purchases view shows a later page: the newest orders are fetched
    /// to look for it, and one more order than there were is that payment.
    @Test func aLostPaymentIsLookedForAmongTheNewestOrdersWhateverPageIsOnShow() {
        var state = BuyerFixtures.loggedIn()
        var later = BuyerFixtures.purchases
        later.purchases.offset = 20
        later.purchases.total = 25
        state.purchases.loaded(later, visibleRows: 10)
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        let reload = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total, shortages: [], saveFirst: false), error: MarketError(.timedOut, "late"))))
        guard case .loadPurchases(let load, 0)? = reload.first(where: { if case .loadPurchases = $0 { true } else { false } }) else {
            Issue.record("expected the newest purchases to be fetched, got \(reload)")
            return
        }
        var newest = BuyerFixtures.purchases
        let order = Purchase(id: 500, purchasedAt: .now, lines: [], total: total, cardLast4: "1111")
        newest.purchases.items.insert(order, at: 0)
        newest.purchases.offset = 0
        newest.purchases.total = 26
        _ = self.program.update(&state, .message(.purchasesLoaded(request: load, history: newest)))
        #expect(state.modal == nil)
        #expect(state.shell.status?.text.contains("went through after all: order #500") == true, "status: \(String(describing: state.shell.status))")
    }

    @Test func aNameThatCannotBeACardsStartsAnEmptyHolderFieldWhereTheCursorIs() throws {
        var state = BuyerFixtures.loggedIn()
        state.profile?.name = "Bea 🎉"
        BuyerFixtures.showCart(&state)
        _ = self.program.press([.character("c")], &state)
        _ = self.program.type("Bea O'Brien", &state)
        guard case .checkout(let checkout)? = state.modal else {
            Issue.record("expected the checkout")
            return
        }
        #expect(checkout.form["holder"] == "Bea O'Brien", "typed where the empty holder is")
        #expect(checkout.form["number"].isEmpty)
        // A holder typed in is work to lose: Esc asks.
        _ = self.program.press([.escape], &state)
        guard case .checkout(let asking)? = state.modal else {
            Issue.record("Esc threw the typed holder away without asking")
            return
        }
        #expect(asking.discardQuestion != nil)
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

    @Test func aPaymentTheServerCouldNotSendToItsDatabaseIsKnownNotToHaveHappened() {
        let refused = MarketError(.unavailable, "The products database could not be reached in time; nothing was changed. Please try again.")
        let stalled = MarketError(.databaseTimeout, "The products database did not answer in time, so whether this took effect is unknown; check before repeating it.")
        #expect(!ErrorText.outcomeIsUnknown(refused))
        #expect(ErrorText.outcomeIsUnknown(stalled))

        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, let card, let total, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        _ = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total, shortages: [], saveFirst: false), error: refused)))
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
        guard case .purchase(let request, let card, let total, _, _)? = self.program.press([.enter], &state).first else {
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
        answerAll(self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total, shortages: [], saveFirst: false), error: MarketError(.timedOut, "late")))))
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
        guard case .purchase(let request, let card, let total, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        _ = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total, shortages: [], saveFirst: false), error: MarketError(.unreachable, "down"))))
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
        guard case .purchase(let request, let card, let total, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        let refusal = MarketError(.priceChanged, "A price in your cart changed: the total is now 254.99, not 234.99. Nothing was bought; check the cart and pay again.")
        let reload = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total, shortages: [], saveFirst: false), error: refusal)))
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
        BuyerFixtures.readTheQuestion(&state)
        guard case .purchase(_, _, let confirmed, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a second purchase")
            return
        }
        #expect(confirmed == Money("254.99")!)
    }

    @Test func aShortCheckoutKeepsTheFormAndShowsWhy() {
        var state = BuyerFixtures.loggedIn()
        guard let reload = self.paymentRefusedForStock("Only 1 unit of 2-41 is on sale.", &state) else { return }
        guard case .checkout(let checkout)? = state.modal else {
            Issue.record("the checkout stays open")
            return
        }
        #expect(checkout.failure == "Only 1 unit of 2-41 is on sale.")
        guard case .loadCart(let load)? = reload.first(where: { if case .loadCart = $0 { true } else { false } }) else {
            Issue.record("the cart is fetched again")
            return
        }
        // Behind the box, the cart as it stands now, at the first line short of stock: once the
        // box is closed, x takes out what is missing.
        _ = self.program.update(&state, .message(.cartLoaded(request: load, cart: BuyerFixtures.shortCart)))
        #expect(state.cart.selected?.itemID == BuyerFixtures.shortCart.lines[1].itemID, "\(String(describing: state.cart.selected))")
    }

    @Test func aCartSoldOutWhileTheBoxIsOpenClosesItAndSaysWhatToDo() {
        var state = BuyerFixtures.loggedIn()
        guard let reload = self.paymentRefusedForStock("Sold out.", &state) else { return }
        var soldOut = BuyerFixtures.cart
        for index in soldOut.lines.indices { soldOut.lines[index].available = 0 }
        for load in reload { if case .loadCart(let load) = load { _ = self.program.update(&state, .message(.cartLoaded(request: load, cart: soldOut))) } }
        // As when checking out a cart with nothing on sale: no card form for a payment of
        // nothing; the cart, whose keys take the lines out, says what to do.
        #expect(state.modal == nil, "nothing left to pay for")
        #expect(state.view == .cart)
        #expect(state.shell.status == .warning(CheckoutScreen.nothingOnSale))
    }

    @Test func theReceiptAsksForVotesOnlyForItemsNotRatedYet() {
        let line = { (hit: Int) in
            PurchaseLine(itemID: BuyerFixtures.hits[hit].item.id, name: BuyerFixtures.hits[hit].item.name, sellerID: SellerID(9), quantity: 1, unitPrice: Money("12.50")!, feedback: nil)
        }
        var state = BuyerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.purchased(request: 0, purchase: Purchase(id: 19, purchasedAt: .now, lines: [line(1)], total: Money("12.50")!, cardLast4: "1111"))))
        #expect(state.shell.status?.text.hasSuffix("Thank you!") == true, "rated after purchase #18: \(String(describing: state.shell.status))")
        var again = BuyerFixtures.loggedIn()
        _ = self.program.update(&again, .message(.purchased(request: 0, purchase: Purchase(id: 19, purchasedAt: .now, lines: [line(1), line(0)], total: Money("25.00")!, cardLast4: "1111"))))
        #expect(again.shell.status?.text.hasSuffix("Rate items with + or -.") == true)
        #expect(again.purchases.selectAfterLoad?.purchaseID == 19 && again.purchases.selectAfterLoad?.line == 1, "its line not rated yet, once the order comes")
    }

    @Test func aCartShortOfStockIsPaidForAsFarAsItIsOnSaleOnceTheRestIsTakenOut() {
        var state = BuyerFixtures.loggedIn(cart: BuyerFixtures.shortCart)
        _ = self.program.press([.character("2"), .character("c")], &state)
        guard case .checkout(let checkout)? = state.modal else {
            Issue.record("the card form opens, as after a payment refused for stock")
            return
        }
        #expect(checkout.total == Money("234.99")!, "2 × 22.50 and the 1 of 2 on sale at 189.99")
        #expect(checkout.units == 3)
        #expect(checkout.shortages.map(\.itemID) == Array(BuyerFixtures.shortCart.lines[1...].map(\.itemID)))
        #expect(self.program.canvas(for: state, size: state.shell.size).point(of: "for 3 units, once 2 units no longer on sale are taken out.") != nil)
        self.program.fill(["4111 1111 1111 1111", "04/29"], &state)
        _ = self.program.press([.enter], &state)
        BuyerFixtures.readTheQuestion(&state)
        #expect(checkout.confirmation(for: PaymentCard(holder: "B", number: "4111111111111111", expiry: "04/29")).lines.map(\.text).joined(separator: " ").hasPrefix(
            "Take out what is not on sale any more: 1 × “\(BuyerFixtures.hits[3].item.name)”, 1 × “\(BuyerFixtures.hits[2].item.name)” then pay 234.99 for 3 units"
        ))
        guard case .purchase(_, _, let total, let shortages, let saveFirst)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a payment")
            return
        }
        #expect(total == Money("234.99")!)
        #expect(shortages.map(\.unitsShort) == [1, 1])
        #expect(saveFirst, "the cart was saved: it stays saved without what is taken out, so that does not come back")
    }

    @Test func aCartWithUnsavedChangesIsNotSavedWhenItsShortLinesAreTakenOut() {
        var unsaved = BuyerFixtures.shortCart
        unsaved.isSaved = false
        var state = BuyerFixtures.loggedIn(cart: unsaved)
        _ = self.program.press([.character("2"), .character("c")], &state)
        self.program.fill(["4111 1111 1111 1111", "04/29"], &state)
        _ = self.program.press([.enter], &state)
        BuyerFixtures.readTheQuestion(&state)
        guard case .purchase(_, _, _, let shortages, let saveFirst)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a payment")
            return
        }
        #expect(shortages.count == 2)
        #expect(!saveFirst, "what the buyer chose not to save stays unsaved")
    }

    @Test func aCartWithNothingOnSaleOpensNoCardFormButSaysWhatToDo() {
        var soldOut = BuyerFixtures.shortCart
        for index in soldOut.lines.indices { soldOut.lines[index].available = 0 }
        var state = BuyerFixtures.loggedIn(cart: soldOut)
        _ = self.program.press([.character("2"), .down, .character("c")], &state)
        #expect(state.modal == nil, "no card form for a payment of nothing")
        #expect(state.shell.status == .warning(CheckoutScreen.nothingOnSale))
        #expect(state.cart.selected?.itemID == soldOut.lines[0].itemID, "at the first line to take out")

        // x on a line offers to remove what is beyond what is on sale: here the whole line.
        _ = self.program.press([.down, .character("x")], &state)
        guard case .quantity(let short)? = state.modal else {
            Issue.record("x opens the box")
            return
        }
        #expect(short.value == 2)
    }

    /// Fills in the checkout and pays, and the server refuses the payment for stock with
    /// `message`: returns the commands that follow (nil, with an issue, if no payment was sent).
    private func paymentRefusedForStock(_ message: String, _ state: inout BuyerState) -> [BuyerCommand]? {
        BuyerFixtures.fillInCheckout(&state)
        guard let command = self.program.press([.enter], &state).first, let request = command.request else {
            Issue.record("expected a purchase")
            return nil
        }
        return self.program.update(&state, .message(.failed(request: request, command: command, error: MarketError(.insufficientStock, message))))
    }
}
