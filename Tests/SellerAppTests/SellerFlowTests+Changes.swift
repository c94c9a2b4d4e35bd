import MarketTesting
import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// Registering items, changing prices and taking units off sale: the boxes, their checks, and
/// answers that are refused or lost.
extension SellerFlowTests {
    @Test func registeringAnItemSendsANormalisedDraftAndSelectsTheNewItem() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        self.program.fill(["  Teapot 急須 ", "3", "Tea, TEAPOT tea"], &state)
        _ = self.program.press([.tab, .character("u"), .tab], &state)
        _ = self.program.type("34.9", &state)
        _ = self.program.press([.tab, .backspace], &state)
        _ = self.program.type("12", &state)
        let commands = self.program.press([.enter], &state)
        guard case .register(let request, let draft)? = commands.first else {
            Issue.record("expected a registration, got \(commands)")
            return
        }
        #expect(draft == ItemDraft(name: "Teapot 急須", category: Category(rawValue: 3)!, keywords: ["tea", "teapot"], condition: .used, price: Money("34.90")!, quantity: 12))
        let stored = SellerFixtures.item(40, "Teapot 急須", price: "34.90", quantity: 12, condition: .used)
        let reload = self.program.update(&state, .message(.registered(request: request, item: stored)))
        #expect(state.modal == nil)
        #expect(state.shell.status?.kind == .success)
        guard case .loadItems(let load, 0, ItemListing.all)? = reload.first(where: { if case .loadItems = $0 { true } else { false } }) else {
            Issue.record("expected the first page to reload, got \(reload)")
            return
        }
        _ = self.program.update(&state, .message(.itemsLoaded(request: load, page: Page(items: [stored] + SellerFixtures.items, offset: 0, limit: 100, total: 7))))
        #expect(state.items.selected?.id == stored.id)
    }

    @Test func theCategoryIsTypedByNameAndTheFieldSaysWhichItIs() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        let form = { () -> ItemFormScreen? in if case .register(let form) = state.modal { form } else { nil } }
        #expect(form()?.form.fields[1].hint == "A number, or a name from the list")
        _ = self.program.press([.tab], &state)
        let screen = { self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n") }
        #expect(screen().contains("8  Garden") && screen().contains("0  Other"), "the names, under the field while it is typed in")
        _ = self.program.press([.backTab], &state)
        self.program.fill(["Garden gnome", "gard", "gnome"], &state)
        #expect(!screen().contains("8  Garden"), "and gone once the focus moves on")
        #expect(form()?.form.fields[1].hint == "8 Garden")
        _ = self.program.press([.tab, .tab], &state)
        _ = self.program.type("12", &state)
        guard case .register(_, let draft)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a registration")
            return
        }
        #expect(draft.category == Category(rawValue: 8))

        // Without names (an older server, or before they came), numbers only.
        var bare = SellerFixtures.started()
        for command in self.program.update(&bare, .message(.account(.loggedIn(request: 1, profile: SellerFixtures.profile)))) where command.account == nil {
            SellerFixtures.answer(command, &bare)
        }
        _ = self.program.press([.character("n")], &bare)
        self.program.fill(["Garden gnome", "garden"], &bare)
        guard case .register(let unnamed)? = bare.modal else { return }
        #expect(unnamed.form.fields[1].problem == "No category is called “garden”: type a number.")
        // The names come while the form is open: it reads them at once.
        _ = self.program.update(&bare, .message(.account(.categories(.fresh))))
        guard case .register(let named)? = bare.modal else { return }
        #expect(named.form.fields[1].problem == nil)
        #expect(named.form.fields[1].hint == "8 Garden")
    }

    @Test func aRegistrationWhoseAnswerIsLostIsRecognisedInTheListInsteadOfSentTwice() {
        var state = SellerFixtures.loggedIn()
        SellerFixtures.fillInRegisterForm(&state, name: "Stall item", category: "4", keywords: "stall", price: "3")
        guard case .register(let request, let draft)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a registration")
            return
        }
        _ = self.program.update(&state, .message(.failed(request: request, command: .register(request: request, draft: draft), error: MarketError(.timedOut, "late"))))
        let refresh = self.program.refresh(&state)
        guard case .register(let form)? = state.modal, form.failure?.contains("unknown") == true else {
            Issue.record("the warning went with the refresh")
            return
        }
        guard case .loadItems(let load, _, _)? = refresh.first(where: \.isItemsLoad) else {
            Issue.record("expected the list to be fetched again, got \(refresh)")
            return
        }
        // A list without it proves nothing (it may be on another page): the warning stays…
        var page = Page(items: SellerFixtures.items, offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
        _ = self.program.update(&state, .message(.itemsLoaded(request: load, page: page)))
        #expect(state.modal != nil)
        // …a new one with every attribute of the form is.
        let stored = SellerFixtures.item(41, "Stall item", category: 4, price: "3.00", quantity: 1, keywords: ["stall"])
        let again = self.program.refresh(&state)
        guard case .loadItems(let second, _, _)? = again.first(where: \.isItemsLoad) else {
            Issue.record("expected the list to be fetched again")
            return
        }
        page = Page(items: [stored] + SellerFixtures.items, offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count + 1)
        _ = self.program.update(&state, .message(.itemsLoaded(request: second, page: page)))
        #expect(state.modal == nil)
        #expect(state.shell.status?.text.contains("went through after all: \(stored.id) “Stall item” is registered, once.") == true, "\(state.shell.status?.text ?? "")")
        #expect(state.items.selected?.id == stored.id)
    }

    @Test func thePriceBoxFetchesTheItemSinceAnotherSessionMayHaveChangedIt() {
        var state = SellerFixtures.loggedIn()
        let shown = SellerFixtures.items[0]
        let commands = self.program.press([.character("p")], &state)
        guard case .loadItems? = commands.first else {
            Issue.record("opening the box fetches the page, got \(commands)")
            return
        }
        // Another dashboard of the seller changed the price meanwhile.
        var changed = shown
        changed.price = Money("15.00")!
        for command in commands {
            _ = SellerFixtures.answer(command, &state, items: [changed] + SellerFixtures.items.dropFirst())
        }
        guard case .price(let dialog)? = state.modal else {
            Issue.record("the box stays open")
            return
        }
        #expect(dialog.form.fields[0].hint == "Now 15.00")
        #expect(dialog.form["price"] == "15.00", "the price not typed over yet follows")
        // The price shown before is a change now, not "the current price".
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type(shown.price.description, &state)
        guard case .changePrice(_, _, let price)? = self.program.press([.enter], &state).first else {
            Issue.record("expected the change to be sent")
            return
        }
        #expect(price == shown.price)
    }

    @Test func aRemovalWhoseAnswerIsLostIsCheckedAgainUntilTheListShowsIt() {
        var state = SellerFixtures.loggedIn()
        let item = SellerFixtures.items[0]
        for command in self.program.press([.character("x"), .control("u")], &state) { _ = SellerFixtures.answer(command, &state) }
        _ = self.program.type("2", &state)
        _ = self.program.press([.enter], &state)
        guard case .removeUnits(let request, let id, let count)? = self.program.press([.character("y")], &state).first else {
            Issue.record("expected a removal")
            return
        }
        _ = self.program.update(&state, .message(.failed(request: request, command: .removeUnits(request: request, item: id, count: count), error: MarketError(.connectionLost, "dropped"))))
        #expect(self.program.isAnimating(state), "the clock runs to look again")

        // The server may commit just after it answers again: the list is fetched a few more times…
        let fetch = self.program.tick(atMost: 40, &state)
        guard case .loadItems(let load, _, _)? = fetch.first(where: \.isItemsLoad) else {
            Issue.record("expected the list to be fetched again, got \(fetch)")
            return
        }
        // …until it shows the units gone: then the box closes and says so.
        var changed = item
        changed.quantity -= 2
        let page = Page(items: [changed] + SellerFixtures.items.dropFirst(), offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
        _ = self.program.update(&state, .message(.itemsLoaded(request: load, page: page)))
        #expect(state.modal == nil)
        #expect(state.shell.status?.text.hasPrefix("It went through after all: took 2 units of") == true, "\(state.shell.status?.text ?? "")")
        #expect(state.shell.outcomeChecks == nil)
    }

    @Test func aRegistrationNotInTheWholeListAfterTheLastLookIsSaidMostLikelyLost() {
        var state = SellerFixtures.loggedIn()
        SellerFixtures.fillInRegisterForm(&state, name: "Never arrived", category: "4", keywords: "lost", price: "3")
        guard case .register(let request, let draft)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a registration")
            return
        }
        // Every fetch is answered at once, without the item.
        func answerAll(_ commands: [SellerCommand]) {
            var pending = commands
            while !pending.isEmpty {
                switch pending.removeFirst() {
                case .loadItems(let load, let offset, _):
                    let page = Page(items: SellerFixtures.items, offset: offset, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
                    pending += self.program.update(&state, .message(.itemsLoaded(request: load, page: page)))
                case .loadRating(let load):
                    pending += self.program.update(&state, .message(.ratingLoaded(request: load, rating: SellerFixtures.rating)))
                default:
                    break
                }
            }
        }
        answerAll(self.program.update(&state, .message(.failed(request: request, command: .register(request: request, draft: draft), error: MarketError(.timedOut, "late")))))
        for _ in 0..<400 { answerAll(self.program.update(&state, .tick)) }
        guard case .register(let form)? = state.modal else {
            Issue.record("the form closed")
            return
        }
        #expect(form.failure?.contains("most likely not registered") == true, "\(form.failure ?? "")")
        #expect(!self.program.isAnimating(state), "the looking has stopped")
    }

    @Test func escOnAFilledInFormAsksBeforeThrowingItAway() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n"), .escape], &state)
        #expect(state.modal == nil, "nothing typed: Esc just closes")

        SellerFixtures.fillInRegisterForm(&state, name: "Half done", category: "7", keywords: "", price: "")
        _ = self.program.press([.escape], &state)
        guard case .register(let asking)? = state.modal, asking.discardQuestion != nil else {
            Issue.record("expected the question")
            return
        }
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.contains { $0.contains("[ Keep editing ]") }, "keeping is the default")
        _ = self.program.press([.enter], &state)
        guard case .register(let kept)? = state.modal, kept.discardQuestion == nil else {
            Issue.record("Enter keeps editing")
            return
        }
        #expect(kept.form["name"] == "Half done")
        _ = self.program.press([.escape, .character("d")], &state)
        #expect(state.modal == nil, "d discards")
    }

    @Test func registeringKeepsTheSortOfAListOnOnePageAndDropsItForALongerOne() {
        let stored = SellerFixtures.item(40, "Teapot", price: "34.90", quantity: 12)
        for (total, keepsSort) in [(SellerFixtures.items.count, true), (ItemsScreen.pageSize + 5, false)] {
            var state = SellerFixtures.loggedIn(total: total)
            // Each s of a longer list fetches it in the new order, and the next waits for it.
            for _ in 0..<2 {
                for command in self.program.press([.character("s")], &state) { SellerFixtures.answer(command, &state, total: total) }
            }
            let column = state.items.table.sortColumn
            #expect(column == 1)
            let reload = self.program.update(&state, .message(.registered(request: 901, item: stored)))
            #expect(state.items.table.sortColumn == (keepsSort ? column : nil), "total \(total)")
            #expect(reload.contains { if case .loadItems(_, 0, let listing) = $0 { listing.order == state.items.order } else { false } })
        }
    }

    @Test func theServersVerdictOnAFieldShowsNextToIt() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        self.program.fill(["Mug", "3"], &state)
        _ = self.program.press([.tab, .tab, .tab], &state)
        _ = self.program.type("5", &state)
        let commands = self.program.press([.enter], &state)
        guard let command = commands.first, let request = command.request else {
            Issue.record("expected a registration")
            return
        }
        _ = self.program.update(&state, .message(.failed(request: request, command: command, error: MarketError(.invalidArgument, "Price is odd.", field: "price"))))
        guard case .register(let form)? = state.modal else {
            Issue.record("the form should stay open")
            return
        }
        #expect(form.form.fields.first { $0.id == "price" }?.problem == "Price is odd.")
        #expect(form.form.fields[form.form.focus].id == "price")
    }

    @Test func changingThePriceUpdatesTheRowInPlace() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("p")], &state)
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type("15", &state)
        let commands = self.program.press([.enter], &state)
        guard case .changePrice(let request, let item, let price)? = commands.first else {
            Issue.record("expected a price change, got \(commands)")
            return
        }
        #expect(item == SellerFixtures.items[0].id)
        #expect(price == Money(15))
        var changed = SellerFixtures.items[0]
        changed.price = price
        _ = self.program.update(&state, .message(.priceChanged(request: request, item: changed)))
        #expect(state.items.selected?.price == Money(15))
        #expect(state.shell.status == .success("“Café crème mug €” now costs 15.00 (was 12.50)."))
    }

    @Test func inATableSortedByPriceTheRepricedItemMovesAndStaysSelected() throws {
        var state = SellerFixtures.loggedIn()
        state.items.table.sortColumn = 4  // price, cheapest first
        let cheapest = try #require(state.items.rows.first)
        _ = self.program.press([.character("p"), .control("u")], &state)
        _ = self.program.type("99999", &state)
        guard case .changePrice(let request, cheapest.id, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a price change for the selected, cheapest item")
            return
        }
        var changed = cheapest
        changed.price = Money(99999)
        let reload = self.program.update(&state, .message(.priceChanged(request: request, item: changed)))
        #expect(state.items.rows.last?.id == cheapest.id, "now the dearest")
        #expect(state.items.selected?.id == cheapest.id)
        // It may belong on another page now: the server's page says.
        #expect(reload.contains { if case .loadItems(_, 0, ItemListing(order: ItemOrder(.price))) = $0 { true } else { false } }, "\(reload)")
    }

    @Test func aPriceWithThreeDecimalsSaysSoAndIsNotSent() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("p"), .control("u")], &state)
        _ = self.program.type("12.345", &state)
        #expect(self.program.press([.enter], &state).isEmpty)
        guard case .price(let dialog)? = state.modal else {
            Issue.record("the dialog closed")
            return
        }
        #expect(dialog.form.fields[0].problem == "Price can have at most 2 decimal places.")
    }

    @Test func aRefusedPriceKeepsTheDialogWithTheReasonAndEscLeavesItWhileWorking() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("p"), .control("u")], &state)
        _ = self.program.type("15", &state)
        guard case .changePrice(let request, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a price change")
            return
        }
        let command = SellerCommand.changePrice(request: request, item: SellerFixtures.items[0].id, price: Money(15))
        _ = self.program.update(&state, .message(.failed(request: request, command: command, error: MarketError(.notFound, "No item 1-1."))))
        guard case .price(let refused)? = state.modal else {
            Issue.record("the dialog closed on a refusal")
            return
        }
        #expect(refused.failure == "No item 1-1." && !refused.isWorking)
        _ = self.program.type("6", &state)
        #expect({ if case .price(let edited)? = state.modal { edited.failure == nil } else { false } }(), "an edit clears the refusal")
        _ = self.program.press([.enter], &state)
        _ = self.program.press([.escape], &state)
        #expect(state.modal == nil, "Esc leaves while the change is under way")
    }

    /// Esc closes a box while its change is out; the answer, when it comes, is for that change,
    /// not for a box opened since on another item.
    @Test func aLateAnswerLeavesTheBoxOpenedSinceAlone() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("p"), .control("u")], &state)
        _ = self.program.type("15", &state)
        guard case .changePrice(let first, let item, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a price change")
            return
        }
        _ = self.program.press([.escape, .down, .character("p"), .control("u")], &state)
        _ = self.program.type("9", &state)
        var changed = SellerFixtures.items[0]
        changed.price = Money(15)
        _ = self.program.update(&state, .message(.priceChanged(request: first, item: changed)))
        guard case .price(let open)? = state.modal else {
            Issue.record("the second box closed on the first one's answer")
            return
        }
        #expect(open.item.id != item && open.form["price"] == "9", "what was typed in it stays")
        #expect(state.shell.status?.text.contains("now costs 15.00") == true, "the answer is still told")
        let lost = SellerCommand.changePrice(request: first, item: item, price: Money(15))
        _ = self.program.update(&state, .message(.failed(request: first, command: lost, error: MarketError(.connectionLost, "The connection broke."))))
        guard case .price(let still)? = state.modal else {
            Issue.record("the second box closed on the first one's failure")
            return
        }
        #expect(still.failure == nil && !still.mayHaveGoneThrough, "nor is its failure said in it")
    }

    @Test func removingUnitsNeedsAConfirmationThatDefaultsToCancel() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("x")], &state)
        #expect(self.program.press([.enter], &state).isEmpty, "the count opens a confirmation first")
        #expect(self.program.press([.enter], &state).isEmpty, "Enter on the default button cancels")
        _ = self.program.press([.enter], &state)
        #expect(self.program.press([.character("r")], &state).isEmpty, "r, meant for refresh, does not press Remove")
        let commands = self.program.press([.character("y")], &state)
        guard case .removeUnits(_, let item, 1)? = commands.first else {
            Issue.record("expected units to be removed, got \(commands)")
            return
        }
        #expect(item == SellerFixtures.items[0].id)
    }

    @Test func aClickOnRemoveInTheConfirmationRemoves() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("x"), .enter], &state)
        let remove = try #require(self.program.canvas(for: state, size: state.shell.size).point(of: "Remove  "))
        let commands = self.program.update(&state, .mouse(MouseEvent(.press, at: remove)))
        #expect(commands.contains { if case .removeUnits = $0 { true } else { false } })
    }

    @Test func arrowsPickACategoryFromTheListAndTabMovesOn() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        self.program.fill(["Garden gnome"], &state)
        _ = self.program.press([.tab], &state)
        _ = self.program.type("ga", &state)
        _ = self.program.press([.down, .down], &state)
        guard case .register(let form)? = state.modal else {
            Issue.record("expected the form")
            return
        }
        #expect(form.form["category"] == "Garden")
        #expect(form.form.fields[form.form.focus].id == "category", "the arrows stay in the list")
        let screen = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
        #expect(screen.contains("5  Toys & games") && screen.contains("8  Garden"), "the list still shows what fits “ga”")
        #expect(screen.contains("✓ 8 Garden"), "a name picked is checked as one typed")
        _ = self.program.press([.tab], &state)
        guard case .register(let after)? = state.modal else { return }
        #expect(after.form.fields[after.form.focus].id == "keywords")
        #expect(after.form.fields[1].hint == "8 Garden")
    }

    @Test func aClickOnACategoryInTheListPicksItAndTouchesNothingBelow() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        self.program.fill(["Garden gnome"], &state)
        _ = self.program.press([.tab], &state)
        _ = self.program.type("o", &state)
        let sports = try #require(self.program.canvas(for: state, size: state.shell.size).point(of: "4  Sports & outdoors"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: Point(x: sports.x + 18, y: sports.y))))
        guard case .register(let form)? = state.modal else {
            Issue.record("expected the form to stay open")
            return
        }
        #expect(form.form["category"] == "Sports & outdoors")
        #expect(form.form["condition"] == "New", "the click did not reach the condition under the list")
        #expect(form.form.fields[1].hint == "4 Sports & outdoors")
    }

    @Test func clicksMoveBetweenTheNewItemsFieldsAndPickItsCondition() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        _ = self.program.type("Oak lamp", &state)
        let canvas = self.program.canvas(for: state, size: state.shell.size)
        let used = try #require(canvas.point(of: "○ Used"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: used)))
        guard case .register(let form)? = state.modal else {
            Issue.record("expected the form to stay open, got \(String(describing: state.modal))")
            return
        }
        #expect(form.form["condition"] == "Used")
        #expect(form.form.fields[form.form.focus].id == "condition")
        let price = try #require(canvas.point(of: "e.g. 12.50"), "the hint under the price")
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: price)))
        _ = self.program.type("12.50", &state)
        guard case .register(let filled)? = state.modal else { return }
        #expect(filled.form["price"] == "12.50")
        #expect(filled.form["name"] == "Oak lamp")
    }

    @Test func aSoldOutItemHasNothingToRemove() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("G"), .character("k"), .character("k")], &state)
        #expect(state.items.selected?.quantity == 0)
        _ = self.program.press([.character("x")], &state)
        #expect(state.modal == nil)
        #expect(state.shell.status?.kind == .warning)
    }

    /// A sold-out item is put back on sale from the list, without a question (nothing is taken
    /// from anyone), and the row and the status line say so.
    @Test func addingUnitsRestocksASoldOutItem() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("G"), .character("k"), .character("k")], &state)
        let bonsai = try #require(state.items.selected)
        #expect(bonsai.quantity == 0)
        for command in self.program.press([.character("+"), .control("u")], &state) { _ = SellerFixtures.answer(command, &state) }
        guard case .add(let dialog)? = state.modal else {
            Issue.record("+ opens the box")
            return
        }
        #expect(dialog.form.fields[0].hint == "1 to 1,000,000 (none on sale now)")
        _ = self.program.type("1000001", &state)
        #expect(self.program.press([.enter], &state).isEmpty, "over the maximum: not sent")
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.joined().contains("At most 1,000,000 more (1,000,000 in all)."))
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type("5", &state)
        guard case .addUnits(let request, let id, 5)? = self.program.press([.enter], &state).first else {
            Issue.record("Enter sends the addition")
            return
        }
        #expect(id == bonsai.id)
        var restocked = bonsai
        restocked.quantity = 5
        _ = self.program.update(&state, .message(.unitsAdded(request: request, item: restocked, added: 5)))
        #expect(state.modal == nil)
        #expect(state.items.rows.first { $0.id == bonsai.id }?.quantity == 5)
        #expect(state.shell.status == .success("Put 5 more units of “Bonsai Tree 🌳” on sale; 5 units on sale now — buyers find it now."))
    }

    /// An item with the most units there can be on sale opens no box that could not succeed.
    @Test func anItemAtTheMaximumHasNoRoomForMore() {
        var full = SellerFixtures.items[0]
        full.quantity = FieldRules.maximumQuantity
        var state = SellerFixtures.loggedIn()
        state.items.replace(full, visibleRows: 10)
        _ = self.program.press([.character("a")], &state)
        #expect(state.modal == nil)
        #expect(state.shell.status == .warning("“Café crème mug €” has 1,000,000 units on sale, the most there can be."))

        // Its box offers no Add either, and a or + there says why.
        _ = self.program.press([.enter], &state)
        guard case .detail(let detail)? = state.modal else {
            Issue.record("Enter opens the item's box")
            return
        }
        #expect(detail.menu.items.map(\.label) == ["Change price", "Remove units", "Close"])
        state.shell.status = nil
        _ = self.program.press([.character("+")], &state)
        #expect(state.shell.status == .warning("“Café crème mug €” has 1,000,000 units on sale, the most there can be."))
    }

    /// The wheel moves through an item box's choices as it moves through the list.
    @Test func theWheelMovesThroughAnItemBoxsChoices() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.enter], &state)
        _ = self.program.update(&state, .mouse(MouseEvent(.wheelDown, at: Point(x: 60, y: 18))))
        guard case .detail(let detail)? = state.modal else {
            Issue.record("the box stays")
            return
        }
        #expect(detail.menu.selection == 1)
    }

    /// The item box takes the list's other keys for its choices: + adds, Del removes.
    @Test func theItemBoxTakesTheListsKeysForItsChoices() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.enter, .character("+")], &state)
        guard case .add? = state.modal else {
            Issue.record("+ in the box opens Add units, got \(String(describing: state.modal))")
            return
        }
        _ = self.program.press([.escape], &state)
        _ = self.program.press([.delete], &state)
        guard case .remove? = state.modal else {
            Issue.record("Del in the box opens Remove units, got \(String(describing: state.modal))")
            return
        }
    }

    /// The box's check follows what is on sale as the page fetched when it opened says.
    @Test func theAddBoxCountsFromTheUnitsOnSaleNow() throws {
        var state = SellerFixtures.loggedIn()
        let mug = SellerFixtures.items[0]
        var nearlyFull = mug
        nearlyFull.quantity = FieldRules.maximumQuantity - 2
        for command in self.program.press([.character("a")], &state) {
            _ = SellerFixtures.answer(command, &state, items: [nearlyFull] + SellerFixtures.items.dropFirst())
        }
        guard case .add(let dialog)? = state.modal else {
            Issue.record("a opens the box")
            return
        }
        #expect(dialog.form.fields[0].hint == "1 to 2 (999,998 units on sale now)")
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type("3", &state)
        #expect(self.program.press([.enter], &state).isEmpty)
        _ = self.program.press([.backspace], &state)
        _ = self.program.type("2", &state)
        #expect(self.program.press([.enter], &state).contains { if case .addUnits(_, mug.id, 2) = $0 { true } else { false } })
    }

    /// An addition refused for the maximum because another session put units on sale meanwhile:
    /// the list is fetched again, and the box counts from what is on sale now.
    @Test func anAdditionRefusedForTheMaximumFetchesTheItemSoTheBoxCountsFromNow() throws {
        var state = SellerFixtures.loggedIn()
        let mug = SellerFixtures.items[0]
        for command in self.program.press([.character("a"), .control("u")], &state) { _ = SellerFixtures.answer(command, &state) }
        _ = self.program.type("999993", &state)
        guard case .addUnits(let request, let item, let count)? = self.program.press([.enter], &state).first else {
            Issue.record("Enter sends the addition")
            return
        }
        let refused = MarketError(.invalidArgument, "Item \(mug.id) has 8 units on sale; adding 999,993 would make more than 1,000,000.", field: "add")
        let reload = self.program.update(&state, .message(.failed(request: request, command: .addUnits(request: request, item: item, count: count), error: refused)))
        guard case .loadItems(let load, _, _)? = reload.first(where: { if case .loadItems = $0 { true } else { false } }) else {
            Issue.record("expected the list to be fetched again, got \(reload)")
            return
        }
        var more = mug
        more.quantity = 8
        _ = SellerFixtures.answer(.loadItems(request: load, offset: 0), &state, items: [more] + SellerFixtures.items.dropFirst())
        guard case .add(let dialog)? = state.modal else {
            Issue.record("the box stays")
            return
        }
        #expect(dialog.item.quantity == 8)
        #expect(dialog.form.fields[0].problem == "At most 999,992 more (1,000,000 in all).", "\(String(describing: dialog.form.fields[0].problem))")
    }

    @Test func aRefusalSayingTheItemChangedFetchesItSoTheBoxShowsWhatIsOnSale() {
        var state = SellerFixtures.loggedIn()
        let lamp = SellerFixtures.items[0]
        // Another session took all 7 units off sale meanwhile.
        let refused = MarketError(.insufficientStock, "Item \(lamp.id) has no units on sale any more; nothing was removed.")
        guard let (reload, load) = self.removeFiveUnitsOfTheFirstItem(&state, refusedWith: refused) else { return }
        var gone = lamp
        gone.quantity = 0
        SellerFixtures.answer(load, &state, items: [gone] + SellerFixtures.items.dropFirst())
        #expect(reload.contains { if case .loadRating = $0 { true } else { false } }, "and the rating, whose units sold may have moved")
        #expect(state.items.rows.first { $0.id == lamp.id }?.quantity == 0, "the row shows it")
        // Nothing is left to remove: the box goes, and why stays on the status line.
        #expect(state.modal == nil)
        #expect(state.shell.status == .error(refused.message))
    }

    @Test func aRefusedRemovalOfSomeUnitsLeftKeepsTheBoxWithTheNewCount() {
        var state = SellerFixtures.loggedIn()
        let lamp = SellerFixtures.items[0]
        let refused = MarketError(.insufficientStock, "Only 3 units of item \(lamp.id) are on sale; nothing was removed.")
        guard let (_, load) = self.removeFiveUnitsOfTheFirstItem(&state, refusedWith: refused) else { return }
        #expect(state.shell.status == nil, "said in the box, not twice")
        var fewer = lamp
        fewer.quantity = 3
        SellerFixtures.answer(load, &state, items: [fewer] + SellerFixtures.items.dropFirst())
        guard case .remove(let dialog)? = state.modal else {
            Issue.record("the box closed")
            return
        }
        #expect(dialog.item.quantity == 3, "the box follows what is on sale")
        #expect(dialog.form.shownProblem(at: 0) == "Only 3 units on sale.")
        #expect(dialog.failure == nil, "said under the count, not twice")
    }

    @Test func escOnABoxOpenedFromAnItemsDetailsGoesBackToThem() {
        var state = SellerFixtures.loggedIn()
        for key in ["p", "x"] {
            _ = self.program.press([.enter, .character(Character(key)), .escape], &state)
            guard case .detail(let detail)? = state.modal else {
                Issue.record("\(key) then Esc left the details: \(String(describing: state.modal))")
                return
            }
            #expect(detail.item.id == SellerFixtures.items[0].id)
            _ = self.program.press([.escape], &state)
            #expect(state.modal == nil)
        }
        // Opened from the list, Esc goes back to the list.
        _ = self.program.press([.character("p"), .escape], &state)
        #expect(state.modal == nil)
    }

    @Test func theCurrentPriceIsNotSentAsAChange() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("p")], &state)
        #expect(self.program.press([.enter], &state).isEmpty, "the price as it was")
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type("12.5", &state)
        #expect(self.program.press([.enter], &state).isEmpty, "the same amount written another way")
        guard case .price(let dialog)? = state.modal else {
            Issue.record("the dialog stays open")
            return
        }
        #expect(dialog.form.fields[0].problem == "That is the current price — type a new one.")
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.contains { $0.contains("✗ That is the current price") })
    }
    /// Asks to remove 5 units of the first item, confirms, and answers with `refused`: the commands
    /// that answer brings, and among them the fetch of the list (`nil`, recorded, without one).
    private func removeFiveUnitsOfTheFirstItem(_ state: inout SellerState, refusedWith refused: MarketError) -> ([SellerCommand], SellerCommand)? {
        _ = self.program.press([.character("x"), .control("u")], &state)
        _ = self.program.type("5", &state)
        _ = self.program.press([.enter], &state)  // the question, Cancel focused
        guard case .removeUnits(let request, let item, 5)? = self.program.press([.left, .enter], &state).first else {
            Issue.record("expected a removal")
            return nil
        }
        let reload = self.program.update(&state, .message(.failed(request: request, command: .removeUnits(request: request, item: item, count: 5), error: refused)))
        guard let load = reload.first(where: \.isItemsLoad) else {
            Issue.record("expected the list to be fetched again, got \(reload)")
            return nil
        }
        return (reload, load)
    }
}
