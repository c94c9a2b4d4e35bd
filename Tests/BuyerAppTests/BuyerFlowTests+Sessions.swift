import BuyerApp
import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import Testing
import TerminalUI
import TerminalUITesting

/// Quitting and logging out with an unsaved cart, sessions that expire, and servers that come back.
extension BuyerFlowTests {
    @Test func quittingWithAnUnsavedCartSaysSo() {
        var state = BuyerFixtures.loggedIn()
        state.cart.changedHere()
        _ = self.program.press([.character("q")], &state)
        #expect(state.shell.quitDialog?.lines.contains { $0.text.contains("unsaved") } == true)
        _ = self.program.press([.character("q")], &state)
        #expect(!state.shell.isFinished, "q q keeps an unsaved cart: the second q cancels")
        #expect(state.shell.quitDialog == nil)
    }

    @Test func helpOpensFromTheQuitQuestionAndWDoesNotSaveUnderIt() {
        var state = BuyerFixtures.loggedIn()
        state.cart.changedHere()
        _ = self.program.press([.character("q"), .character("?")], &state)
        #expect(state.shell.help != nil && state.shell.quitDialog != nil)
        let commands = self.program.press([.character("w")], &state)
        #expect(commands.isEmpty && state.shell.quitDialog != nil, "w under the help saves nothing")
        _ = self.program.press([.character("q")], &state)
        #expect(state.shell.help == nil && state.shell.quitDialog != nil && !state.shell.isFinished, "q closes the help only")
    }

    @Test func wInTheQuitOrLogoutQuestionSavesTheCartFirst() {
        var state = BuyerFixtures.loggedIn()
        state.cart.changedHere()
        _ = self.program.press([.character("q")], &state)
        // The footer offers it, and a click on it presses it.
        let footer = self.program.canvas(for: state, size: state.shell.size).lines.last ?? ""
        #expect(footer.contains("w Save cart & quit"), "\(footer)")
        let x = footer.distance(from: footer.startIndex, to: footer.range(of: "w Save")?.lowerBound ?? footer.startIndex)
        let save = self.program.update(&state, .mouse(MouseEvent(.press, at: Point(x: x, y: state.shell.size.height - 1))))
        guard case .saveCart(let request)? = save.first else {
            Issue.record("expected the cart to be saved, got \(save)")
            return
        }
        #expect(!state.shell.isFinished, "not before the cart is saved")
        _ = self.program.update(&state, .message(.cartSaved(request: request, lines: 2)))
        #expect(state.shell.isFinished)

        var leaving = BuyerFixtures.loggedIn()
        leaving.cart.changedHere()
        _ = self.program.press([.character("L")], &leaving)
        guard case .saveCart(let saving)? = self.program.press([.character("w")], &leaving).first else {
            Issue.record("expected the cart to be saved")
            return
        }
        let next = self.program.update(&leaving, .message(.cartSaved(request: saving, lines: 2)))
        guard case .account(.logout(let logout))? = next.first(where: { if case .account(.logout) = $0 { true } else { false } }) else {
            Issue.record("then logs out: \(next)")
            return
        }
        _ = self.program.update(&leaving, .message(.account(.loggedOut(request: logout))))
        #expect(leaving.login.notice?.text == "Cart saved, and logged out: the cart will be here when you next log in.")
    }

    @Test func theQuitAndLogoutQuestionsHaveASaveFirstButton() throws {
        var state = BuyerFixtures.loggedIn()
        state.cart.changedHere()
        _ = self.program.press([.character("q")], &state)
        let dialog = try #require(state.shell.quitDialog)
        #expect(dialog.buttons == ["Quit", "Save & quit", "Cancel"])
        // ← from Cancel reaches it, and Enter presses it.
        guard case .saveCart? = self.program.press([.left, .enter], &state).first else {
            Issue.record("Enter on Save & quit saves the cart")
            return
        }
        #expect(state.shell.quitDialog == nil && !state.shell.isFinished && !state.shell.quitAlternativePressed)

        // A click on it does the same.
        var clicking = BuyerFixtures.loggedIn()
        clicking.cart.changedHere()
        _ = self.program.press([.character("q")], &clicking)
        let screen = Rect(size: clicking.shell.size)
        let quit = try #require(clicking.shell.quitDialog)
        let point = try #require(
            (0..<screen.height).lazy.flatMap { y in (0..<screen.width).map { Point(x: $0, y: y) } }.first { quit.button(at: $0, in: screen) == 1 }
        )
        guard case .saveCart? = self.program.update(&clicking, .mouse(MouseEvent(.press, at: point))).first else {
            Issue.record("a click on Save & quit saves the cart")
            return
        }

        // Logging out: s, the button's letter.
        var leaving = BuyerFixtures.loggedIn()
        leaving.cart.changedHere()
        _ = self.program.press([.character("L")], &leaving)
        guard case .confirm(let logout, _)? = leaving.modal else {
            Issue.record("expected the logout question")
            return
        }
        #expect(logout.buttons == ["Log out", "Save & log out", "Cancel"])
        guard case .saveCart? = self.program.press([.character("s")], &leaving).first else {
            Issue.record("s saves the cart before logging out")
            return
        }
    }

    @Test func theIdleWarningSaysAnUnsavedCartWouldGo() {
        var state = BuyerFixtures.loggedIn()
        state.shell.sessionTimeout = .seconds(300)
        state.cart.changedHere()
        for _ in 0..<48 { _ = self.program.update(&state, .message(.account(.heartbeat))) }
        #expect(state.shell.status == .warning("Idle: logging out in a minute, and what is not saved goes — press a key to stay."))
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

    @Test func aRefreshSaysItIsLoadingTheViewOnShow() {
        var state = BuyerFixtures.loggedIn()
        for (key, label) in [("2", "Loading your cart…"), ("3", "Loading your purchases…"), ("1", "Searching…")] {
            _ = self.program.press([.character(Character(key))], &state)
            #expect(self.program.press([.character("r")], &state).count == 3)
            #expect(state.shell.busyLabel == label)
        }
    }

    @Test func aRefreshSaysWhenEverythingOnScreenIsUpToDate() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("r")], &state)
        #expect(commands.count == 3)
        for (index, command) in commands.enumerated() {
            #expect(state.shell.status == nil, "not before every answer is in")
            BuyerFixtures.answer(command, &state)
            if index == commands.count - 1 { #expect(state.shell.status == .success("Up to date.")) }
        }
        // A refresh that fails says why instead.
        let again = self.program.press([.character("r")], &state)
        for command in again {
            guard let request = command.request else { continue }
            _ = self.program.update(&state, .message(.failed(request: request, command: command, error: MarketError(.unavailable, "no database"))))
        }
        #expect(state.shell.status?.kind == .error, "\(String(describing: state.shell.status))")
    }

    @Test func anExpiredSessionSaysThatTheUnsavedCartIsGone() {
        var state = BuyerFixtures.loggedIn()
        state.cart.changedHere()
        _ = self.program.update(&state, .message(.failed(request: 5, command: .loadCart(request: 5), error: MarketError(.sessionExpired, "Session expired."))))
        #expect(!state.isLoggedIn)
        #expect(state.login.notice?.text.contains("Your unsaved cart is gone; your next login brings back the saved one, if you saved one.") == true, "\(state.login.notice?.text ?? "")")
        // Three lines in the login box, even at 80 columns: the sentence is there to its end.
        for size in [Size(width: 120, height: 36), Size(width: 80, height: 24)] {
            _ = self.program.update(&state, .resize(size))
            let screen = self.program.canvas(for: state, size: size).lines.joined(separator: " ")
            let words = screen.split(separator: " ").filter { !$0.allSatisfy { "│ ".contains($0) } }.joined(separator: " ")
            #expect(words.contains("if you saved one."), "\(size): \(screen)")
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
                guard case .confirm(let dialog, .logout)? = state.modal else {
                    Issue.record("another session saved over this cart: ask first")
                    return
                }
                #expect(state.cart.hasUnsavedChanges && state.cart.savedElsewhere)
                // Said as it is: nothing changed here; the other session's cart is the saved one.
                #expect(dialog.lines.map(\.text).joined(separator: " ").contains("Another session of yours saved a different cart"))
            } else {
                #expect(next.contains { if case .account(.logout) = $0 { true } else { false } }, "nothing to lose: log out")
            }
        }
    }

    /// A payment takes what it bought out of the saved cart, which may keep other lines: the
    /// emptied cart is then not the saved one, and no other session is to blame.
    @Test func afterAPaymentASavedCartWithOtherLinesIsNotSaidSavedByAnotherSession() throws {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.fillInCheckout(&state)
        guard case .purchase(let request, _, let total, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a purchase")
            return
        }
        let purchase = Purchase(id: 99, purchasedAt: .now, lines: [], total: total, cardLast4: "1111")
        let after = self.program.update(&state, .message(.purchased(request: request, purchase: purchase)))
        guard case .loadCart(let load)? = after.first(where: { if case .loadCart = $0 { true } else { false } }) else {
            Issue.record("expected the cart to be fetched, got \(after)")
            return
        }
        _ = self.program.update(&state, .message(.cartLoaded(request: load, cart: Cart(lines: [], isSaved: false))))
        #expect(state.cart.hasUnsavedChanges && !state.cart.savedElsewhere)
        _ = self.program.press([.character("q")], &state)
        let words = try #require(state.shell.quitDialog).lines.map(\.text).joined(separator: " ")
        #expect(!words.contains("Another session"), "\(words)")
        #expect(words.contains("your saved cart still holds lines"), "\(words)")
    }

    /// The saved cart, back at login, is said with its total at today's prices; an empty one
    /// leaves the welcome as it is.
    @Test func theWelcomeSaysTheSavedCartIsBackAtTodaysPrices() {
        for (cart, back) in [(BuyerFixtures.cart, true), (Cart(lines: [], isSaved: true), false)] {
            var state = BuyerFixtures.started(size: Size(width: 120, height: 36))
            for command in self.program.update(&state, .message(.account(.loggedIn(request: 900, profile: BuyerFixtures.profile)))) {
                _ = BuyerFixtures.answer(command, &state, cart: cart)
            }
            let text = state.shell.status?.text ?? ""
            #expect(text.hasPrefix("Welcome,"), "\(text)")
            #expect(text.contains("Your saved cart is back: \(Format.units(cart.totalUnits)), \(Format.money(cart.total)) at today's prices") == back, "\(text)")
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
        #expect(dialog.lines.map(\.text).contains("login brings back. w saves this one instead, then quits."))
    }
}
