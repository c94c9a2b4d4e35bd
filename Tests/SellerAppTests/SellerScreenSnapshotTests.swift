import MarketClient
import MarketCore
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// Every screen of the dashboard, rendered by the in-memory canvas and compared with the text
/// snapshots in __Snapshots__ (MARKET_RECORD_SNAPSHOTS=1 re-records them).
@Suite struct SellerScreenSnapshotTests {
    let program = SellerFixtures.program

    func snapshot(_ state: SellerState, _ name: String, size: Size? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        var state = state
        if let size { _ = self.program.update(&state, .resize(size)) }
        SnapshotAssertion.assertSnapshot(self.program.canvas(for: state, size: state.shell.size), named: name, sourceLocation: sourceLocation)
    }

    @Test func login() {
        var state = SellerFixtures.started(size: Size(width: 80, height: 24))
        self.snapshot(state, "login-80x24")
        self.program.fill(["zoe", "secret-passwörd"], &state)
        self.snapshot(state, "login-typed")
    }

    @Test func createAccountWithInlineProblems() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["  ", "Zoë!", "short", "other"], &state)
        _ = self.program.press([.enter], &state)
        self.snapshot(state, "create-account-problems")
    }

    @Test func loginAfterTheSessionExpired() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.failed(request: 1, command: .loadItems(request: 1, offset: 0), error: MarketError(.sessionExpired, "expired"))))
        self.snapshot(state, "login-session-expired")
    }

    @Test func itemsAtThreeSizes() {
        self.snapshot(SellerFixtures.loggedIn(), "items-120x36")
        self.snapshot(SellerFixtures.loggedIn(size: Size(width: 80, height: 24)), "items-80x24")
        self.snapshot(SellerFixtures.loggedIn(size: Size(width: 160, height: 40)), "items-160x40")
    }

    @Test func itemsSortedByPriceDescending() {
        var state = SellerFixtures.loggedIn()
        // Price is the fifth column: s cycles to it, S reverses.
        _ = self.program.press([.character("s"), .character("s"), .character("s"), .character("s"), .character("s"), .character("S"), .character("j")], &state)
        self.snapshot(state, "items-sorted-price-descending")
    }

    @Test func findingItems() {
        var state = SellerFixtures.loggedIn(size: Size(width: 80, height: 24))
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("caf", &state)
        self.snapshot(state, "items-find-typing")
        for command in self.program.press([.enter], &state) { SellerFixtures.answer(command, &state, items: [SellerFixtures.items[0]]) }
        self.snapshot(state, "items-found")
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("teapot", &state)
        for command in self.program.press([.enter], &state) { SellerFixtures.answer(command, &state, items: []) }
        self.snapshot(state, "items-found-nothing")
    }

    @Test func noItemsYet() {
        self.snapshot(SellerFixtures.loggedIn(items: []), "items-empty")
    }

    @Test func manyItemsShowTheirPosition() {
        let many = (1...150).map { SellerFixtures.item(Int64(1000 - $0), "Item number \($0)", price: "\($0).00", quantity: $0 % 7) }
        var state = SellerFixtures.loggedIn(items: Array(many.prefix(100)), total: 150)
        _ = self.program.press([.pageDown, .pageDown], &state)
        self.snapshot(state, "items-many-paged")
    }

    @Test func rating() {
        var state = SellerFixtures.loggedIn()
        SellerFixtures.showRating(&state)
        self.snapshot(state, "rating")
    }

    @Test func registerFormWithProblems() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        self.program.fill(["A name far too long for the market's rules", "x", "good, waytoolongword"], &state)
        _ = self.program.press([.tab, .right, .tab], &state)
        _ = self.program.type("12.345", &state)
        _ = self.program.press([.enter], &state)
        self.snapshot(state, "register-problems")
    }

    @Test func discardingAFilledInFormShowsWhatWouldBeLost() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        self.program.fill(["Brass desk lamp", "3", "lamp, brass"], &state)
        _ = self.program.press([.escape], &state)
        self.snapshot(state, "register-discard")
    }

    @Test func registerFormListsTheCategoriesThatFitWhatIsTyped() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &state)
        self.program.fill(["Garden gnome"], &state)
        _ = self.program.press([.tab], &state)
        _ = self.program.type("o", &state)
        self.snapshot(state, "register-category-list")
        // Too narrow beside the field: under it, over the fields below, inside the box.
        _ = self.program.press([.backspace], &state)
        self.snapshot(state, "register-category-list-80x24", size: Size(width: 80, height: 24))
    }

    @Test func registerFormFilledIn() {
        var state = SellerFixtures.loggedIn()
        SellerFixtures.fillInRegisterForm(&state, name: "Teapot 1.2L 急須", category: "3", keywords: "tea teapot", price: "34.90")
        self.snapshot(state, "register-filled")
    }

    @Test func changePrice() {
        var state = SellerFixtures.loggedIn()
        for command in self.program.press([.character("p")], &state) { _ = SellerFixtures.answer(command, &state) }
        self.snapshot(state, "price-dialog")
    }

    @Test func removeUnitsAsksFirst() {
        var state = SellerFixtures.loggedIn()
        for command in self.program.press([.character("x"), .backspace], &state) { _ = SellerFixtures.answer(command, &state) }
        _ = self.program.type("7", &state)
        _ = self.program.press([.enter], &state)
        self.snapshot(state, "remove-confirmation")
    }

    @Test func addUnits() {
        var state = SellerFixtures.loggedIn()
        for command in self.program.press([.down, .down, .down, .character("a"), .backspace], &state) { _ = SellerFixtures.answer(command, &state) }
        _ = self.program.type("12", &state)
        self.snapshot(state, "add-units")
    }

    @Test func itemDetail() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.down, .down, .enter], &state)
        self.snapshot(state, "item-detail")
    }

    @Test func help() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("?")], &state)
        self.snapshot(state, "help")
    }

    /// The rating view's help starts with the keys that work there and ends with the mouse.
    @Test func helpOnTheRatingViewAt80x24() {
        var state = SellerFixtures.loggedIn(size: Size(width: 80, height: 24))
        SellerFixtures.showRating(&state)
        _ = self.program.press([.character("?")], &state)
        self.snapshot(state, "help-rating-80x24")
        _ = self.program.press([.end], &state)
        self.snapshot(state, "help-rating-80x24-end")
    }

    @Test func quitAsksFirst() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("q")], &state)
        self.snapshot(state, "quit")
    }

    @Test func terminalTooSmall() {
        self.snapshot(SellerFixtures.loggedIn(), "too-small-60x20", size: Size(width: 60, height: 20))
    }

    @Test func serverGoneKeepsTheScreenAndSaysReconnecting() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.account(.connection(.waitingToReconnect(attempt: 3, reason: "connection refused")))))
        _ = self.program.update(&state, .message(.failed(request: 5, command: .loadItems(request: 5, offset: 0), error: MarketError(.unreachable, "no"))))
        self.snapshot(state, "reconnecting")
    }
}
