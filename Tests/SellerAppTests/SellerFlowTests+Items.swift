import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// The list of the seller's items: loading, paging, sorting and clicking.
extension SellerFlowTests {
    @Test func theFooterOffersTheNextScreenfulWhileRowsLieBelowIt() {
        let many = (1...40).map { SellerFixtures.item(Int64($0), "Item \($0)", price: "1.00", quantity: 1) }
        var state = SellerFixtures.loggedIn(items: many)
        let footer = { self.program.canvas(for: state, size: state.shell.size).lines.last ?? "" }
        #expect(footer().contains("] Next"), "all 40 fetched, but not all on screen")
        _ = self.program.press([.end], &state)
        #expect(!footer().contains("] Next"), "at the end there is nothing further")
    }

    @Test func loggingInLoadsItemsAndTheRating() {
        var state = SellerFixtures.started()
        let commands = self.program.update(&state, .message(.account(.loggedIn(request: 1, profile: SellerFixtures.profile))))
        #expect(commands.count == 3)
        #expect(commands.contains { $0.account == .loadCategories })
        #expect(commands.contains { if case .loadItems(_, 0, ItemListing.all) = $0 { true } else { false } })
        #expect(commands.contains { if case .loadRating = $0 { true } else { false } })
        #expect(state.shell.user == SignedInUser(username: "zoe", name: "Zoë Müller 東京"))
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

    @Test func upFromTheFirstItemOfALaterPageGoesOnIntoTheItemsBefore() {
        let many = (1...100).map { SellerFixtures.item(Int64(1000 - $0), "Item \($0)", price: "1.00", quantity: 1) }
        var state = SellerFixtures.loggedIn(items: many, total: 150)
        guard let end = self.program.press([.end], &state).first(where: \.isItemsLoad) else {
            Issue.record("End fetches the last items")
            return
        }
        SellerFixtures.answer(end, &state, items: many, total: 150)
        #expect(state.items.offset == 50)
        for key in [Key.up, .pageUp] {
            var top = state
            top.items.table = TableState(selection: 0, offset: 0)
            guard case .loadItems(_, let offset, _)? = self.program.press([key], &top).first, offset < 50 else {
                Issue.record("\(key) from the first item at hand fetches those before")
                return
            }
        }
    }

    @Test func bracketGoesBackAWholeScreenfulAtATimeAcrossPages() {
        let all = (1...120).map { SellerFixtures.item(Int64(1000 - $0), "Item \($0)", price: "1.00", quantity: 1) }
        var state = SellerFixtures.loggedIn(items: Array(all.prefix(100)), total: 120)
        let visible = SellerProgram.visibleRows(state)
        func answer(_ commands: [SellerCommand]) {
            for command in commands {
                guard case .loadItems(let request, let offset, _) = command else { continue }
                let page = Page(items: Array(all[offset..<min(120, offset + ItemsScreen.pageSize)]), offset: offset, limit: ItemsScreen.pageSize, total: 120)
                _ = self.program.update(&state, .message(.itemsLoaded(request: request, page: page)))
            }
        }
        answer(self.program.press([.end], &state))
        var first = state.items.offset + state.items.table.offset + 1
        #expect(first == 120 - visible + 1)
        while first > 1 {
            answer(self.program.press([.character("[")], &state))
            let now = state.items.offset + state.items.table.offset + 1
            #expect(now == max(1, first - visible), "from row \(first), \(visible) in view")
            first = now
        }
    }

    /// None on sale is a listing, now that units can be added to it later; the price field says
    /// the amount it reads, so 12,500 is seen as twelve thousand five hundred before it is sent.
    @Test func anItemMayBeListedWithNoUnitsAndThePriceSaysWhatItReads() {
        var form = ItemFormScreen()
        form.form.set("quantity", to: "0")
        form.form.set("price", to: "12,500")
        form.validate()
        #expect(form.form.fields.first { $0.id == "quantity" }?.problem == nil)
        #expect(form.form.fields.first { $0.id == "price" }?.hint == "Reads as 12,500.00")
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
        let changePrice = try #require(self.program.canvas(for: state, size: state.shell.size).point(of: "Change price"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: changePrice)))
        guard case .price? = state.modal else {
            Issue.record("a click on a choice of the item's box does it")
            return
        }
        // Back to the item's box, then to the list.
        _ = self.program.press([.escape, .escape], &state)
        _ = self.program.update(&state, .mouse(MouseEvent(.wheelDown, at: Point(x: 5, y: 5))))
        #expect(state.items.table.selection == 5)
    }

    @Test func theBoxOfAnItemWithNoUnitsOnSaleOffersNothingToRemove() throws {
        var state = SellerFixtures.loggedIn()
        let soldOut = try #require(state.items.rows.firstIndex { $0.quantity == 0 })
        state.items.table.select(soldOut, rowCount: state.items.rows.count, visibleRows: 10)
        _ = self.program.press([.enter], &state)
        guard case .detail(let detail)? = state.modal else {
            Issue.record("Enter opens the item")
            return
        }
        #expect(detail.menu.items.map(\.label) == ["Change price", "Add units", "Close"])
        // x says why, as it does in the list, and the box stays.
        _ = self.program.press([.character("x")], &state)
        guard case .detail? = state.modal else {
            Issue.record("the box stays")
            return
        }
        #expect(state.shell.status?.text.hasSuffix("has no units on sale, so none to remove; a puts some on sale.") == true)

        // Units come back while the box is open (the page is read again): Remove units is offered.
        var restocked = detail
        restocked.item.quantity = 3
        #expect(restocked.menu.items.map(\.label) == ["Change price", "Add units", "Remove units", "Close"])
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
        guard case .loadItems(let request, 0, ItemListing(order: ItemOrder(.id)))? = sort.first else {
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
        #expect(next.contains { if case .loadItems(_, 100, ItemListing(order: ItemOrder(.id))) = $0 { true } else { false } }, "\(next)")
        #expect(self.program.press([.character("S")], &state).isEmpty, "S waits for the page on its way")
        guard case .loadItems(let nextRequest, _, _)? = next.first(where: \.isItemsLoad) else { return }
        let reverse = self.program.update(&state, .message(.itemsLoaded(request: nextRequest, page: Page(items: Array(many.reversed().dropFirst(100)), offset: 100, limit: 100, total: 150))))
        #expect(reverse.contains { if case .loadItems(_, 0, ItemListing(order: ItemOrder(.id, descending: true))) = $0 { true } else { false } }, "\(reverse)")
    }

    @Test func sortingAWholeListOnScreenNeedsNoServer() {
        var state = SellerFixtures.loggedIn()
        #expect(self.program.press([.character("s")], &state).isEmpty)
        #expect(state.items.table.sortColumn == 0)
        #expect(state.items.rows.map(\.id) == SellerFixtures.items.map(\.id).sorted())
    }
}
