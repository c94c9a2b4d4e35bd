import MarketCore
import MarketUI
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// Finding items by words of their names and keywords (`/`), on the server.
extension SellerFlowTests {
    @Test func slashFindsOnTheServerAndEscShowsEveryItemAgain() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        #expect(state.items.findField != nil)
        #expect(self.program.press([.character("m"), .character("u"), .character("g")], &state).isEmpty, "keys go to the bar, not to the list")
        let find = self.program.press([.enter], &state)
        guard case .loadItems(let request, 0, let listing)? = find.first, listing.order == nil, let found = listing.find else {
            Issue.record("expected the top of what is found, got \(find)")
            return
        }
        #expect(found.words == ["mug"])
        #expect(state.items.findField == nil)
        let mugs = [SellerFixtures.items[0]]
        _ = self.program.update(&state, .message(.itemsLoaded(request: request, page: Page(items: mugs, offset: 0, limit: 100, total: 1))))
        let canvas = self.program.canvas(for: state, size: state.shell.size)
        #expect(canvas.lines[1].contains("1 item matches “mug”"), "\(canvas.lines[1])")
        #expect(canvas.lines.last?.contains("Esc All") == true, "\(canvas.lines.last ?? "")")
        #expect(state.items.rows.map(\.id) == mugs.map(\.id))

        // Sorting what was found keeps to it.
        guard case .loadItems(_, _, let stillListed)? = self.program.press([.character("r")], &state).first(where: \.isItemsLoad) else {
            Issue.record("r fetches the list again")
            return
        }
        #expect(stillListed.find == found)

        let all = self.program.press([.escape], &state)
        guard case .loadItems(_, 0, ItemListing.all)? = all.first else {
            Issue.record("expected every item again, got \(all)")
            return
        }
        #expect(state.items.find == nil)
    }

    @Test func aKeyForAnItemWhenTheFindHidesThemAllSaysHowToSeeThemAgain() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("zzzz", &state)
        guard case .loadItems(let request, _, _)? = self.program.press([.enter], &state).first else {
            Issue.record("expected a find")
            return
        }
        _ = self.program.update(&state, .message(.itemsLoaded(request: request, page: Page(items: [], offset: 0, limit: 100, total: 0))))
        _ = self.program.press([.character("p")], &state)
        #expect(state.shell.status == .info("Nothing matches “zzzz” — Esc shows every item again."))
    }

    @Test func escLeavesTheFindBarWithoutFindingAndABadFindIsNotSent() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("lamp", &state)
        #expect(self.program.press([.escape], &state).isEmpty)
        #expect(state.items.findField == nil && state.items.find == nil)

        _ = self.program.press([.character("/")], &state)
        _ = self.program.type(String(repeating: "x", count: 65), &state)
        #expect(self.program.press([.enter], &state).isEmpty, "over 64 characters")
        #expect(state.items.findField != nil, "the bar stays, saying why")
        #expect(self.program.canvas(for: state, size: state.shell.size).lines[1].contains("✗ Find must be at most 64 characters"))
        // Emptied, Enter shows every item (nothing to do: none was found).
        _ = self.program.press([.control("u")], &state)
        #expect(self.program.press([.enter], &state).isEmpty)
        #expect(state.items.findField == nil)
    }

    @Test func registeringAnItemTheFindWouldHideShowsEveryItem() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("mug", &state)
        for command in self.program.press([.enter], &state) { SellerFixtures.answer(command, &state, items: [SellerFixtures.items[0]]) }
        let lamp = SellerFixtures.item(40, "Desk lamp", price: "20.00", quantity: 1)
        let after = self.program.update(&state, .message(.registered(request: 0, item: lamp)))
        #expect(state.items.find == nil)
        #expect(after.contains { if case .loadItems(_, 0, let listing) = $0 { listing.find == nil } else { false } })
        // One it finds keeps the find.
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("mug", &state)
        for command in self.program.press([.enter], &state) { SellerFixtures.answer(command, &state, items: [SellerFixtures.items[0]]) }
        let cup = SellerFixtures.item(41, "Tea mug", price: "8.00", quantity: 1)
        _ = self.program.update(&state, .message(.registered(request: 0, item: cup)))
        #expect(state.items.find?.text == "mug")
    }
}
