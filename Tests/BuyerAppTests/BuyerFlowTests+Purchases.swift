import BuyerApp
import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import Testing
import TerminalUI
import TerminalUITesting

/// Purchase history: paging, sorting, counting and voting.
extension BuyerFlowTests {
    @Test func purchasesTurnAScreenfulOfLinesAtATime() {
        // Purchases 90, 89, 88 of 2, 3 and 2 lines, the 41st to 43rd of 100; three lines in view.
        func purchase(_ id: Int64, lines: Int) -> Purchase {
            let line = PurchaseLine(itemID: BuyerFixtures.hits[0].item.id, name: "Line", sellerID: SellerID(7), quantity: 1, unitPrice: Money("1.00")!, feedback: nil)
            return Purchase(id: id, purchasedAt: .now, lines: Array(repeating: line, count: lines), total: Money("1.00")!, cardLast4: "1111")
        }
        var screen = PurchasesScreen()
        screen.loaded(PurchaseHistory(purchases: Page(items: [purchase(90, lines: 2), purchase(89, lines: 3), purchase(88, lines: 2)], offset: 40, limit: 20, total: 100), itemsPurchased: 9), visibleRows: 3)
        let scrolled = screen.table.showNextScreen(rowCount: 7, visibleRows: 3, wholeScreensOnly: true)
        #expect(scrolled, "lines 4–6 are at hand")
        let forward = screen.adjacentScreen(forward: true, visibleRows: 3)
        #expect(forward.offset == 42, "line 7 is the second of purchase 88, the 43rd: fetched from it")
        #expect(forward.table.selection == 1 && forward.table.offset == 1, "its first line, seen already, just above the screen")

        var back = screen
        back.table = TableState(selection: 1, offset: 1)
        let turn = back.adjacentScreen(forward: false, visibleRows: 3)
        #expect(turn.offset == 21, "the page that ends with purchase 90, the 41st")
        #expect(turn.select?.purchaseID == 90 && turn.select?.line == 0)
        // Once it comes, that line is selected at the bottom of the screen.
        back.table = turn.table
        back.selectAfterLoad = turn.select
        let earlier = (0..<19).map { purchase(Int64(109 - $0), lines: 1) } + [purchase(90, lines: 2)]
        back.loaded(PurchaseHistory(purchases: Page(items: earlier, offset: 21, limit: 20, total: 100), itemsPurchased: 9), visibleRows: 3)
        #expect(back.table.selection == 19 && back.table.offset == 17)
    }

    @Test func aVoteMovesTheSelectionOnToTheNextLineToRate() {
        func line(_ hit: Int, _ feedback: Vote?) -> PurchaseLine {
            let item = BuyerFixtures.hits[hit].item
            return PurchaseLine(itemID: item.id, name: item.name, sellerID: item.sellerID, quantity: 1, unitPrice: item.price, feedback: feedback)
        }
        let order = Purchase(id: 30, purchasedAt: .now, lines: [line(0, nil), line(1, .up), line(2, nil)], total: Money("3.00")!, cardLast4: "1111")
        var screen = PurchasesScreen()
        screen.loaded(PurchaseHistory(purchases: Page(items: [order], offset: 0, limit: 20, total: 1), itemsPurchased: 3), visibleRows: 10)
        screen.recorded(.down, for: BuyerFixtures.hits[0].item.id, timeZone: BuyerFixtures.utc, visibleRows: 10)
        #expect(screen.table.selection == 2, "past the line rated already")
        screen.recorded(.up, for: BuyerFixtures.hits[2].item.id, timeZone: BuyerFixtures.utc, visibleRows: 10)
        #expect(screen.table.selection == 2, "nothing left to rate below: it stays")
        // A vote answered after the user moved elsewhere does not move the selection.
        screen.table.selection = 1
        screen.recorded(.up, for: BuyerFixtures.hits[0].item.id, timeZone: BuyerFixtures.utc, visibleRows: 10)
        #expect(screen.table.selection == 1)

        // The last line to rate below: the selection goes round to one above.
        let later = Purchase(id: 31, purchasedAt: .now, lines: [line(0, nil), line(1, .up), line(2, nil)], total: Money("3.00")!, cardLast4: "1111")
        screen.loaded(PurchaseHistory(purchases: Page(items: [later], offset: 0, limit: 20, total: 1), itemsPurchased: 3), visibleRows: 10)
        screen.table.selection = 2
        screen.recorded(.up, for: BuyerFixtures.hits[2].item.id, timeZone: BuyerFixtures.utc, visibleRows: 10)
        #expect(screen.table.selection == 0)
    }

    @Test func theBoxOfAPurchasedItemOffersTheVoteUntilGiven() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        // The first line is rated already: the box says how, and offers no vote.
        for command in self.program.press([.enter], &state) { _ = BuyerFixtures.answer(command, &state) }
        guard case .detail(let rated)? = state.modal else {
            Issue.record("Enter opens the item")
            return
        }
        #expect(!rated.menu.items.contains { $0.key == "+" })
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.contains { $0.contains("Your vote") && $0.contains("👍 up") })
        _ = self.program.press([.escape, .character("j")], &state)
        for command in self.program.press([.enter], &state) { _ = BuyerFixtures.answer(command, &state) }
        guard case .detail(let unrated)? = state.modal else {
            Issue.record("Enter opens the item")
            return
        }
        #expect(unrated.menu.items.map(\.key) == ["+", "-", "a", "q"])
        #expect(unrated.hints.map(\.key).contains("-"), "the footer names the vote keys")
        // - asks to confirm the vote, as in the list.
        _ = self.program.press([.character("-")], &state)
        guard case .confirm(_, .vote(let item, .down))? = state.modal else {
            Issue.record("expected the vote's confirmation, got \(String(describing: state.modal))")
            return
        }
        #expect(item == unrated.itemID)
    }

    @Test func inATableSortedByFeedbackTheRatedLineMovesAndStaysSelected() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        state.purchases.table.sortColumn = 7  // feedback: unrated first
        _ = self.program.press([.character("g")], &state)
        let unrated = state.purchases.selected(timeZone: BuyerFixtures.utc)
        #expect(unrated?.line.feedback == nil)
        _ = self.program.press([.character("+")], &state)
        guard case .feedback(let request, let item, .up)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a vote for the unrated line")
            return
        }
        _ = self.program.update(&state, .message(.feedbackGiven(request: request, item: item, vote: .up, rating: Rating(thumbsUp: 1, thumbsDown: 0))))
        let selected = state.purchases.selected(timeZone: BuyerFixtures.utc)
        #expect(selected?.purchaseID == unrated?.purchaseID && selected?.line.itemID == unrated?.line.itemID)
        #expect(selected?.line.feedback == .up)
        #expect(state.purchases.table.selection == 2, "rated up, it sorts last")
    }

    @Test func aVoteSaysWhichLineItMovedOnToForTheNextVote() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        state.purchases.page?.items[0].lines[0].feedback = nil  // both lines of the newest order unrated
        _ = self.program.press([.character("g"), .character("+")], &state)
        guard case .feedback(let request, let item, .up)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a vote")
            return
        }
        _ = self.program.update(&state, .message(.feedbackGiven(request: request, item: item, vote: .up, rating: Rating(thumbsUp: 13, thumbsDown: 1))))
        #expect(state.shell.status == .success("Thanks — your 👍 is recorded. The item now has 👍 13  👎 1. Next to rate: “Pour-over Coffee Kit”."))
    }

    @Test func aVoteGivenMeanwhileInAnotherSessionSaysSoAndFetchesThePurchases() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        _ = self.program.press([.character("j"), .character("-")], &state)
        let vote = self.program.press([.enter], &state)
        guard case .feedback(let request, let item, .down)? = vote.first else {
            Issue.record("expected a vote, got \(vote)")
            return
        }
        let name = state.purchases.selected(timeZone: BuyerFixtures.utc)?.line.name ?? ""
        let error = MarketError(.alreadyRated, "You have already rated item \(item).", field: "itemID")
        let after = self.program.update(&state, .message(.failed(request: request, command: vote[0], error: error)))
        #expect(state.shell.status == .error("You had already rated “\(name)” in another session; its row shows that vote now."))
        #expect(after.contains { if case .loadPurchases = $0 { true } else { false } })
    }

    @Test func votesAreConfirmedAndGivenOnce() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        _ = self.program.press([.character("+")], &state)
        #expect(state.modal == nil, "the first line was rated already")
        _ = self.program.press([.character("j"), .character("-")], &state)
        let commands = self.program.press([.enter], &state)
        guard case .feedback(let request, let item, .down)? = commands.first else {
            Issue.record("expected a vote, got \(commands)")
            return
        }
        let after = self.program.update(&state, .message(.feedbackGiven(request: request, item: item, vote: .down, rating: Rating(thumbsUp: 5, thumbsDown: 1))))
        #expect(state.purchases.selected(timeZone: BuyerFixtures.utc)?.line.feedback == .down)

        // The item is among the search results too, whose row then shows the new thumbs.
        guard case .loadItem(let load, item)? = after.first else {
            Issue.record("expected the rated item to be fetched, got \(after)")
            return
        }
        var rated = BuyerFixtures.hits[0].item
        rated.rating = Rating(thumbsUp: 5, thumbsDown: 1)
        let seller = SellerRating(sellerID: rated.sellerID, name: rated.sellerName, rating: Rating(thumbsUp: 20, thumbsDown: 1), itemsSold: 9)
        _ = self.program.update(&state, .message(.itemLoaded(request: load, detail: .init(item: rated, seller: seller))))
        #expect(state.search.page?.items.first?.item.rating == Rating(thumbsUp: 5, thumbsDown: 1))
        #expect(state.modal == nil)
    }

    @Test func thePurchasesCounterCountsOrdersAndSaysSo() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        #expect(state.purchases.allRows.count == 3, "two orders, three items")
        let status = self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 2]
        #expect(status.hasSuffix("5 units purchased · orders 1–2 of 2 "), "\(status)")
    }

    /// The purchases view, showing the fixtures' first page of `total` orders.
    func showPurchases(ofTotal total: Int, _ state: inout BuyerState) {
        BuyerFixtures.showPurchases(&state)
        var history = BuyerFixtures.purchases
        history.purchases.total = total
        for case .loadPurchases(let request, _) in self.program.press([.character("r")], &state) {
            _ = self.program.update(&state, .message(.purchasesLoaded(request: request, history: history)))
        }
    }

    @Test func sortingOnePageOfSeveralOrdersSaysSo() {
        var state = BuyerFixtures.loggedIn()
        self.showPurchases(ofTotal: 25, &state)
        func status() -> String { self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 2] }
        #expect(status().hasSuffix("5 units purchased · orders 1–2 of 25 "), "\(status())")
        _ = self.program.press([.character("s")], &state)
        #expect(status().hasSuffix("5 units purchased · this page sorted · orders 1–2 of 25 "), "\(status())")
    }

    @Test func olderPurchasesAreOfferedAndKeepTheSortAndSortingKeepsTheSelection() {
        var state = BuyerFixtures.loggedIn()
        self.showPurchases(ofTotal: 25, &state)
        let footer = self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 1]
        #expect(footer.contains("] Older"), "\(footer)")
        _ = self.program.press([.down, .down], &state)
        let selected = state.purchases.selected(timeZone: BuyerFixtures.utc)
        _ = self.program.press([.character("s")], &state)
        #expect(state.purchases.table.sortColumn == 2, "from newest first, s sorts by the next column (# is the order of dates)")
        _ = self.program.press([.character("s")], &state)
        #expect(state.purchases.table.sortColumn == 3, "by name")
        #expect(state.purchases.selected(timeZone: BuyerFixtures.utc) == selected, "the selected line stays selected")
        let next = self.program.press([.character("]")], &state)
        #expect(next.contains { if case .loadPurchases(_, 20) = $0 { true } else { false } })
        #expect(state.purchases.table.sortColumn == 3, "the next page is sorted the same way")
    }

    @Test func ordersMadeMeanwhileAreNotRepeatedOnTheNextPage() {
        var state = BuyerFixtures.loggedIn()
        self.showPurchases(ofTotal: 25, &state)
        /// Answers the page asked for, at the offset asked, with `total` orders in all.
        func answer(_ commands: [BuyerCommand], total: Int, expecting offset: Int? = nil) -> [BuyerCommand] {
            guard case .loadPurchases(let request, let asked)? = commands.first(where: { if case .loadPurchases = $0 { true } else { false } })
            else {
                Issue.record("no page asked for: \(commands)")
                return []
            }
            if let offset { #expect(asked == offset) }
            var history = BuyerFixtures.purchases
            history.purchases.offset = asked
            history.purchases.total = total
            return self.program.update(&state, .message(.purchasesLoaded(request: request, history: history)))
        }
        // Two orders made in another session while the first page was on show: the next page asked
        // for comes two orders back, and is asked for again two orders further on.
        let next = self.program.press([.character("]")], &state)
        guard case .loadPurchases(_, let offset)? = next.first(where: { if case .loadPurchases = $0 { true } else { false } }) else {
            Issue.record("no next page: \(next)")
            return
        }
        let again = answer(next, total: 27)
        #expect(state.purchases.page?.offset == 0, "the page that slid is not shown")
        // One more meanwhile: counted from the 27 of the page that came, not the 25 first seen.
        let third = answer(again, total: 28, expecting: offset + 2)
        #expect(answer(third, total: 28, expecting: offset + 3).isEmpty)
        #expect(state.purchases.page?.offset == offset + 3 && state.purchases.page?.total == 28)
        // On the first page, a reload shows the newest orders, however many came.
        var top = BuyerFixtures.loggedIn()
        self.showPurchases(ofTotal: 25, &top)
        state = top
        #expect(answer(self.program.press([.character("r")], &state), total: 26, expecting: 0).isEmpty)
        #expect(state.purchases.page?.offset == 0 && state.purchases.page?.total == 26)
    }

    @Test func theItemsPurchasedCountIsTheServersNotThePages() {
        var state = BuyerFixtures.loggedIn()
        BuyerFixtures.showPurchases(&state)
        var history = BuyerFixtures.purchases
        history.itemsPurchased = 1
        history.purchases.items = Array(history.purchases.items.prefix(1))
        let commands = self.program.press([.character("r")], &state)
        for case .loadPurchases(let request, _) in commands {
            _ = self.program.update(&state, .message(.purchasesLoaded(request: request, history: history)))
        }
        #expect(state.purchases.itemsPurchased == 1)
        let status = self.program.canvas(for: state, size: state.shell.size).lines[state.shell.size.height - 2]
        #expect(status.hasSuffix("1 unit purchased · orders 1 of 2 "), "\(status)")
    }
}
