import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// Sessions that expire or are kept alive, and servers that go away and come back.
extension SellerFlowTests {
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
        _ = self.program.update(&state, .message(.failed(request: 1, command: .loadItems(request: 1, offset: 0), error: MarketError(.unreachable, "down"))))
        #expect(state.items.page?.items.count == SellerFixtures.items.count, "what was on screen stays")
        _ = self.program.update(&state, .message(.account(.connection(.connecting(attempt: 2)))))
        let commands = self.program.update(&state, .message(.account(.connection(.connected))))
        #expect(commands.count == 2, "items and rating are fetched again")
        #expect(state.items.page?.items.count == SellerFixtures.items.count)
        #expect(state.shell.status?.kind == .success)
    }

    /// A connection mended at the first attempt was lost all the same: what it would have
    /// brought meanwhile (the wait's news) is fetched again.
    @Test func aConnectionMendedAtTheFirstAttemptRefreshesToo() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.account(.connection(.waitingToReconnect(attempt: 1, reason: "closed")))))
        _ = self.program.update(&state, .message(.account(.connection(.connecting(attempt: 1)))))
        let commands = self.program.update(&state, .message(.account(.connection(.connected))))
        #expect(commands.count == 2, "items and rating are fetched again: \(commands)")
    }

    @Test func aServerWithoutItsDatabaseIsShownInTheHeaderAndTriedAgainUntilItIsBack() {
        var state = SellerFixtures.loggedIn()
        let down = MarketError(.unavailable, "The products database is not reachable right now; nothing was changed. Please try again.")
        _ = self.program.update(&state, .message(.failed(request: 1, command: .loadItems(request: 1, offset: 0), error: down)))
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

    @Test func aMinuteBeforeAnUnattendedSessionEndsTheStatusLineSaysSoAndAKeyTakesItBack() throws {
        var state = try self.loggedInThroughTheForm(sessionTimeout: .seconds(300))
        let warning = StatusMessage.warning("Idle: logging out in a minute — press a key to stay.")
        _ = self.beats(47, &state)  // 235 s
        #expect(state.shell.status != warning)
        _ = self.beats(1, &state)  // 240 s: a minute before the server's timeout
        #expect(state.shell.status == warning)
        _ = self.beats(1, &state)
        #expect(state.shell.status == .warning("Idle: logging out in 55 seconds — press a key to stay."), "it counts down")
        _ = self.beats(10, &state)  // 295 s
        #expect(state.shell.status == .warning("Idle: logging out in 5 seconds — press a key to stay."))
        let key = self.program.press([.character("n")], &state)
        #expect(key.first?.account == .keepAlive, "the session is kept alive at once, not at the next beat: \(key)")
        #expect(state.shell.status == nil, "the warning goes with the key")
        #expect(state.modal == nil, "and the key does nothing else (n would open the new item form)")
        #expect(state.isLoggedIn)
        // Left alone again: warned again, and then logged out.
        _ = self.beats(48, &state)
        #expect(state.shell.status == warning)
        _ = self.beats(12, &state)  // 300 s: the server's timeout
        #expect(state.shell.status == .warning("Idle: logging out now — press a key to stay."))
        _ = self.beats(1, &state)
        #expect(!state.isLoggedIn)
        // Keys typed just then were for the dashboard: they do not land in the login form.
        _ = self.program.type("n", &state)
        #expect(state.login.form["username"] == "zoe", "\(state.login.form["username"])")
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

    /// Lets the clock beat `count` times; returns the commands the beats made.
    private func beats(_ count: Int, _ state: inout SellerState) -> [SellerCommand] {
        (0..<count).flatMap { _ in self.program.update(&state, .message(.account(.heartbeat))) }
    }

    @Test func aRefreshSaysItIsLoadingTheViewOnShow() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("r")], &state)
        #expect(state.shell.busyLabel == "Refreshing…")
        _ = self.program.press([.character("2"), .character("r")], &state)
        #expect(state.shell.busyLabel == "Loading your rating…")
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
}
