import BuyerApp
import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import Testing
import TerminalUI
import TerminalUITesting

/// The search bar and its results: sending, paging, stale and failed searches, and keys typed
/// ahead of them.
extension BuyerFlowTests {
    @Test func searchingSendsCategoryAndNormalisedKeywords() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("Red, BIKE red pour-over", &state)
        _ = self.program.press([.backTab], &state)
        _ = self.program.type("7", &state)
        let commands = self.program.press([.enter], &state)
        guard case .search(_, let query, 0, _)? = commands.first else {
            Issue.record("expected a search, got \(commands)")
            return
        }
        #expect(query == SearchQuery(category: .only(Category(rawValue: 7)!), keywords: ["red", "bike", "pour", "over"]))
        #expect(!state.search.isEditing, "the results get the keys next")
    }

    @Test func reversingTheRankingSaysItHasNoOtherWayRoundAndReversingPurchasesShowsTheOldestFirst() {
        var state = BuyerFixtures.loggedIn()
        #expect(self.program.press([.character("S")], &state).isEmpty, "nothing is fetched")
        #expect(state.search.table.sortColumn == nil)
        #expect(state.shell.status == .info("The ranking has no other way round: s sorts by a column, S then turns it around."))

        BuyerFixtures.showPurchases(&state)
        _ = self.program.press([.character("S")], &state)
        #expect(state.purchases.table.sortColumn == 0 && state.purchases.table.sortAscending, "by date, oldest first")
    }

    @Test func arrowsPickACategoryFromTheListUnderTheBarInsteadOfLeavingIt() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/"), .backTab], &state)
        _ = self.program.type("ga", &state)
        _ = self.program.press([.down, .down], &state)
        #expect(state.search.isEditing, "↓ stays in the bar while the list is open")
        #expect(state.search.bar["category"] == "Garden")
        _ = self.program.press([.up, .up], &state)
        #expect(state.search.bar["category"] == "ga", "↑ from the first name puts back what was typed")
        _ = self.program.press([.up], &state)
        #expect(state.search.bar["category"] == "ga")
    }

    @Test func aCategoryIsTypedByNameAndTheLineUnderTheBarSaysWhichItIs() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/"), .backTab], &state)
        let note = { self.program.canvas(for: state, size: state.shell.size).lines[2] }
        let screen = { self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n") }
        #expect(note().contains("Any category — or type a number or a name from the list below"), "\(note())")
        for name in ["0  Other", "1  Books", "4  Sports & outdoors", "8  Garden"] { #expect(screen().contains(name), "the list under the field: \(name)") }
        _ = self.program.type("kit", &state)
        #expect(note().contains("In 3 Home & kitchen"), "\(note())")
        #expect(screen().contains("3  Home & kitchen") && !screen().contains("1  Books"), "the list narrows as the name is typed")
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type("zz", &state)
        #expect(note().contains("No category is called “zz”"), "\(note())")
        _ = self.program.press([.control("u")], &state)
        _ = self.program.type("sports", &state)
        for command in self.program.press([.enter], &state) {
            guard case .search(_, let query, 0, _) = command else { continue }
            #expect(query.category == .only(Category(rawValue: 4)!))
            BuyerFixtures.answer(command, &state)
        }
        #expect(note().contains("4 results for Sports & outdoors"), "\(note())")
        #expect(self.barLine(state).contains("Sports & outdoors"), "\(self.barLine(state))")
    }

    @Test func aClickOnACategoryInTheListUnderTheBarPicksItAndSelectsNoRow() throws {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/"), .backTab], &state)
        let garden = try #require(self.program.canvas(for: state, size: state.shell.size).point(of: "8  Garden"))
        let selected = state.search.table.selection
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: garden)))
        #expect(state.search.isEditing && state.search.bar["category"] == "Garden")
        let narrowed = try #require(self.program.canvas(for: state, size: state.shell.size).point(of: "8  Garden"), "the list narrowed to it")
        _ = self.program.update(&state, .mouse(MouseEvent(.wheelDown, at: narrowed)))
        #expect(state.search.table.selection == selected, "neither the click nor the wheel reached the rows under the list")
    }

    @Test func aCategoryWhoseNameReadsAsAnotherIsWrittenAsItsNumber() {
        var state = self.showingVinylInSeven()
        // An operator named category 7 "42", which typed reads as category 42.
        _ = self.program.update(&state, .message(.account(.categories(CategoryNames([CategoryName(category: Category(rawValue: 7)!, name: "42")])))))
        #expect(self.barLine(state).contains("Category  7 "), "\(self.barLine(state))")
    }

    @Test func theBarSaysItsKeysShorterRatherThanCutThem() {
        var state = BuyerFixtures.loggedIn(size: Size(width: 80, height: 24))
        _ = self.program.press([.character("/")], &state)
        let bar = self.program.canvas(for: state, size: state.shell.size).lines[1]
        #expect(!bar.contains("…"), "\(bar)")
        #expect(bar.contains("Enter searches"), "\(bar)")
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

    @Test func aWordThatFindsNothingIsSearchedAgainInItsOtherNumber() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("Mugs", &state)
        guard case .search(let request, let query, 0, nil)? = self.program.press([.enter], &state).first else {
            Issue.record("expected the search")
            return
        }
        let retry = self.program.update(&state, .message(.searched(request: request, query: query, page: Page(items: [], offset: 0, limit: 50, total: 0))))
        guard case .search(let again, let other, 0, nil)? = retry.first, other.keywords == ["mug"] else {
            Issue.record("expected “mug” searched at once, got \(retry)")
            return
        }
        let mug = [BuyerFixtures.hits[1]]
        _ = self.program.update(&state, .message(.searched(request: again, query: other, page: Page(items: mug, offset: 0, limit: 50, total: 1))))
        #expect(state.shell.status == .info("Nothing on sale matches “mugs”: showing “mug” instead."))
        #expect(state.search.rows == mug)
        #expect(self.program.canvas(for: state, size: state.shell.size).lines[1].contains("mug"), "the bar says what is shown")

        // When neither finds anything, it says so, once.
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("teapot", &state)
        var commands = self.program.press([.enter], &state)
        var searches = 0
        while let command = commands.first {
            searches += 1
            commands = BuyerFixtures.answer(command, &state, hits: [])
        }
        #expect(searches == 2)
        #expect(state.shell.status == .info("Nothing on sale matches “teapot”, singular or plural — only whole words match: try other words."))
        #expect(state.search.query?.keywords == ["teapot"], "the search on show is the one typed, not its other number")
        let screen = self.program.canvas(for: state, size: state.shell.size)
        #expect(screen.lines[1].contains("teapot ") && !screen.lines[1].contains("teapots"), "\(screen.lines[1])")
        #expect(screen.lines[2].contains("0 results for “teapot”"), "\(screen.lines[2])")
    }

    @Test func aSearchOfSeveralWordsThatNoItemHasAllOfSaysSo() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("coffee mugs", &state)
        // The results have “coffee” (the kit) and “mug”, never “mugs”.
        let some = BuyerFixtures.hits.map { SearchHit(item: $0.item, matchedKeywords: 1) }
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state, hits: some) }
        #expect(state.shell.status == .info("No item has every word of “coffee mugs”; these have some. None has “mugs”; only whole words match: try “coffee mug”."))
        #expect(BuyerProgram.missingWordsHint(for: ["lamp", "zzz"], missing: ["zzz"]) == " None has “zzz”.", "no plural of a word nobody has offered")
        #expect(BuyerProgram.missingWordsHint(for: ["lamp", "brass"], missing: []) == "", "when the page cannot tell, nothing")
    }

    @Test func aSearchOfSeveralWordsThatFindsNothingSaysThatWholeWordsCount() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("blue mugs", &state)
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state, hits: []) }
        #expect(state.shell.status == .info("Nothing on sale matches “blue mugs”. Only whole words match: try “blue mug”."))
        #expect(BuyerProgram.wholeWordsHint(for: ["東京", "mu"]) == " Only whole words match, not parts of them: try other or fewer words.")
        let forms = ["batteries": "battery", "boxes": "box", "glasses": "glass", "lamps": "lamp", "shoes": "shoe", "sock": "socks",
                     "battery": "batteries", "box": "boxes", "glass": "glasses", "key": "keys", "canvas": "canvases", "watches": "watch"]
        for (word, other) in forms {
            #expect(BuyerProgram.wholeWordsHint(for: [word]) == " Only whole words match: try “\(other)”.", "\(word)")
        }
        #expect(BuyerProgram.wholeWordsHint(for: ["zzxqw", "東京"]) == " Only whole words match: try “zzxqws 東京”.", "every word kept")

        // In a category, the category is said once; and only where the results are on show.
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("pan", &state)
        _ = self.program.press([.backTab], &state)
        _ = self.program.type("garden", &state)
        var commands = self.program.press([.enter], &state)
        while let command = commands.first { commands = BuyerFixtures.answer(command, &state, hits: []) }
        #expect(state.shell.status == .info("Nothing on sale matches “pan” in Garden, singular or plural: try any category, or other words."))
        BuyerFixtures.showCart(&state)
        state.shell.status = nil
        for command in self.program.press([.character("r")], &state) { _ = BuyerFixtures.answer(command, &state, hits: []) }
        #expect(state.shell.status == .success("Up to date."), "the search rerun behind the cart says nothing: \(String(describing: state.shell.status))")

        // Several words in one category: the category may be what finds nothing, not a plural.
        _ = self.program.press([.character("1"), .character("/"), .control("u")], &state)
        _ = self.program.type("coffee mug", &state)
        commands = self.program.press([.enter], &state)
        while let command = commands.first { commands = BuyerFixtures.answer(command, &state, hits: []) }
        #expect(state.shell.status == .info("Nothing on sale matches “coffee mug” in Garden. Try any category, or other words."))
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
        guard case .search(let old, let oldQuery, _, _)? = first.first, case .search(let new, let newQuery, _, _)? = second.first else {
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
        guard case .search(let request, let query, let offset, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a search")
            return
        }
        let shown = state.search.query
        _ = self.program.update(&state, .message(.failed(request: request, command: .search(request: request, query: query, offset: offset, order: nil), error: MarketError(.timedOut, "late"))))
        #expect(state.search.query == shown, "the results on show stay")
        #expect(state.search.isEditing, "what was typed stays in the bar")

        let refresh = self.program.refresh(&state)
        guard case .search(let again, let rerun, 0, _)? = refresh.first(where: { if case .search = $0 { true } else { false } }) else {
            Issue.record("expected a search, got \(refresh)")
            return
        }
        #expect(rerun == query, "the search typed, not the one on show")
        _ = self.program.update(&state, .message(.searched(request: again, query: rerun, page: Page(items: [BuyerFixtures.hits[0]], offset: 0, limit: 50, total: 1))))
        #expect(state.search.query == query)
        #expect(!state.search.isEditing, "the bar is done")
        #expect(state.search.unanswered == nil)
    }

    /// A refresh (r, or the server back) fetches the item an open quantity box counts against:
    /// the price and the units on sale it shows are the ones now.
    @Test func aRefreshFetchesTheItemOfAnOpenQuantityBox() throws {
        var state = BuyerFixtures.loggedIn()
        let hit = BuyerFixtures.hits[0].item
        for command in self.program.press([.character("a")], &state) { _ = BuyerFixtures.answer(command, &state) }
        guard case .quantity(let opened)? = state.modal, opened.item == hit.id else {
            Issue.record("a opens the box for the selected item")
            return
        }
        let refresh = self.program.refresh(&state)
        guard case .loadItem(let request, hit.id)? = refresh.first(where: { if case .loadItem = $0 { true } else { false } }) else {
            Issue.record("expected the item to be fetched, got \(refresh)")
            return
        }
        var changed = hit
        changed.price = Money("99.00")!
        changed.quantity = 2
        let seller = SellerRating(sellerID: hit.sellerID, name: hit.sellerName, rating: Rating(thumbsUp: 1, thumbsDown: 0), itemsSold: 3)
        _ = self.program.update(&state, .message(.itemLoaded(request: request, detail: BuyerAPI.GetItem.Result(item: changed, seller: seller))))
        guard case .quantity(let dialog)? = state.modal else {
            Issue.record("the box stays")
            return
        }
        #expect(dialog.unitPrice == Money("99.00")!)
        #expect(dialog.maximum <= 2)
    }

    /// An item's ID is shown whole, however large its category: two items are never told apart
    /// by an ellipsis.
    @Test func longItemIDsAreShownWhole() {
        let hits = [1103, 1104].map { SearchHit(item: BuyerFixtures.item(Int64($0), "Filler", category: 1_185_692_016, price: "1.00", quantity: 2), matchedKeywords: 1) }
        for width in [80, 120] {
            let state = BuyerFixtures.loggedIn(size: Size(width: width, height: 24), hits: hits)
            let screen = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
            #expect(screen.contains("1185692016-1103") && screen.contains("1185692016-1104"), "\(width) columns:\n\(screen)")
        }
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
        guard case .search(let request, let query, let start, _)? = fetch.first, start == top + visible, start < 50 else {
            Issue.record("expected the screenful after rows \(top)–\(top + visible - 1), got \(fetch)")
            return
        }
        let next = (0..<50).map { index in
            SearchHit(item: BuyerFixtures.item(Int64(900 - index), "Lamp \(start + index + 1)", price: "10.00", quantity: 3), matchedKeywords: 1)
        }
        _ = self.program.update(&state, .message(.searched(request: request, query: query, page: Page(items: next, offset: start, limit: 50, total: 364))))
        #expect(state.search.selected?.item.name == "Lamp \(start + 1)")
        #expect(state.search.position(visibleRows: visible)?.hasPrefix("\(start + 1)–\(start + visible) of") == true, "\(state.search.position(visibleRows: visible) ?? "")")

        // Up from the first row fetched goes back as `[` does.
        var up = state
        guard case .search(_, _, 0, _)? = self.program.press([.up], &up).first else {
            Issue.record("Up from the first row at hand fetches the rows before it")
            return
        }

        // Back from the top: the screenful just before, ending with the row above.
        let back = self.program.press([.character("[")], &state)
        guard case .search(let previous, _, 0, _)? = back.first else {
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
        guard case .search(_, _, 4, _)? = next.first else {
            Issue.record("expected the rows from the fifth, got \(next)")
            return
        }
        // Sorted, the server sorts them all and sends the top of the list; then ] goes on in that
        // order from the first row not seen.
        var sorted = BuyerFixtures.loggedIn(total: 120)
        let sort = self.program.press([.character("s")], &sorted)
        guard case .search(let request, let query, 0, ItemOrder(.id)?)? = sort.first else {
            Issue.record("expected the top of the list sorted by item, got \(sort)")
            return
        }
        _ = self.program.update(&sorted, .message(.searched(request: request, query: query, page: Page(items: BuyerFixtures.hits, offset: 0, limit: 50, total: 120))))
        #expect(sorted.search.isInServerOrder)
        guard case .search(_, _, 4, ItemOrder(.id)?)? = self.program.press([.character("]")], &sorted).first else {
            Issue.record("expected the rows from the fifth, sorted by item")
            return
        }
        var first = BuyerFixtures.loggedIn()
        #expect(self.program.press([.character("[")], &first).isEmpty)
        #expect(first.shell.status == .info("This is the first page."))
        _ = self.program.press([.down], &first)
        #expect(first.shell.status == nil, "a note about where the selection was goes once it moves")
        _ = self.program.press([.character("["), .character("[")], &first)
        #expect(first.shell.status == .info("This is the first page."), "said again at the edge")
        _ = self.program.press([.character("/")], &first)
        #expect(first.shell.status == nil, "and gone at any other key")
        _ = self.program.press([.escape, .home, .pageUp], &first)
        #expect(first.shell.status == .info("This is the first page."), "PgUp at the top says what [ says")
        _ = self.program.press([.end, .pageDown], &first)
        #expect(first.shell.status == .info("That was the last page of results."), "and PgDn at the bottom what ] says")

        // Down from the last row at hand goes on into the rows not fetched yet, as ] does.
        var more = BuyerFixtures.loggedIn(total: 120)
        let down = self.program.press([.character("j"), .character("j"), .character("j"), .character("j")], &more)
        guard case .search(_, _, 4, _)? = down.first else {
            Issue.record("expected the rows after the fourth, got \(down)")
            return
        }
        var all = BuyerFixtures.loggedIn()
        #expect(self.program.press([.character("G"), .character("j")], &all).isEmpty, "nothing more to fetch")
    }

    @Test func homeAndEndGoToTheFirstAndLastResultFetchingThemWhenNotAtHand() {
        var state = BuyerFixtures.loggedIn(total: 120)
        guard case .search(let request, let query, 70, _)? = self.program.press([.character("G")], &state).first else {
            Issue.record("End should fetch the last 50 of 120")
            return
        }
        _ = self.program.update(&state, .message(.searched(request: request, query: query, page: Page(items: BuyerFixtures.hits, offset: 116, limit: 50, total: 120))))
        #expect(state.search.table.selection == BuyerFixtures.hits.count - 1, "the last result is selected")
        guard case .search(_, _, 0, _)? = self.program.press([.character("g")], &state).first else {
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

    @Test func slashEditsTheSearchFromAnyView() {
        var state = BuyerFixtures.loggedIn()
        for view in ["2", "3"] {
            _ = self.program.press([.character(Character(view))], &state)
            _ = self.program.press([.character("/")], &state)
            #expect(state.view == .search && state.search.isEditing, "from view \(view)")
            _ = self.program.press([.escape], &state)
        }
    }

    @Test func keysTypedWhileASearchIsOnItsWayActOnItsResults() {
        var state = BuyerFixtures.loggedIn()
        let mug = [BuyerFixtures.hits[1]]
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("mug", &state)
        guard case .search(let request, let query, _, _)? = self.program.press([.enter], &state).first else {
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

    @Test func keysHeldForASearchThatFailsAreDropped() {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("/"), .control("u")], &state)
        _ = self.program.type("mug", &state)
        guard case .search(let request, let query, let offset, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a search")
            return
        }
        _ = self.program.press([.character("a"), .enter], &state)
        let failure = MarketError(.unreachable, "down")
        _ = self.program.update(&state, .message(.failed(request: request, command: .search(request: request, query: query, offset: offset, order: nil), error: failure)))
        #expect(state.modal == nil, "a and Enter were meant for results that did not come")
        #expect(state.shell.typeahead == nil)
        #expect(state.search.bar["keywords"] == "mug", "nor were they typed into the search kept for a retry")
    }

    @Test func pagesTurnedFasterThanTheyLoadAreAllTurned() {
        var state = BuyerFixtures.loggedIn(total: 180)
        // Pages of 4 rows: each ] goes on from the first row not seen.
        guard case .search(let first, let query, 4, _)? = self.program.press([.character("]")], &state).first else {
            Issue.record("expected the second page")
            return
        }
        #expect(self.program.press([.character("]"), .character("]")], &state).isEmpty, "held while the page loads")
        var next = self.program.update(&state, .message(.searched(request: first, query: query, page: Page(items: BuyerFixtures.hits, offset: 4, limit: 50, total: 180))))
        guard case .search(let second, _, 8, _)? = next.first else {
            Issue.record("the second ] did not turn to the third page: \(next)")
            return
        }
        next = self.program.update(&state, .message(.searched(request: second, query: query, page: Page(items: BuyerFixtures.hits, offset: 8, limit: 50, total: 180))))
        guard case .search(_, _, 12, _)? = next.first else {
            Issue.record("the third ] did not turn to the fourth page: \(next)")
            return
        }
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

    /// The number as item boxes show it (“#139”) or typed full-width.
    @Test func theSellerLookupTakesTheNumberAsShown() {
        for typed in ["#139", "# 139", "＃１３９"] {
            var state = BuyerFixtures.loggedIn()
            _ = self.program.press([.character("R"), .control("u")], &state)
            _ = self.program.type(typed, &state)
            guard case .sellerRating(_, let seller)? = self.program.press([.enter], &state).first else {
                Issue.record("\(typed) was not looked up")
                return
            }
            #expect(seller == SellerID(139))
        }
    }

    @Test func anUnknownSellerIsSaidUnderTheNumberUntilItChanges() throws {
        var state = BuyerFixtures.loggedIn()
        _ = self.program.press([.character("R")], &state)
        _ = self.program.type("999", &state)
        guard case .sellerRating(let request, let seller)? = self.program.press([.enter], &state).first else {
            Issue.record("expected the lookup to be sent")
            return
        }
        #expect(seller == SellerID(999))
        let sentence = "There is no seller 999."
        _ = self.program.update(&state, .message(.failed(request: request, command: .sellerRating(request: request, seller: seller), error: MarketError(.notFound, sentence))))
        let screen = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
        #expect(screen.contains("✗ " + sentence))
        #expect(!screen.contains("✓"), "no tick over it")
        _ = self.program.press([.right], &state)
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.joined().contains(sentence), "not gone at a key that changes nothing")
        _ = self.program.press([.backspace], &state)
        #expect(!self.program.canvas(for: state, size: state.shell.size).lines.joined().contains(sentence))
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
        #expect(self.barLine(state).contains("Music"), "category 7, by its name")
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
        guard case .search(_, let retried, 0, _)? = self.program.press([.enter], &offline).first else {
            Issue.record("Enter did not try the search again")
            return
        }
        #expect(retried.keywords == ["jazz"])
        _ = self.program.update(&offline, .message(.failed(request: offline.search.loadRequest ?? 0, command: .search(request: offline.search.loadRequest ?? 0, query: retried, offset: 0, order: nil), error: MarketError(.unreachable, "x"))))
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
        BuyerFixtures.sort([.character("s"), .character("s"), .character("s"), .character("s")], &state)
        #expect(line(state).contains("sorted by price ▲"), "\(line(state))")
        #expect(state.search.rows.map(\.item.price) == BuyerFixtures.hits.map(\.item.price).sorted())
        BuyerFixtures.sort([.character("S")], &state)
        #expect(line(state).contains("sorted by price ▼"), "\(line(state))")
        #expect(self.program.canvas(for: state, size: state.shell.size).lines[4].hasPrefix("    # Item"), "sorted by the server: positions, not ranks")
        // The first column's title goes back to the ranking.
        BuyerFixtures.sort([.character("s"), .character("s"), .character("s"), .character("s"), .character("s")], &state)
        #expect(line(state).contains("newest first"), "\(line(state))")
        #expect(self.program.canvas(for: state, size: state.shell.size).lines[4].hasPrefix("Rank"))
    }

    @Test func aNarrowLineSaysTheRankingInFewerWords() {
        var state = BuyerFixtures.loggedIn(size: Size(width: 80, height: 24))
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("handmade ceramic espresso cups", &state)
        for command in self.program.press([.enter], &state) { BuyerFixtures.answer(command, &state, total: 1_001) }
        let line = self.program.canvas(for: state, size: state.shell.size).lines[2]
        #expect(line.contains("“handmade ceramic espresso cups” · best match first") && !line.contains("then newest"), "\(line)")
    }

    @Test func resultsSortedByTheServerAreNumberedAndSayWhenOnlyTheBestAreSorted() {
        var state = BuyerFixtures.loggedIn(total: 1_001)
        let line = { (state: BuyerState) in self.program.canvas(for: state, size: state.shell.size).lines[2] }
        // s cycles Item, Name, Condition, Price; each asks the server, and keys wait for its answer.
        for _ in 0..<3 {
            for command in self.program.press([.character("s")], &state) { BuyerFixtures.answer(command, &state, total: 1_000) }
        }
        let commands = self.program.press([.character("s")], &state)
        guard case .search(let request, let query, 0, ItemOrder(.price)?)? = commands.last else {
            Issue.record("expected the top of the results sorted by price, got \(commands)")
            return
        }
        let cheapestFirst = BuyerFixtures.hits.sorted { $0.item.price < $1.item.price }
        _ = self.program.update(&state, .message(.searched(request: request, query: query, page: Page(items: cheapestFirst, offset: 0, limit: 50, total: 1_000))))
        #expect(state.search.rows == cheapestFirst)
        #expect(line(state).contains("the newest 1,000 results for everything · sorted by price ▲"), "only the newest are sorted: \(line(state))")
        #expect(self.program.canvas(for: state, size: state.shell.size).lines[4].hasPrefix("    # Item"), "a position, not a rank")
    }

    @Test func aNewSearchComesInItsRankingWhateverTheLastOneWasSortedBy() {
        var state = BuyerFixtures.loggedIn()
        // s cycles Item, Name, Condition, Price.
        BuyerFixtures.sort([.character("s"), .character("s"), .character("s"), .character("s")], &state)
        #expect(state.search.table.sortColumn != nil)
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("mug", &state)
        for command in self.program.press([.enter], &state) { _ = BuyerFixtures.answer(command, &state) }
        #expect(state.search.table.sortColumn == nil, "ranked as the server answered")
        #expect(state.search.selected?.item.id == BuyerFixtures.hits[0].item.id, "the best match is under the cursor")
        let line = self.program.canvas(for: state, size: state.shell.size).lines[2]
        #expect(line.contains("best match first") && !line.contains("sorted by"), "\(line)")

        // The same search again from the bar comes in its ranking too; r keeps the sort.
        BuyerFixtures.sort([.character("s")], &state)
        #expect(state.search.table.sortColumn != nil)
        let refresh = self.program.press([.character("r")], &state)
        #expect(refresh.contains { if case .search(_, _, _, let order?) = $0 { order.key == .id } else { false } }, "\(refresh)")
        for command in refresh { _ = BuyerFixtures.answer(command, &state) }
        _ = self.program.press([.character("/")], &state)
        let again = self.program.press([.enter], &state)
        #expect(again.contains { if case .search(_, _, 0, nil) = $0 { true } else { false } }, "\(again)")
        for command in again { _ = BuyerFixtures.answer(command, &state) }
        #expect(state.search.table.sortColumn == nil)
    }

    @Test func sortingShowsTheTopOfWhatIsSortedWhetherOrNotEveryResultIsAtHand() {
        for total in [300, 4] {
            var state = BuyerFixtures.loggedIn(total: total)
            _ = self.program.press([.down, .down], &state)
            let sort = self.program.press([.character("s")], &state)
            #expect(state.search.table.selection == 0 && state.search.table.offset == 0, "at once, \(total) results")
            guard case .search(let request, let query, 0, ItemOrder(.id)?)? = sort.first else {
                Issue.record("the server sorts them all, got \(sort)")
                return
            }
            let byItem = BuyerFixtures.hits.sorted { $0.item.id < $1.item.id }
            _ = self.program.update(&state, .message(.searched(request: request, query: query, page: Page(items: byItem, offset: 0, limit: 50, total: total))))
            #expect(state.search.selected?.item.id == byItem[0].item.id, "and once the server sorted them, \(total) results")
        }
    }

    @Test func aCountThatStoppedAtTheCapReadsMoreThanAThousand() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("r")], &state)
        guard case .search(let request, let query, _, _)? = commands.first(where: { if case .search = $0 { true } else { false } }) else {
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

    /// The last page came full, so the results seemed to go on; the page after it is empty. The
    /// rows stay, and the list is known to end with them.
    @Test func anEmptyPagePastAFullLastPageEndsTheResultsWhereTheyAre() {
        var state = BuyerFixtures.loggedIn()
        let commands = self.program.press([.character("r")], &state)
        guard case .search(let request, let query, _, _)? = commands.first(where: { if case .search = $0 { true } else { false } }) else {
            Issue.record("expected a search, got \(commands)")
            return
        }
        let full = Page(items: BuyerFixtures.hits, offset: 0, limit: BuyerFixtures.hits.count, total: 1_001, totalIsExact: false)
        _ = self.program.update(&state, .message(.searched(request: request, query: query, page: full)))
        let next = self.program.press([.character("]")], &state)
        guard case .search(let more, _, let offset, _)? = next.first(where: { if case .search = $0 { true } else { false } }) else {
            Issue.record("expected the next page, got \(next)")
            return
        }
        let empty = Page<SearchHit>(items: [], offset: offset, limit: 50, total: 1_001, totalIsExact: false)
        _ = self.program.update(&state, .message(.searched(request: more, query: query, page: empty)))
        #expect(state.search.rows == BuyerFixtures.hits, "the last rows stay")
        #expect(!state.search.hasNextPage)
        let lines = self.program.canvas(for: state, size: state.shell.size).lines
        #expect(lines[2].contains("\(BuyerFixtures.hits.count) results"), "\(lines[2])")
        #expect(lines[lines.count - 2].contains("That was the last page of results."), "\(lines[lines.count - 2])")
        #expect(!lines.contains { $0.contains("No items match") })
    }
}
