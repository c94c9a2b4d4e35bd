import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// The dashboard's flows as state changes and commands, without a network.
@Suite struct SellerFlowTests {
    let program = SellerFixtures.program

    @Test func startingConnectsSoTheHeaderCanSaySo() {
        var state = SellerState(server: "h:1")
        #expect(self.program.start(&state) == [.account(.connect)])
    }

    @Test func loggingInSendsTheNormalisedUsername() {
        var state = SellerFixtures.started()
        self.program.fill([" Zoe ", "correct horse"], &state)
        let commands = self.program.press([.enter], &state)
        guard case .account(.login(_, let username, let password))? = commands.first else {
            Issue.record("expected a login, got \(commands)")
            return
        }
        #expect(username == "zoe")
        #expect(password == "correct horse")
        #expect(state.shell.isBusy, "the spinner runs while the login is in flight")
    }

    @Test func aRefusedLoginSaysWhyAndClearsThePassword() {
        var state = SellerFixtures.started()
        self.program.fill(["zoe", "wrong password"], &state)
        let commands = self.program.press([.enter], &state)
        let request = commands.first?.request ?? 0
        _ = self.program.update(&state, .message(.failed(request: request, command: commands[0], error: MarketError(.invalidCredentials, "x"))))
        #expect(state.login.notice == .error("Wrong username or password."))
        #expect(state.login.form["password"] == "")
        #expect(state.login.form["username"] == "zoe")
        #expect(!state.shell.isBusy)
    }

    @Test func clicksOnTheLoginBoxSwitchModesAndFocusFields() throws {
        var state = SellerFixtures.started()
        var canvas = self.program.canvas(for: state, size: state.shell.size)
        let create = try #require(canvas.point(of: "Create account"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: create)))
        #expect(state.login.mode == .createAccount)
        canvas = self.program.canvas(for: state, size: state.shell.size)
        let password = try #require(canvas.point(of: "Password"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: password)))
        #expect(state.login.form.fields[state.login.form.focus].id == "password")
        let logIn = try #require(canvas.point(of: "Log in "))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: logIn)))
        #expect(state.login.mode == .login)
    }

    @Test func creatingAnAccountLogsStraightIn() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Zoë Müller", "zoe", "correct horse", "correct horse"], &state)
        let create = self.program.press([.enter], &state)
        guard case .account(.createAccount(let request, "zoe", "correct horse", "Zoë Müller"))? = create.first else {
            Issue.record("expected an account creation, got \(create)")
            return
        }
        let next = self.program.update(&state, .message(.account(.accountCreated(request: request, username: "zoe", password: "correct horse"))))
        guard case .account(.login(_, "zoe", "correct horse"))? = next.first else {
            Issue.record("expected a login, got \(next)")
            return
        }
    }

    @Test func escStopsWaitingForALoginAndItsLateAnswerIsIgnored() throws {
        // A program of its own: this test looks at the session its client keeps.
        let program = SellerProgram(client: SellerClient(configuration: .init(host: "127.0.0.1", port: 9, reconnectsAutomatically: false)))
        var state = SellerFixtures.started()
        program.fill(["zoe", "correct horse"], &state)
        let first = program.press([.enter], &state)
        #expect(state.login.hints.contains(KeyHint(key: "Esc", label: "Stop waiting")))
        #expect(program.press([.escape], &state).isEmpty)
        #expect(state.shell.quitDialog == nil, "Esc while waiting stops the wait, it does not ask to quit")
        #expect(!state.shell.isBusy)
        #expect(state.login.notice?.kind == .info)
        #expect(state.login.form["password"] == "correct horse", "what was typed stays, so Enter tries again")

        let second = program.press([.enter], &state)
        guard case .account(.login(let retry, "zoe", "correct horse"))? = second.first else {
            Issue.record("expected a second login, got \(second)")
            return
        }
        // The first answer arrives late: it neither logs in nor leaves its session in the client.
        let late = try #require(first.first?.request)
        let stale = SessionToken(rawValue: String(repeating: "a", count: 32))
        #expect(program.update(&state, .message(.account(.loggedIn(request: late, profile: SellerFixtures.profile, session: stale)))).isEmpty)
        #expect(!state.isLoggedIn)
        #expect(state.login.isSubmitting, "still waiting for the second login")
        #expect(program.client.client.session == nil)

        let fresh = SessionToken(rawValue: String(repeating: "b", count: 32))
        _ = program.update(&state, .message(.account(.loggedIn(request: retry, profile: SellerFixtures.profile, session: fresh))))
        #expect(state.isLoggedIn)
        #expect(program.client.client.session == fresh)
    }

    @Test func aLateFailureOrNewAccountAfterStoppingWaitingSaysOnlyWhatHelps() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Zoë", "zoe", "correct horse", "correct horse"], &state)
        let create = self.program.press([.enter], &state)
        _ = self.program.press([.escape], &state)
        #expect(state.login.mode == .createAccount, "the form stays to edit and send again")
        let request = create.first?.request ?? 0
        // Created after all: trying again would only hear that the name is taken.
        #expect(self.program.update(&state, .message(.account(.accountCreated(request: request, username: "zoe", password: "correct horse")))).isEmpty)
        #expect(state.login.mode == .login)
        #expect(state.login.form["username"] == "zoe")
        #expect(state.login.notice == .info("The server created account zoe after all: log in with it."))

        // A login given up on that fails later changes nothing on screen.
        _ = self.program.type("wrong password", &state)
        let login = self.program.press([.enter], &state)
        _ = self.program.press([.escape], &state)
        let notice = state.login.notice
        _ = self.program.update(&state, .message(.failed(request: login[0].request ?? 0, command: login[0], error: MarketError(.invalidCredentials, "x"))))
        #expect(state.login.notice == notice)
        #expect(state.login.form["password"] == "wrong password")
    }

    @Test func aTakenUsernameIsSaidNextToIt() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Zoë", "zoe", "correct horse", "correct horse"], &state)
        let create = self.program.press([.enter], &state)
        _ = self.program.update(&state, .message(.failed(request: create[0].request ?? 0, command: create[0], error: MarketError(.usernameTaken, "taken", field: "username"))))
        let username = state.login.form.fields.first { $0.id == "username" }
        #expect(username?.problem?.contains("taken") == true)
        #expect(state.login.form.fields[state.login.form.focus].id == "username")
        #expect(state.login.notice == nil, "said once")
    }

    @Test func goingBackToLogInKeepsTheUsernameTypedForANewAccount() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Zoë", "zoe"], &state)
        _ = self.program.press([.control("n")], &state)
        #expect(state.login.mode == .login)
        #expect(state.login.form["username"] == "zoe")
        #expect(state.login.form.fields[state.login.form.focus].id == "password")
    }

    @Test func aUsernameTypedToLogInGoesAlongToANewAccountButOneFilledInDoesNot() {
        var state = SellerFixtures.started()
        _ = self.program.type(" ada ", &state)
        _ = self.program.press([.control("n")], &state)
        #expect(state.login.form["username"] == "ada", "typed here: the user means it")
        #expect(state.login.form["name"] == "")

        var filled = SellerState(server: "127.0.0.1:7001", username: "zoe")
        _ = self.program.update(&filled, .resize(Size(width: 120, height: 36)))
        _ = self.program.press([.control("n")], &filled)
        #expect(filled.login.form["username"] == "", "the last login's username is someone else's")
    }

    @Test func anOldStatusMessageGoesAtTheNextKey() {
        var state = SellerFixtures.loggedIn()
        state.shell.status = .success("Registered 3-31.")
        _ = self.program.update(&state, .message(.account(.heartbeat)))
        _ = self.program.press([.character("j")], &state)
        #expect(state.shell.status == .success("Registered 3-31."), "a message just shown stays")
        _ = self.program.update(&state, .message(.account(.heartbeat)))
        _ = self.program.press([.character("s")], &state)
        #expect(state.shell.status == nil, "after 5–10 s it goes with the next key")
    }

    @Test func anInvalidFormSendsNothing() {
        var state = SellerFixtures.started()
        _ = self.program.type("zo", &state)
        #expect(self.program.press([.tab, .enter], &state).isEmpty)
        #expect(state.login.form.showsAllProblems)
    }

    @Test func theFooterOffersTheNextScreenfulWhileRowsLieBelowIt() {
        let many = (1...40).map { SellerFixtures.item(Int64($0), "Item \($0)", price: "1.00", quantity: 1) }
        var state = SellerFixtures.loggedIn(items: many)
        let footer = { self.program.canvas(for: state, size: state.shell.size).lines.last ?? "" }
        #expect(footer().contains("] Next"), "all 40 fetched, but not all on screen")
        _ = self.program.press([.end], &state)
        #expect(!footer().contains("] Next"), "at the end there is nothing further")
    }

    @Test func salesAndVotesShowUpWithoutARefresh() throws {
        var state = SellerFixtures.loggedIn()
        // The rating on show started a wait for news, which the user does not wait for.
        let request = try #require(state.activityRequest)
        #expect(!state.shell.isBusy)
        var rating = SellerFixtures.rating
        rating.itemsSold += 2
        rating.rating.thumbsUp += 1
        var items = SellerFixtures.items
        items[0].quantity -= 2
        let page = Page(items: items, offset: 0, limit: ItemsScreen.pageSize, total: items.count)
        let next = self.program.update(&state, .message(.activity(request: request, order: nil, news: .init(rating: rating, items: page))))
        #expect(state.rating.rating == rating)
        #expect(state.items.rows.first?.quantity == 5)
        #expect(state.shell.status == .success("Just now: 2 units sold, 1 👍."))
        guard case .awaitActivity(let again, let after, 0, nil)? = next.first else {
            Issue.record("expected the next wait, got \(next)")
            return
        }
        #expect(after == rating.activity)

        // Sorted meanwhile: the page that came is in the old order, so the list is fetched.
        _ = self.program.press([.character("s")], &state)
        let sorted = self.program.update(&state, .message(.activity(request: again, order: nil, news: .init(rating: SellerFixtures.rating, items: page))))
        #expect(sorted.contains { if case .loadItems(_, 0, .some) = $0 { true } else { false } })

        // An unattended dashboard's session ends: the wait says so, and login is back.
        let last = try #require(state.activityRequest)
        let expired = MarketError(.sessionExpired, "Your session expired after 5 minutes without activity; log in again.")
        _ = self.program.update(&state, .message(.failed(request: last, command: sorted.last!, error: expired)))
        #expect(!state.isLoggedIn)
        #expect(state.login.notice?.span.text.contains("expired") == true)
    }

    @Test func loggingInLoadsItemsAndTheRating() {
        var state = SellerFixtures.started()
        let commands = self.program.update(&state, .message(.account(.loggedIn(request: 1, profile: SellerFixtures.profile))))
        #expect(commands.count == 2)
        #expect(commands.contains { if case .loadItems(_, 0, nil) = $0 { true } else { false } })
        #expect(commands.contains { if case .loadRating = $0 { true } else { false } })
        #expect(state.shell.user == SignedInUser(username: "zoe", name: "Zoë Müller 東京"))
    }

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
        guard case .loadItems(let load, 0, nil)? = reload.first else {
            Issue.record("expected the first page to reload, got \(reload)")
            return
        }
        _ = self.program.update(&state, .message(.itemsLoaded(request: load, page: Page(items: [stored] + SellerFixtures.items, offset: 0, limit: 100, total: 7))))
        #expect(state.items.selected?.id == stored.id)
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

    @Test func aRemovalWhoseAnswerIsLostIsCheckedAgainUntilTheListShowsIt() {
        var state = SellerFixtures.loggedIn()
        let item = SellerFixtures.items[0]
        _ = self.program.press([.character("x"), .control("u")], &state)
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
            #expect(reload.contains { if case .loadItems(_, 0, let order) = $0 { order == state.items.order } else { false } })
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
        #expect(reload.contains { if case .loadItems(_, 0, ItemOrder(.price)) = $0 { true } else { false } }, "\(reload)")
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

    @Test func anExpiredSessionGoesBackToLoginWithAMessage() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("p")], &state)
        _ = self.program.update(&state, .message(.failed(request: 3, command: .changePrice(request: 3, item: SellerFixtures.items[0].id, price: 5), error: MarketError(.sessionExpired, "Session expired."))))
        #expect(!state.isLoggedIn)
        #expect(state.modal == nil)
        #expect(state.login.notice?.kind == .warning)
        #expect(state.login.notice?.text.contains("expired") == true)
        #expect(state.login.notice?.text.hasSuffix("The price was not changed.") == true, "what was lost is said")
        #expect(state.login.form["username"] == "zoe", "the username is filled in again")
    }

    @Test func aNewItemFilledInWhenTheSessionEndedComesBackAtTheNextLogin() {
        var state = SellerFixtures.loggedIn()
        SellerFixtures.fillInRegisterForm(&state, name: "Brass lamp", category: "4", keywords: "lamp brass", price: "24.90")
        let send = self.program.press([.enter], &state)
        guard case .register(let request, let draft)? = send.first else {
            Issue.record("expected a registration, got \(send)")
            return
        }
        // The server checks the session first: refused with it, the item was not registered.
        _ = self.program.update(&state, .message(.failed(request: request, command: .register(request: request, draft: draft), error: MarketError(.sessionExpired, "Session expired."))))
        #expect(!state.isLoggedIn)
        #expect(state.login.notice?.text.hasSuffix("it comes back when you log in again.") == true, "\(state.login.notice?.text ?? "")")

        // Another seller logging in on this screen does not get it…
        var other = state
        _ = self.program.update(&other, .message(.account(.loggedIn(request: 0, profile: SellerProfile(id: SellerID(99), username: "ann", name: "Ann")))))
        #expect(other.modal == nil)
        // …the same seller does, as it was, ready to send.
        _ = self.program.update(&state, .message(.account(.loggedIn(request: 0, profile: SellerFixtures.profile))))
        guard case .register(let form)? = state.modal else {
            Issue.record("the form did not come back")
            return
        }
        #expect(form.form["name"] == "Brass lamp" && form.form["price"] == "24.90")
        #expect(!form.isWorking && form.failure == nil)
        #expect(state.unsentItem == nil, "once")
        guard case .register? = self.program.press([.enter], &state).first else {
            Issue.record("Enter should register it")
            return
        }
    }

    @Test func keysTypedForTheDashboardDoNotLogInWhenTheSessionEndsUnderThem() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("p")], &state)
        _ = self.program.update(&state, .message(.failed(request: 0, command: .account(.keepAlive), error: MarketError(.sessionExpired, "Session expired."))))
        #expect(!state.isLoggedIn)
        let typeAhead = self.program.press([.character("1"), .character("5"), .enter], &state)
        #expect(typeAhead.isEmpty, "the price typed for the dialog is not a password: \(typeAhead)")
        #expect(state.login.form["password"].isEmpty)
        #expect(self.program.isAnimating(state), "the clock runs to end the pause")
        for _ in 0..<SellerProgram.keyHoldTicks { _ = self.program.update(&state, .tick) }
        _ = self.program.type("secret-pass", &state)
        #expect(state.login.form["password"] == "secret-pass", "then typing works")
        #expect(state.login.notice?.text.contains("expired") == true, "and why the session ended stays on show")
    }

    @Test func aServerThatComesBackRefreshesWithoutEmptyingTheScreen() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.account(.connection(.waitingToReconnect(attempt: 1, reason: "closed")))))
        #expect(state.shell.connectionBadge.text.contains("reconnecting"))
        _ = self.program.update(&state, .message(.failed(request: 1, command: .loadItems(request: 1, offset: 0, order: nil), error: MarketError(.unreachable, "down"))))
        #expect(state.items.page?.items.count == SellerFixtures.items.count, "what was on screen stays")
        _ = self.program.update(&state, .message(.account(.connection(.connecting(attempt: 2)))))
        let commands = self.program.update(&state, .message(.account(.connection(.connected))))
        #expect(commands.count == 2, "items and rating are fetched again")
        #expect(state.items.page?.items.count == SellerFixtures.items.count)
        #expect(state.shell.status?.kind == .success)
    }

    @Test func aServerWithoutItsDatabaseIsShownInTheHeaderAndTriedAgainUntilItIsBack() {
        var state = SellerFixtures.loggedIn()
        let down = MarketError(.unavailable, "The products database is not reachable right now; nothing was changed. Please try again.")
        _ = self.program.update(&state, .message(.failed(request: 1, command: .loadItems(request: 1, offset: 0, order: nil), error: down)))
        #expect(state.shell.connectionBadge.text.contains("no database"))
        #expect(self.program.isAnimating(state), "the clock runs, to try again")
        #expect(state.items.page?.items.count == SellerFixtures.items.count, "what was on screen stays")
        let retry = self.program.tick(atMost: 60, &state)
        guard case .loadItems(let request, _, _)? = retry.first(where: \.isItemsLoad) else {
            Issue.record("expected the views to be fetched again within 6 s, got \(retry)")
            return
        }
        #expect(state.shell.tick >= 50, "not at once: every 5 s")
        let page = Page(items: SellerFixtures.items, offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
        let after = self.program.update(&state, .message(.itemsLoaded(request: request, page: page)))
        #expect(state.shell.connectionBadge.text.contains("connected"))
        #expect(state.shell.status?.text.contains("reaches its database again") == true)
        #expect(after.contains { if case .loadRating = $0 { true } else { false } }, "everything is fetched again")
        #expect(!self.program.isAnimating(state) || state.shell.isBusy)
    }

    @Test func aServerThatStopsAnsweringIsShownInTheHeaderAndTriedAgainUntilItAnswers() {
        var state = SellerFixtures.loggedIn()
        let late = MarketError(.timedOut, "No answer within 10 s.")
        _ = self.program.update(&state, .message(.failed(request: 1, command: .loadRating(request: 1), error: late)))
        #expect(state.shell.connectionBadge.text.contains("not answering"))
        #expect(self.program.isAnimating(state), "the clock runs, to try again")
        let retry = self.program.tick(atMost: 60, &state)
        guard case .loadItems(let request, _, _)? = retry.first(where: \.isItemsLoad) else {
            Issue.record("expected the views to be fetched again within 6 s, got \(retry)")
            return
        }
        let page = Page(items: SellerFixtures.items, offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
        _ = self.program.update(&state, .message(.itemsLoaded(request: request, page: page)))
        #expect(state.shell.connectionBadge.text.contains("connected"))
        #expect(state.shell.status?.text == "The server answers again — refreshed.")
    }

    @Test func aLongDisplayNameIsShortenedBeforeItLeavesTheHeader() {
        var state = SellerFixtures.loggedIn(size: Size(width: 100, height: 30))
        state.shell.user = SignedInUser(username: "zoe", name: "Zoë Adelheid Müller-Lüdenscheidt")
        let header = self.program.canvas(for: state, size: state.shell.size).text(row: 0)
        #expect(header.contains("zoe (Zoë"), "the name stays while it can: \(header)")
        #expect(header.contains("…)"), "cut with an ellipsis: \(header)")
        #expect(header.contains("127.0.0.1") || header.contains("localhost"), "the server still shows: \(header)")

        _ = self.program.update(&state, .resize(Size(width: 80, height: 24)))
        let narrow = self.program.canvas(for: state, size: state.shell.size).text(row: 0)
        #expect(narrow.contains("zoe") && narrow.contains("connected"), "\(narrow)")
        #expect(DisplayWidth.of(narrow) <= 80)
    }

    @Test func aBusyUserKeepsTheSessionAliveAndAnIdleOneDoesNot() throws {
        var state = try self.loggedInThroughTheForm(sessionTimeout: .seconds(300))
        // Five minutes' timeout: a keep-alive a minute after the last call at most, 12 beats.
        #expect(self.beats(12, &state).isEmpty, "typing the password is not activity of the new session")
        _ = self.program.press([.character("j")], &state)
        _ = self.program.press([.character("r")], &state)
        #expect(self.beats(12, &state).isEmpty, "a refresh is a call of its own")
        _ = self.program.press([.character("n")], &state)
        _ = self.program.type("Half-written", &state)
        let inFlight = state.shell.requests.count
        let beat = self.program.update(&state, .message(.account(.heartbeat)))
        #expect(beat.count == 1 && beat.first?.account == .keepAlive, "typing, a minute after the last call: \(beat)")
        #expect(state.shell.requests.count == inFlight, "in the background: no spinner")
        _ = self.program.type(" form", &state)
        #expect(self.beats(11, &state).isEmpty, "not before a minute has passed since the keep-alive")
        #expect(self.beats(1, &state).first?.account == .keepAlive)
        #expect(self.beats(24, &state).isEmpty, "nothing more without more activity")

        // A keep-alive that fails for want of a server is not the user's business…
        _ = self.program.update(&state, .message(.failed(request: 0, command: .account(.keepAlive), error: MarketError(.unreachable, "down"))))
        #expect(state.isLoggedIn)
        #expect(state.shell.status == nil)
        // …but one that finds the session gone says so, and what it took with it.
        _ = self.program.update(&state, .message(.failed(request: 0, command: .account(.keepAlive), error: MarketError(.sessionExpired, "Session expired."))))
        #expect(!state.isLoggedIn)
        #expect(state.login.notice?.text.contains("expired") == true)
    }

    @Test func aDashboardLeftAloneForTheTimeoutLogsOutWhateverItFetchedOnItsOwn() throws {
        var state = try self.loggedInThroughTheForm(sessionTimeout: .seconds(60))
        // News and refreshes come meanwhile (they would keep the session alive at the server),
        // but nobody touches a key: 60 s and one beat more, and the session is over.
        for _ in 0..<12 { _ = self.program.update(&state, .message(.account(.heartbeat))) }
        _ = self.program.update(&state, .message(.account(.connection(.connected))))
        #expect(state.isLoggedIn)
        _ = self.program.update(&state, .message(.account(.heartbeat)))
        #expect(!state.isLoggedIn)
        #expect(state.login.notice == .warning("Your session expired after 60 seconds without activity; log in again."))
        #expect(state.login.form["username"] == "zoe")
    }

    @Test func aWaitThatEndsWithoutNewsStillShowsChangesMadeFromAnotherSession() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.down], &state)
        let status = state.shell.status
        var items = SellerFixtures.items
        items[0].price = Money("1.50")!
        let page = Page(items: items, offset: 0, limit: ItemsScreen.pageSize, total: items.count)
        let next = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), order: nil, news: .init(rating: SellerFixtures.rating, items: page))))
        #expect(state.items.page?.items.first?.price == Money("1.50")!)
        #expect(state.items.selected?.id == items[1].id, "the selection stays")
        #expect(state.shell.status == status, "nothing to announce")
        #expect(next.count == 1, "only the next wait: \(next)")

        // A change of the user's own answered while the wait was out: the page that came may
        // predate it, so it is not shown (the row keeps the answer), and the next wait brings it.
        var repriced = items[1]
        repriced.price = Money("9.00")!
        _ = self.program.update(&state, .message(.priceChanged(request: 0, item: repriced)))
        #expect(state.items.selected?.price == Money("9.00")!)
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), order: nil, news: .init(rating: SellerFixtures.rating, items: page))))
        #expect(state.items.selected?.price == Money("9.00")!, "not the older page's price")
    }

    @Test func aSaleOfTheLastUnitsClosesTheRemoveBoxSayingWhyAndHoldsTheKeysMeantForIt() {
        var state = SellerFixtures.loggedIn()
        let lamp = SellerFixtures.items[0]
        _ = self.program.press([.character("x"), .control("u")], &state)
        _ = self.program.type("7", &state)
        _ = self.program.press([.enter, .left], &state)  // the question, Remove focused
        var sold = lamp
        sold.quantity = 0
        let page = Page(items: [sold] + SellerFixtures.items.dropFirst(), offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
        var rating = SellerFixtures.rating
        rating.itemsSold += 7
        _ = self.program.update(&state, .message(.activity(request: state.activityRequest ?? 0, order: nil, news: .init(rating: rating, items: page))))
        #expect(state.modal == nil)
        #expect(state.shell.status == .error("“Café crème mug €” has no units on sale any more: nothing is left to remove."))
        // The Enter meant for Remove does not open the item's details.
        _ = self.program.update(&state, .key(.enter))
        #expect(state.modal == nil)
    }

    @Test func aStatusTooLongForANarrowScreenShortensTheNameNotWhatHappened() {
        var state = SellerFixtures.loggedIn(size: Size(width: 80, height: 24))
        let name = String(repeating: "東京タワー", count: 6) + "置物"  // 32 characters, 64 columns
        let item = SellerFixtures.item(99, name, price: "1234.50", quantity: 1000)
        _ = self.program.update(&state, .message(.registered(request: 0, item: item)))
        let lines = self.program.canvas(for: state, size: state.shell.size).lines
        let status = lines[lines.count - 2]
        #expect(status.contains("Registered 3-99 “東京"), "the name begins: \(status)")
        #expect(status.contains("…”: 1,000 units at 1,234.50."), "and gives way to what happened: \(status)")
    }

    @Test func openDetailsFollowTheItem() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.enter], &state)
        var fresh = SellerFixtures.items[0]
        fresh.quantity = 3
        fresh.rating.thumbsDown += 1
        let page = Page(items: [fresh] + SellerFixtures.items.dropFirst(), offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
        var rating = SellerFixtures.rating
        rating.itemsSold += 4
        rating.rating.thumbsDown += 1
        _ = self.program.update(&state, .message(.activity(request: state.activityRequest ?? 0, order: nil, news: .init(rating: rating, items: page))))
        guard case .detail(let detail)? = state.modal else {
            Issue.record("the details closed")
            return
        }
        #expect(detail.item == fresh)
    }

    @Test func newsThatComesWhileTheLastIsOnShowAddsToIt() throws {
        var state = SellerFixtures.loggedIn()
        var rating = SellerFixtures.rating
        rating.itemsSold += 3
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), order: nil, news: .init(rating: rating, items: nil))))
        #expect(state.shell.status == .success("Just now: 3 units sold."))
        rating.rating.thumbsUp += 1
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), order: nil, news: .init(rating: rating, items: nil))))
        #expect(state.shell.status == .success("Just now: 3 units sold, 1 👍."), "not just the latest")
        // Once the line has gone, news starts a new count; an error of the user's own, once read,
        // gives way to it.
        state.shell.status = .error("Something the user did failed.")
        _ = self.program.update(&state, .message(.account(.heartbeat)))
        rating.rating.thumbsDown += 2
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), order: nil, news: .init(rating: rating, items: nil))))
        #expect(state.shell.status == .success("Just now: 2 👎."))
    }

    @Test func aRefusalSayingTheItemChangedFetchesItSoTheBoxShowsWhatIsOnSale() {
        var state = SellerFixtures.loggedIn()
        let lamp = SellerFixtures.items[0]
        _ = self.program.press([.character("x"), .control("u")], &state)
        _ = self.program.type("5", &state)
        _ = self.program.press([.enter], &state)  // the question, Cancel focused
        guard case .removeUnits(let request, let item, 5)? = self.program.press([.left, .enter], &state).first else {
            Issue.record("expected a removal")
            return
        }
        // Another session took all 7 units off sale meanwhile.
        let refused = MarketError(.insufficientStock, "Item \(lamp.id) has no units on sale any more; nothing was removed.")
        let reload = self.program.update(&state, .message(.failed(request: request, command: .removeUnits(request: request, item: item, count: 5), error: refused)))
        guard let load = reload.first(where: \.isItemsLoad) else {
            Issue.record("expected the list to be fetched again, got \(reload)")
            return
        }
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
        _ = self.program.press([.character("x"), .control("u")], &state)
        _ = self.program.type("5", &state)
        _ = self.program.press([.enter], &state)
        guard case .removeUnits(let request, let item, 5)? = self.program.press([.left, .enter], &state).first else {
            Issue.record("expected a removal")
            return
        }
        let refused = MarketError(.insufficientStock, "Only 3 units of item \(lamp.id) are on sale; nothing was removed.")
        let reload = self.program.update(&state, .message(.failed(request: request, command: .removeUnits(request: request, item: item, count: 5), error: refused)))
        #expect(state.shell.status == nil, "said in the box, not twice")
        guard let load = reload.first(where: \.isItemsLoad) else {
            Issue.record("expected the list to be fetched again, got \(reload)")
            return
        }
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

    @Test func endFetchesTheLastItemsOfALongList() {
        var state = SellerFixtures.loggedIn(total: 150)
        guard case .loadItems(_, 50, _)? = self.program.press([.end], &state).first else {
            Issue.record("End should fetch the last 100 of 150")
            return
        }
        var short = SellerFixtures.loggedIn()
        #expect(self.program.press([.end], &short).isEmpty, "a list at hand moves at once")
        #expect(short.items.table.selection == SellerFixtures.items.count - 1)
    }

    @Test func anItemIsNotListedWithNoUnits() {
        var form = ItemFormScreen()
        form.form.set("quantity", to: "0")
        form.validate()
        #expect(form.form.fields.first { $0.id == "quantity" }?.problem?.contains("At least 1") == true)
    }

    @Test func aShortSessionTimeoutIsKeptAliveInTime() {
        #expect(SellerProgram.keepAliveBeats(sessionTimeout: nil) == 12, "a server that does not say: every minute")
        #expect(SellerProgram.keepAliveBeats(sessionTimeout: .seconds(300)) == 12)
        #expect(SellerProgram.keepAliveBeats(sessionTimeout: .seconds(60)) == 4, "a third of the timeout: 20 s")
        #expect(SellerProgram.keepAliveBeats(sessionTimeout: .seconds(20)) == 1)
        #expect(SellerProgram.keepAliveBeats(sessionTimeout: .seconds(2)) == 1, "never less than a beat")

        var state = SellerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.account(.loggedIn(request: 0, profile: SellerFixtures.profile, sessionTimeout: .seconds(20)))))
        _ = self.program.type("j", &state)
        let beat = self.program.update(&state, .message(.account(.heartbeat)))
        #expect(beat.first?.account == .keepAlive, "20 s: a busy user's session is kept alive at every 5-s beat: \(beat)")
        #expect(self.beats(1, &state).isEmpty, "and only while busy")
    }

    /// Lets the clock beat `count` times; returns the commands the beats made.
    /// Logged in as zoe by typing on the login screen, with a server that says its session timeout.
    private func loggedInThroughTheForm(sessionTimeout: Duration) throws -> SellerState {
        var state = SellerFixtures.started()
        self.program.fill(["zoe", "secret-passwörd"], &state)
        guard case .account(.login(let login, _, _))? = self.program.press([.enter], &state).first else {
            throw LoginNotSent()
        }
        _ = self.program.update(&state, .message(.account(.loggedIn(request: login, profile: SellerFixtures.profile, sessionTimeout: sessionTimeout))))
        return state
    }

    private struct LoginNotSent: Error, CustomStringConvertible {
        var description: String { "expected a login" }
    }

    private func beats(_ count: Int, _ state: inout SellerState) -> [SellerCommand] {
        (0..<count).flatMap { _ in self.program.update(&state, .message(.account(.heartbeat))) }
    }

    @Test func aBoxForgetsThatTheServerWasOutOfReachOnceItIsBack() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("p"), .control("u")], &state)
        _ = self.program.type("15", &state)
        guard let command = self.program.press([.enter], &state).first, let request = command.request else {
            Issue.record("expected a price change")
            return
        }
        _ = self.program.update(&state, .message(.account(.connection(.waitingToReconnect(attempt: 1, reason: "closed")))))
        _ = self.program.update(&state, .message(.failed(request: request, command: command, error: MarketError(.unreachable, "Can't reach the server."))))
        guard case .price(let failed)? = state.modal else {
            Issue.record("the price box stays open")
            return
        }
        #expect(failed.failure != nil)
        _ = self.program.update(&state, .message(.account(.connection(.connecting(attempt: 2)))))
        _ = self.program.update(&state, .message(.account(.connection(.connected))))
        guard case .price(let back)? = state.modal else {
            Issue.record("the price box stays open, with what was typed")
            return
        }
        #expect(back.failure == nil)
        #expect(back.form["price"] == "15")
    }

    @Test func quittingAsksAndCtrlCDoesNot() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("q")], &state)
        #expect(state.shell.quitDialog != nil)
        _ = self.program.press([.escape], &state)
        #expect(state.shell.quitDialog == nil && !state.shell.isFinished)
        _ = self.program.press([.character("q"), .character("y")], &state)
        #expect(state.shell.isFinished)

        var busy = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &busy)
        _ = self.program.press([.control("c")], &busy)
        #expect(busy.shell.isFinished, "Ctrl-C leaves even from a form")
    }

    @Test func aTooSmallTerminalIgnoresKeysButCtrlC() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.update(&state, .resize(Size(width: 70, height: 20)))
        _ = self.program.press([.character("n"), .character("q")], &state)
        #expect(state.modal == nil && state.shell.quitDialog == nil)
        _ = self.program.press([.control("c")], &state)
        #expect(state.shell.isFinished)
    }

    @Test func clickingTitlesSortsAndClickingARowTwiceOpensIt() throws {
        var state = SellerFixtures.loggedIn()
        // The column titles are on row 2.
        let titles = self.program.canvas(for: state, size: state.shell.size).lines[2]
        let price = try #require(titles.range(of: "Price"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: Point(x: titles.distance(from: titles.startIndex, to: price.lowerBound), y: 2))))
        #expect(state.items.table.sortColumn == 4)
        #expect(state.items.rows.first?.price == Money("9.95"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: Point(x: 5, y: 5))))
        #expect(state.items.table.selection == 2)
        #expect(state.modal == nil)
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: Point(x: 5, y: 5))))
        if case .detail(let detail)? = state.modal {
            #expect(detail.item.id == state.items.rows[2].id)
        } else {
            Issue.record("a second click opens the item")
        }
        let removeUnits = try #require(self.program.canvas(for: state, size: state.shell.size).point(of: "Remove units"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: removeUnits)))
        guard case .remove? = state.modal else {
            Issue.record("a click on a choice of the item's box does it")
            return
        }
        // Back to the item's box, then to the list.
        _ = self.program.press([.escape, .escape], &state)
        _ = self.program.update(&state, .mouse(MouseEvent(.wheelDown, at: Point(x: 5, y: 5))))
        #expect(state.items.table.selection == 5)
    }

    @Test func downFromTheLastItemAtHandFetchesTheNextOnes() {
        let many = (1...150).map { SellerFixtures.item(Int64(1000 - $0), "Item number \($0)", price: "\($0).00", quantity: 1) }
        var state = SellerFixtures.loggedIn(items: Array(many.prefix(100)), total: 150)
        state.items.table.select(99, rowCount: 100, visibleRows: 10)
        let commands = self.program.press([.character("j")], &state)
        guard case .loadItems(_, let offset, _)? = commands.first else {
            Issue.record("expected the next items to be fetched, got \(commands)")
            return
        }
        #expect(offset == 100)
    }

    @Test func sortingAListOfSeveralPagesAsksTheServerForTheFirstPageInThatOrder() throws {
        let many = (1...150).map { SellerFixtures.item(Int64(1000 - $0), "Item number \($0)", price: "\($0).00", quantity: $0 % 7) }
        var state = SellerFixtures.loggedIn(items: Array(many.prefix(100)), total: 150)
        func status() -> String { self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 2] }
        #expect(status().hasSuffix(" 1–31 of 150 ") && !status().contains("sorted"), "\(status())")

        // The page at hand is sorted at once, and says so until the server's page arrives.
        let sort = self.program.press([.character("s")], &state)
        guard case .loadItems(let request, 0, ItemOrder(.id))? = sort.first else {
            Issue.record("expected the first page by ID, got \(sort)")
            return
        }
        #expect(state.items.rows.first?.id.number == 900)
        #expect(status().contains(" this page sorted · ") && status().hasSuffix(" of 150 "), "\(status())")
        _ = self.program.update(&state, .resize(Size(width: 80, height: 24)))
        #expect(status().contains("this page sorted"), "it fits at 80 columns too: \(status())")

        let firstByID = Array(many.reversed().prefix(100))
        _ = self.program.update(&state, .message(.itemsLoaded(request: request, page: Page(items: firstByID, offset: 0, limit: 100, total: 150))))
        #expect(state.items.rows.map(\.id) == firstByID.map(\.id))
        #expect(!status().contains("sorted") && status().contains(" of 150 "), "the whole list is sorted: \(status())")

        // Later pages come in the same order; reversing it starts again from the first page.
        let next = self.program.press([.character("]")], &state)
        #expect(next.contains { if case .loadItems(_, 100, ItemOrder(.id)) = $0 { true } else { false } }, "\(next)")
        #expect(self.program.press([.character("S")], &state).isEmpty, "S waits for the page on its way")
        guard case .loadItems(let nextRequest, _, _)? = next.first(where: \.isItemsLoad) else { return }
        let reverse = self.program.update(&state, .message(.itemsLoaded(request: nextRequest, page: Page(items: Array(many.reversed().dropFirst(100)), offset: 100, limit: 100, total: 150))))
        #expect(reverse.contains { if case .loadItems(_, 0, ItemOrder(.id, descending: true)) = $0 { true } else { false } }, "\(reverse)")
    }

    @Test func sortingAWholeListOnScreenNeedsNoServer() {
        var state = SellerFixtures.loggedIn()
        #expect(self.program.press([.character("s")], &state).isEmpty)
        #expect(state.items.table.sortColumn == 0)
        #expect(state.items.rows.map(\.id) == SellerFixtures.items.map(\.id).sorted())
    }

    @Test(arguments: SellerView.allCases)
    func helpListsEveryKeyOfEveryTableTheDashboardRunsOn(view: SellerView) throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character(view == .items ? "1" : "2"), .character("?")], &state)
        let help = try #require(state.shell.help)
        let lines = help.lines.filter { !$0.isTitle }.map { "\($0.keys) \($0.text)" }
        let tables = [SellerKeys.items.helpSection, SellerKeys.navigation.helpSection, SellerKeys.global.helpSection, Form.keys.helpSection,
                      Form.choiceKeys.helpSection, TextField.keys.helpSection, Dialog.keys.helpSection, Menu.keys.helpSection, HelpOverlay.keys.helpSection]
        for entry in tables.flatMap(\.entries) {
            #expect(lines.contains("\(entry.keys) \(entry.help)"), "\(entry.keys) \(entry.help)")
        }
        // A choice whose letter is one of the menu's own keys (q: Close) is told by those.
        for choice in ItemDetailScreen.actions.items where choice.key.flatMap({ Menu.keys.action(for: .character($0)) }) == nil {
            #expect(lines.contains("\(choice.key.map(String.init) ?? "") \(choice.label)"), "\(choice.label)")
        }
        let titles = help.lines.filter(\.isTitle).map(\.text)
        #expect(titles.first == (view == .items ? "My items" : "Everywhere"), "the view's own keys come first")
        #expect(titles.contains("Mouse"))
        #expect(lines.contains { $0.hasPrefix("Esc") && $0.contains("back") }, "Esc going back is told")
    }

    @Test func theHelpScrollsWithKeysAndTheWheelAndFitsIn80x24() throws {
        var state = SellerFixtures.loggedIn(size: Size(width: 80, height: 24))
        _ = self.program.press([.character("?")], &state)
        let help = try #require(state.shell.help)
        let screen = state.shell.helpArea
        let visible = help.visibleLines(in: screen)
        #expect(screen.intersection(help.frame(in: screen)) == help.frame(in: screen))
        #expect(help.frame(in: screen).maxY <= 22, "the status line stays whole under the help")
        #expect(help.rows(in: screen).count > visible, "this test is about a help longer than the screen")
        _ = self.program.update(&state, .mouse(MouseEvent(.wheelDown, at: Point(x: 40, y: 12))))
        #expect(state.shell.help?.offset == 3)
        _ = self.program.press([.end], &state)
        #expect(state.shell.help?.offset == help.rows(in: screen).count - visible)
        let canvas = self.program.canvas(for: state, size: state.shell.size)
        #expect(canvas.lines.joined().contains("Mouse"), "the last section shows at the end")
        _ = self.program.press([.escape], &state)
        #expect(state.shell.help == nil)
    }

    /// Types `password` for `zoe` and sends the login, returning the command.
    private func logIn(_ password: String, _ state: inout SellerState) -> SellerCommand? {
        self.program.fill(["zoe", password], &state)
        return self.program.press([.enter], &state).first
    }

    @Test func aWrongPasswordIsClearedWithoutCallingTheEmptyFieldAProblem() throws {
        var state = SellerFixtures.started()
        // A first Enter with no password shows every problem; the next attempt is complete. A
        // short password is no problem when logging in: the rules are for new ones.
        _ = self.program.type("zoe", &state)
        _ = self.program.press([.tab], &state)
        #expect(self.program.press([.enter], &state).isEmpty)
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.joined().contains("Enter your password."))
        _ = self.program.type("short", &state)
        let command = try #require(self.program.press([.enter], &state).first)
        _ = self.program.update(&state, .message(.failed(request: command.request ?? 0, command: command, error: MarketError(.invalidCredentials, "x"))))
        #expect(state.login.form["password"] == "")
        let screen = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
        #expect(screen.contains("✗ Wrong username or password."))
        #expect(!screen.contains("Password must be"), "the emptied field is not at fault")
    }

    @Test func aServerOutOfReachKeepsThePasswordSoEnterTriesAgain() throws {
        var state = SellerFixtures.started()
        var command = try #require(self.logIn("correct horse", &state))
        for code in [ErrorCode.unreachable, .timedOut] {
            _ = self.program.update(&state, .message(.failed(request: command.request ?? 0, command: command, error: MarketError(code, "x"))))
            #expect(state.login.form["password"] == "correct horse", "\(code)")
            #expect(state.login.notice?.kind == .error)
            let again = self.program.press([.enter], &state)
            guard let login = again.first, case .account(.login(_, "zoe", "correct horse")) = login else {
                Issue.record("Enter should log in again, got \(again)")
                return
            }
            command = login
        }
    }

    @Test func escOnCreateAccountGoesBackToLoggingInAndANewAccountStartsEmpty() {
        var state = SellerState(server: "127.0.0.1:7001", username: "demo")
        _ = self.program.update(&state, .resize(Size(width: 120, height: 36)))
        _ = self.program.press([.control("n")], &state)
        #expect(state.login.mode == .createAccount)
        #expect(state.login.form["username"] == "", "the last login's username is not the new account's")
        #expect(state.login.hints.contains(KeyHint(key: "Esc", label: "Back")))
        _ = self.program.type("Zoë", &state)
        _ = self.program.press([.escape], &state)
        #expect(state.shell.quitDialog == nil, "Esc does not ask to quit from the new account form")
        #expect(state.login.mode == .login)
        #expect(state.login.form["username"] == "demo", "the login form is as it was")
        _ = self.program.press([.escape], &state)
        #expect(state.shell.quitDialog != nil, "Esc on the login form still asks to quit")
    }

    @Test func everyDialogsButtonsHaveLettersOfTheirOwn() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("q")], &state)
        let quit = try #require(state.shell.quitDialog)
        _ = self.program.press([.escape, .character("x"), .enter], &state)
        guard case .remove(let remove)? = state.modal, let confirmation = remove.confirmation else {
            Issue.record("no remove confirmation")
            return
        }
        for dialog in [quit, confirmation] {
            #expect(dialog.lettersOfSeveralButtons.isEmpty, "\(dialog.title): \(dialog.buttons)")
        }
        _ = self.program.press([.escape, .escape, .character("q"), .character("q")], &state)
        #expect(state.shell.isFinished, "q q quits")
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
}
