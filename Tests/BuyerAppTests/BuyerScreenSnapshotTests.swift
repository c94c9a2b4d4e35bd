import BuyerApp
import MarketClient
import MarketCore
import Testing
import TerminalUI
import TerminalUITesting

/// Every screen of the storefront, rendered by the in-memory canvas and compared with the text
/// snapshots in __Snapshots__ (MARKET_RECORD_SNAPSHOTS=1 re-records them).
@Suite struct BuyerScreenSnapshotTests {
    let program = BuyerFixtures.program

    func snapshot(_ state: BuyerState, _ name: String, size: Size? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        var state = state
        if let size { _ = self.program.update(&state, .resize(size)) }
        SnapshotAssertion.assertSnapshot(self.program.canvas(for: state, size: state.shell.size), named: name, sourceLocation: sourceLocation)
    }

    @Test func login() {
        self.snapshot(BuyerFixtures.started(size: Size(width: 80, height: 24)), "login-80x24")
        var state = BuyerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Bea Buyer", "bea"], &state)
        self.snapshot(state, "create-account")
    }

    @Test func searchResultsAtThreeSizes() {
        self.snapshot(BuyerFixtures.loggedIn(), "search-120x36")
        self.snapshot(BuyerFixtures.loggedIn(size: Size(width: 80, height: 24)), "search-80x24")
        self.snapshot(BuyerFixtures.loggedIn(size: Size(width: 160, height: 40)), "search-160x40")
    }

    @Test func keywordResultsSayHowManyOfTheWordsEachMatched() {
        var state = BuyerFixtures.loggedIn(size: Size(width: 160, height: 40))
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("coffee mug", &state)
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state) }
        self.snapshot(state, "search-keywords-160x40")
    }

    @Test func editingTheSearchBar() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("coffee kaffee", &state)
        _ = self.program.press([.backTab], &state)
        _ = self.program.type("3", &state)
        self.snapshot(state, "search-editing")
    }

    @Test func aBadSearchSaysWhatIsWrong() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("one two three four five six", &state)
        _ = self.program.press([.enter], &state)
        self.snapshot(state, "search-problem")
    }

    @Test func noResults() {
        var state = BuyerFixtures.loggedIn(hits: [])
        _ = self.program.press([.character("/")], &state)
        self.snapshot(state, "search-no-results")
    }

    @Test func manyResultsSortedByPrice() {
        let many = (1...50).map { number in
            SearchHit(item: BuyerFixtures.item(Int64(number), "Item \(number)", price: "\(100 - number).00", quantity: number), matchedKeywords: 1)
        }
        var state = BuyerFixtures.loggedIn(hits: many, total: 312)
        // s cycles Item, Name, Condition, Price: each time the server sends the top of the list.
        BuyerFixtures.sort([.character("s"), .character("s"), .character("s"), .character("s")], &state, hits: many, total: 312)
        self.snapshot(state, "search-sorted-paged")
    }

    @Test func itemDetail() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("j"), .enter], &state)
        self.snapshot(state, "detail-loading")
        for command in commands { BuyerFixtures.answer(command, &state) }
        self.snapshot(state, "detail")
    }

    @Test func addToCart() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("a"), .backspace], &state)
        _ = self.program.type("3", &state)
        self.snapshot(state, "add-to-cart")
        _ = self.program.press([.backspace], &state)
        _ = self.program.type("9", &state)
        _ = self.program.press([.enter], &state)
        self.snapshot(state, "add-to-cart-too-many")
    }

    @Test func cart() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        self.snapshot(state, "cart")
    }

    @Test func emptyCartView() {
        var state = BuyerFixtures.loggedIn(cart: .empty)
        BuyerFixtures.showCart(&state)
        self.snapshot(state, "cart-empty-view")
    }

    @Test func clearingTheCartAsksFirst() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        _ = self.program.press([.character("X")], &state)
        self.snapshot(state, "cart-clear")
    }

    @Test func checkout() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showCart(&state)
        _ = self.program.press([.character("c")], &state)
        self.program.fill(["4111 1111 1111 1112", "10/26"], &state)
        _ = self.program.press([.enter], &state)
        self.snapshot(state, "checkout-problems")
        // The refused Enter put the cursor on the first field at fault, the number.
        _ = self.program.press([.backspace], &state)
        _ = self.program.type("1", &state)
        _ = self.program.press([.tab, .control("u")], &state)
        _ = self.program.type("04/29", &state)
        _ = self.program.press([.enter], &state)
        self.snapshot(state, "checkout-confirm")
        BuyerFixtures.readTheQuestion(&state)

        // A refusal longer than a line is shown whole: the box grows for it.
        let commands = self.program.press([.enter], &state)
        guard case .purchase(let request, let card, let total, _, _)? = commands.first else {
            Issue.record("expected a purchase, got \(commands)")
            return
        }
        let refusal = MarketError(.priceChanged, "A price in your cart changed: the total is now 254.99, not 234.99. Nothing was bought; check the cart and pay again.")
        _ = self.program.update(&state, .message(.failed(request: request, command: .purchase(request: request, card: card, total: total, shortages: [], saveFirst: false), error: refusal)))
        self.snapshot(state, "checkout-price-changed")
    }

    /// A cart holding more than is on sale: the box pays for what is, once the rest is out.
    @Test func checkoutShortOfStock() {
        var state = BuyerFixtures.loggedIn(size: Size(width: 80, height: 24), cart: BuyerFixtures.shortCart)
        for command in self.program.press([.character("2"), .character("c")], &state) { BuyerFixtures.answer(command, &state, cart: BuyerFixtures.shortCart) }
        self.program.fill(["4111 1111 1111 1111", "04/29"], &state)
        self.snapshot(state, "checkout-short-of-stock")
        _ = self.program.press([.enter], &state)
        self.snapshot(state, "checkout-short-of-stock-confirm")
    }

    @Test func purchases() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        self.snapshot(state, "purchases")
        _ = self.program.press([.character("j"), .character("+")], &state)
        self.snapshot(state, "purchases-vote")
    }

    @Test func sellerLookup() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("R"), .enter], &state)
        guard case .sellerRating(let request, _)? = commands.first else {
            Issue.record("expected a lookup, got \(commands)")
            return
        }
        _ = self.program.update(&state, .message(.sellerRatingLoaded(request: request, rating: SellerRating(sellerID: SellerID(7), name: "Ölmühle Weber", rating: Rating(thumbsUp: 87, thumbsDown: 13), itemsSold: 412))))
        self.snapshot(state, "seller-rating")
    }

    @Test func helpAndQuit() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("?")], &state)
        self.snapshot(state, "help")
        _ = self.program.press([.escape, .character("2"), .character("x"), .backspace], &state)
        _ = self.program.type("1", &state)
        let commands = self.program.press([.enter], &state)
        _ = self.program.update(&state, .message(.removedFromCart(request: commands.first?.request ?? 0, item: BuyerFixtures.hits[0].item.id, removed: 1, left: 1)))
        _ = self.program.press([.character("q")], &state)
        self.snapshot(state, "quit-unsaved-cart")
    }

    /// Every key does not fit on 80×24: the help scrolls, and its end holds the boxes' keys and
    /// the mouse.
    @Test func helpAt80x24ScrolledToTheEnd() {
        var state = BuyerFixtures.loggedIn(size: Size(width: 80, height: 24))
        BuyerFixtures.showPurchases(&state)
        _ = self.program.press([.character("?"), .end], &state)
        self.snapshot(state, "help-80x24-end")
    }

    @Test func tooSmallAndOffline() {
        self.snapshot(BuyerFixtures.loggedIn(), "too-small-79x24", size: Size(width: 79, height: 24))
        var state = BuyerFixtures.loggedIn()
        _ = self.program.update(&state, .message(.account(.connection(.waitingToReconnect(attempt: 2, reason: "refused")))))
        _ = self.program.update(&state, .message(.failed(request: 0, command: .saveCart(request: 0), error: MarketError(.unreachable, "x"))))
        self.snapshot(state, "offline")
    }

    @Test func monochromeLooksAreNotColoursButTheSnapshotsSayWhichStyle() {
        // Styles are semantic; the snapshot's style list is what a monochrome terminal maps to
        // attributes, so one set of snapshots covers both.
        let canvas = self.program.canvas(for: BuyerFixtures.loggedIn(), size: Size(width: 120, height: 36))
        #expect(canvas[0, 4].style == .tableHeader)
        #expect(canvas[0, 5].style == .selection)
        #expect(canvas[1, 0].style == .headerTitle)
    }

    @Test func aCartShortOfStock() {
        var state = BuyerFixtures.loggedIn(cart: BuyerFixtures.shortCart)
        BuyerFixtures.showCart(&state)
        self.snapshot(state, "cart-short")
    }
}
