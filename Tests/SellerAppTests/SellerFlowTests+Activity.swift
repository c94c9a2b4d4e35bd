import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// Sales and votes heard of while the dashboard is open, and what the seller changed from another
/// session.
extension SellerFlowTests {
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
        let next = self.program.update(&state, .message(.activity(request: request, news: .init(rating: rating, items: page))))
        #expect(state.rating.rating == rating)
        #expect(state.items.rows.first?.quantity == 5)
        #expect(state.shell.status == .success("At 10:43: 2 units of “Café crème mug €” sold, 1 👍."))
        guard case .awaitActivity(let again, let after, 0, ItemListing.all)? = next.first else {
            Issue.record("expected the next wait, got \(next)")
            return
        }
        #expect(after == rating.activity)

        // Sorted meanwhile: the page that came is in the old order, so the list is fetched.
        _ = self.program.press([.character("s")], &state)
        let sorted = self.program.update(&state, .message(.activity(request: again, news: .init(rating: SellerFixtures.rating, items: page))))
        #expect(sorted.contains { if case .loadItems(_, 0, let listing) = $0 { listing.order != nil } else { false } })

        // An unattended dashboard's session ends: the wait says so, and login is back.
        let last = try #require(state.activityRequest)
        let expired = MarketError(.sessionExpired, "Your session expired after 5 minutes without activity; log in again.")
        _ = self.program.update(&state, .message(.failed(request: last, command: sorted.last!, error: expired)))
        #expect(!state.isLoggedIn)
        #expect(state.login.notice?.span.text.contains("expired") == true)
    }

    @Test func aWaitThatEndsWithoutNewsStillShowsChangesMadeFromAnotherSession() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.down], &state)
        var items = SellerFixtures.items
        items[0].price = Money("1.50")!
        let page = Page(items: items, offset: 0, limit: ItemsScreen.pageSize, total: items.count)
        let next = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: SellerFixtures.rating, items: page))))
        #expect(state.items.page?.items.first?.price == Money("1.50")!)
        #expect(state.items.selected?.id == items[1].id, "the selection stays")
        #expect(state.shell.status == .info("“Café crème mug €” was changed in another session: 1.50, 7 on sale."))
        #expect(next.count == 1, "only the next wait: \(next)")

        // Over the confirmation of the user's own change, which the other session's undid.
        state.shell.status = .success("“Café crème mug €” now costs 1.50 (was 4.50).")
        items[0].price = Money("2.00")!
        let undone = Page(items: items, offset: 0, limit: ItemsScreen.pageSize, total: items.count)
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: SellerFixtures.rating, items: undone))))
        #expect(state.shell.status == .info("“Café crème mug €” was changed in another session: 2.00, 7 on sale."))

        // A change of the user's own answered while the wait was out: the page that came may
        // predate it, so it is not shown (the row keeps the answer), and the page is fetched.
        var repriced = items[1]
        repriced.price = Money("9.00")!
        _ = self.program.update(&state, .message(.priceChanged(request: 0, item: repriced)))
        #expect(state.items.selected?.price == Money("9.00")!)
        let fetch = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: SellerFixtures.rating, items: page))))
        #expect(state.items.selected?.price == Money("9.00")!, "not the older page's price")
        guard case .loadItems(let load, _, _)? = fetch.first(where: \.isItemsLoad) else {
            Issue.record("the page is fetched")
            return
        }
        // The page fetched shows another item changed in another session: said, over the
        // confirmation of the user's own change to the first.
        var fetched = items
        fetched[1] = repriced
        fetched[2].price = Money("3.25")!
        _ = self.program.update(&state, .message(.itemsLoaded(request: load, page: Page(items: fetched, offset: 0, limit: ItemsScreen.pageSize, total: fetched.count))))
        #expect(state.shell.status == .info("\(Format.quoted(fetched[2].name)) was changed in another session: 3.25, \(Format.count(fetched[2].quantity)) on sale."))
    }

    @Test func aWaitAnsweredForTheListingBeforeAFindFetchesThePageOnShow() throws {
        var state = SellerFixtures.loggedIn()
        let wait = try #require(state.activityRequest)
        // The user finds something while the wait (for every item) is out…
        _ = self.program.press([.character("/")], &state)
        _ = self.program.type("mug", &state)
        let find = self.program.press([.enter], &state)
        guard case .loadItems(let request, _, let listing)? = find.first(where: \.isItemsLoad) else {
            Issue.record("expected a find, got \(find)")
            return
        }
        let mugs = Page(items: [SellerFixtures.items[0]], offset: 0, limit: ItemsScreen.pageSize, total: 1)
        _ = self.program.update(&state, .message(.itemsLoaded(request: request, page: mugs)))
        // …and another session's change ends that wait early: its page is of every item, so
        // the page on show is fetched (the next wait, told of no news, would bring it only later).
        let all = Page(items: SellerFixtures.items, offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
        let next = self.program.update(&state, .message(.activity(request: wait, news: .init(rating: SellerFixtures.rating, items: all))))
        guard case .loadItems(_, _, let fetched)? = next.first(where: \.isItemsLoad) else {
            Issue.record("expected the page on show to be fetched, got \(next)")
            return
        }
        #expect(fetched == listing)
        #expect(state.items.rows.count == 1, "the other listing's page is not shown")
        // What the fetch brings that differs was changed in another session, and is said so.
        guard case .loadItems(let fetch, _, _)? = next.first(where: \.isItemsLoad) else { return }
        var repriced = SellerFixtures.items[0]
        repriced.price = Money("20.00")!
        _ = self.program.update(&state, .message(.itemsLoaded(request: fetch, page: Page(items: [repriced], offset: 0, limit: ItemsScreen.pageSize, total: 1))))
        #expect(state.shell.status == .info("\(Format.quoted(repriced.name)) was changed in another session: 20.00, 7 on sale."))
    }

    @Test func aChangeFromAnotherSessionIsSaidOnAnEmptyStatusLine() throws {
        var state = SellerFixtures.loggedIn()
        state.shell.status = nil
        var items = SellerFixtures.items
        items[2].price = Money("3.00")!
        items[2].quantity = 0
        let page = Page(items: items, offset: 0, limit: ItemsScreen.pageSize, total: items.count)
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: SellerFixtures.rating, items: page))))
        #expect(state.shell.status == .info("\(Format.quoted(items[2].name)) was changed in another session: 3.00, none on sale."))
        // A new item, and then nothing new: nothing more is said.
        state.shell.status = nil
        let more = [SellerFixtures.item(77, "Lamp", price: "9.00", quantity: 1)] + items
        let longer = Page(items: more, offset: 0, limit: ItemsScreen.pageSize, total: more.count)
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: SellerFixtures.rating, items: longer))))
        #expect(state.shell.status == .info("“Lamp” was registered in another session."))
        state.shell.status = nil
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: SellerFixtures.rating, items: longer))))
        #expect(state.shell.status == nil)
    }

    @Test func aSaleOfTheLastUnitsClosesTheRemoveBoxSayingWhyAndHoldsTheKeysMeantForIt() {
        var state = SellerFixtures.loggedIn()
        let lamp = SellerFixtures.items[0]
        for command in self.program.press([.character("x"), .control("u")], &state) { _ = SellerFixtures.answer(command, &state) }
        _ = self.program.type("7", &state)
        _ = self.program.press([.enter, .left], &state)  // the question, Remove focused
        var sold = lamp
        sold.quantity = 0
        let page = Page(items: [sold] + SellerFixtures.items.dropFirst(), offset: 0, limit: ItemsScreen.pageSize, total: SellerFixtures.items.count)
        var rating = SellerFixtures.rating
        rating.itemsSold += 7
        _ = self.program.update(&state, .message(.activity(request: state.activityRequest ?? 0, news: .init(rating: rating, items: page))))
        #expect(state.modal == nil)
        #expect(state.shell.status == .error("“Café crème mug €” has no units on sale any more: nothing is left to remove."))
        // The Enter meant for Remove does not open the item's details.
        _ = self.program.update(&state, .key(.enter))
        #expect(state.modal == nil)
    }

    @Test func aVoteForOneItemOnShowNamesIt() throws {
        var state = SellerFixtures.loggedIn()
        var items = SellerFixtures.items
        items[1].rating.thumbsUp += 1
        var rating = SellerFixtures.rating
        rating.rating.thumbsUp += 1
        let page = Page(items: items, offset: 0, limit: ItemsScreen.pageSize, total: items.count)
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: rating, items: page))))
        #expect(state.shell.status == .success("At 10:43: 1 👍 for \(Format.quoted(items[1].name))."))
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
        _ = self.program.update(&state, .message(.activity(request: state.activityRequest ?? 0, news: .init(rating: rating, items: page))))
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
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: rating, items: nil))))
        #expect(state.shell.status == .success("At 10:43: 3 units sold."))
        rating.rating.thumbsUp += 1
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: rating, items: nil))))
        #expect(state.shell.status == .success("Since 10:43: 3 units sold, 1 👍."), "not just the latest")
        // Once the line has gone, news starts a new count; an error of the user's own, once read,
        // gives way to it.
        state.shell.status = .error("Something the user did failed.")
        _ = self.program.update(&state, .message(.account(.heartbeat)))
        rating.rating.thumbsDown += 2
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: rating, items: nil))))
        #expect(state.shell.status == .info("At 10:43: 2 👎."), "bad news without a tick")
    }

    /// A sale the wait did not bring (its answer lost with the connection) is told when the
    /// totals are read again, not absorbed in silence.
    @Test func newsFoundByARefreshIsTold() throws {
        var state = SellerFixtures.loggedIn()
        let refresh = self.program.press([.character("r")], &state)
        guard case .loadRating(let request)? = refresh.first(where: { if case .loadRating = $0 { true } else { false } }) else {
            Issue.record("r reads the totals again, got \(refresh)")
            return
        }
        var rating = SellerFixtures.rating
        rating.itemsSold += 1
        _ = self.program.update(&state, .message(.ratingLoaded(request: request, rating: rating)))
        #expect(state.shell.status == .success("At 10:43: 1 unit sold."))
    }

    /// Registrations in another session that come one after another, each with a wait's answer,
    /// are told whole: not the first alone, the rest shown in silence.
    @Test func changesFromAnotherSessionThatComeWhileTheLastIsOnShowAddToIt() throws {
        var state = SellerFixtures.loggedIn()
        var items = SellerFixtures.items
        for name in ["Lamp", "Desk", "Chair"] {
            items.insert(SellerFixtures.item(Int64(100 + items.count), name, price: "5.00", quantity: 1), at: 0)
            let page = Page(items: items, offset: 0, limit: ItemsScreen.pageSize, total: items.count)
            _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: SellerFixtures.rating, items: page))))
        }
        #expect(state.shell.status == .info("3 items were registered in another session."))
        items[5].price = Money("1.25")!
        let page = Page(items: items, offset: 0, limit: ItemsScreen.pageSize, total: items.count)
        _ = self.program.update(&state, .message(.activity(request: try #require(state.activityRequest), news: .init(rating: SellerFixtures.rating, items: page))))
        #expect(state.shell.status == .info("1 item was changed and 3 registered in another session."))
    }
}
