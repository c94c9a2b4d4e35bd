import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import TerminalUI

extension SellerProgram {
    /// Applies a command's result or a connection change.
    public func receive(_ message: SellerMessage, _ state: inout SellerState) -> [SellerCommand] {
        switch message {
        case .account(let message):
            return self.receive(account: message, &state)

        case .itemsLoaded(let request, let page):
            state.shell.finish(request)
            guard state.items.loadRequest == request else { return [] }
            let shown = state.items.page
            // What differs is another session's, unless a change of the user's own was answered
            // since the fetch was sent (the page may predate it).
            let followsNews = state.items.loadFollowsNews && state.items.loadChangesAnswered == state.changesAnswered
            state.items.loadFollowsNews = false
            self.show(page, &state)
            if followsNews { Self.tellOfElsewhere(from: shown, to: page, &state) }
            return []

        case .ratingLoaded(let request, let rating):
            state.shell.finish(request)
            guard state.rating.loadRequest == request else { return [] }
            // News the wait did not bring (its answer lost with a connection, say) is told here:
            // a sale must not move the numbers on screen without a word.
            if let before = state.rating.rating, rating.activity > before.activity {
                self.tellNews(from: before, to: rating, page: nil, &state)
            }
            state.rating.rating = rating
            state.rating.loadRequest = nil
            return self.watchActivity(&state)

        case .activity(let request, let listing, let news):
            guard state.activityRequest == request else { return [] }
            state.activityRequest = nil
            return self.heard(news, listing: listing, &state) + self.watchActivity(&state)

        case .registered(let request, let item):
            state.shell.finish(request)
            state.changesAnswered += 1
            // The box that asked, not one opened since Esc closed it while this was out.
            if case .register(let form) = state.modal, form.request == request { state.modal = nil }
            // Show the new item selected. While the whole list fits on one page it is on that page
            // in any order, so the sort stays; otherwise the list goes back to the server's own
            // order, where new items come first.
            state.items.selectAfterLoad = item.id
            // A find that would hide the new item gives way to the whole list, and says so.
            var cleared = ""
            if let find = state.items.find, !find.matches(item) {
                state.items.find = nil
                cleared = " — every item is shown again, with it"
            }
            let unseen = item.quantity == 0 ? " — buyers find it once a puts units on sale" : ""
            state.shell.status = .success("Registered \(item.id) \(Format.quoted(item.name)): \(Format.units(item.quantity)) at \(Format.money(item.price))\(cleared)\(unseen).")
            let fitsOnePage = state.items.isWholeList && (state.items.page?.items.count ?? 0) < ItemsScreen.pageSize
            if !fitsOnePage { state.items.table.sortColumn = nil }
            return self.loadItemsAndRating(&state, offset: 0)

        case .priceChanged(let request, let item):
            state.shell.finish(request)
            state.changesAnswered += 1
            let previous = state.items.page?.items.first { $0.id == item.id }?.price
            if case .price(let dialog) = state.modal, dialog.request == request { state.modal = nil }
            state.items.replace(item, visibleRows: Self.visibleRows(state))
            let was = previous.map { " (was \(Format.money($0)))" } ?? ""
            state.shell.status = .success("\(Format.quoted(item.name)) now costs \(Format.money(item.price))\(was).")
            return self.placeChangedRow(&state)

        case .unitsRemoved(let request, let item, let removed):
            state.shell.finish(request)
            state.changesAnswered += 1
            if case .remove(let dialog) = state.modal, dialog.request == request { state.modal = nil }
            state.items.replace(item, visibleRows: Self.visibleRows(state))
            let left = item.quantity == 0 ? "none left on sale" : "\(Format.units(item.quantity)) left on sale"
            state.shell.status = .success("Took \(Format.units(removed)) of \(Format.quoted(item.name)) off sale; \(left).")
            return self.placeChangedRow(&state)

        case .unitsAdded(let request, let item, let added):
            state.shell.finish(request)
            state.changesAnswered += 1
            if case .add(let dialog) = state.modal, dialog.request == request { state.modal = nil }
            state.items.replace(item, visibleRows: Self.visibleRows(state))
            state.shell.status = .success(Self.unitsAdded(added, to: item))
            return self.placeChangedRow(&state)

        case .failed(let request, let command, let error):
            state.shell.finish(request)
            return self.failed(command, error, &state)
        }
    }

    private func failed(_ command: SellerCommand, _ error: MarketError, _ state: inout SellerState) -> [SellerCommand] {
        if case .awaitActivity(let request, _, _, _) = command {
            // Nobody asked for it, so nothing is said (the header shows a lost connection, and
            // an ended session goes back to login as for any request); the views' next fetch,
            // after a reconnect or a refresh, starts the wait again.
            if state.activityRequest == request { state.activityRequest = nil }
            let _: String? = self.failed(command, error, &state)
            return []
        }
        guard let sentence = self.failed(command, error, &state) else { return [] }
        // Said in the box that made the request, if it is open; else on the status line.
        var saidInBox = false
        switch command {
        case .loadItems(let request, _, _):
            if state.items.loadRequest == request { state.items.loadRequest = nil }
        case .loadRating(let request):
            if state.rating.loadRequest == request { state.rating.loadRequest = nil }
        case .register(let request, _):
            if case .register(var form) = state.modal, form.request == request {
                form.failed(error, sentence: sentence)
                // To tell, once the list is fetched again, whether it went through.
                if form.mayHaveGoneThrough { form.itemsBefore = Set(state.items.rows.map(\.id)) }
                state.modal = .register(form)
                saidInBox = true
            }
        case .changePrice(let request, _, _):
            if case .price(var dialog) = state.modal, dialog.request == request {
                dialog.failed(sentence, after: error)
                state.modal = .price(dialog)
                saidInBox = true
            }
        case .removeUnits(let request, _, _):
            if case .remove(var dialog) = state.modal, dialog.request == request {
                dialog.failed(sentence, after: error)
                state.modal = .remove(dialog)
                saidInBox = true
            }
        case .addUnits(let request, _, _):
            if case .add(var dialog) = state.modal, dialog.request == request {
                dialog.failed(sentence, after: error)
                state.modal = .add(dialog)
                saidInBox = true
            }
        case .account, .awaitActivity:
            break
        }
        if !saidInBox { state.shell.status = .error(sentence) }
        // Refused because the item is not as shown (units sold meanwhile, or another session took
        // them off sale or put more on, or removed it): fetch the list and the rating, so the
        // row, the summary and the open box show what is there now.
        let refusedForUnits = error.code == .invalidArgument && error.field == "add"
        if error.code == .insufficientStock || error.code == .notFound || refusedForUnits, command.changesData {
            return self.loadItemsAndRating(&state, offset: state.items.page?.offset ?? 0)
        }
        return []
    }

    /// A registration whose answer was lost shows in the list once it went through: a new row
    /// with every attribute of the form. Then the box, which warns that it may have, closes and
    /// says so. (A list without it proves nothing: the row may be on another page.)
    private func settleUncertainRegistration(given page: Page<Item>, _ state: inout SellerState) {
        guard case .register(var form) = state.modal, form.mayHaveGoneThrough, let draft = form.value else { return }
        guard let item = page.items.first(where: { !form.itemsBefore.contains($0.id) && draft.describes($0) }) else {
            // The last look at a list that is all on screen, the server answering all along: a
            // registration is one statement, committed long since or not at all.
            if state.shell.outcomeChecks?.left == 0, state.items.isWholeList {
                form.failure = "The item is not in your list since the server answered again, so it was most likely not registered. Enter registers it."
                state.modal = .register(form)
            }
            return
        }
        state.modal = nil
        state.items.table.select(firstOf: state.items.rows, where: { $0.id == item.id }, visibleRows: Self.visibleRows(state))
        state.shell.status = .success("It went through after all: \(item.id) \(Format.quoted(item.name)) is registered, once.")
    }

    /// A price change, a removal or an addition whose answer was lost shows in the item fetched
    /// again: the price asked for, or the units gone or come. Then the box closes and says so; otherwise an open box
    /// follows the item as it is now (so a second try is asked about what is really on sale,
    /// after a refusal that said another session changed it too).
    private func settleUncertainChange(given page: Page<Item>, _ state: inout SellerState) {
        switch state.modal {
        case .price(var dialog)?:
            guard dialog.request == nil, let fresh = page.items.first(where: { $0.id == dialog.item.id }) else { return }
            if dialog.mayHaveGoneThrough, let asked = dialog.value, fresh.price == asked, dialog.item.price != asked {
                state.modal = nil
                state.shell.status = .success("It went through after all: \(Format.quoted(fresh.name)) costs \(Format.money(fresh.price)).")
            } else if fresh != dialog.item {
                dialog.itemChanged(fresh)
                state.modal = .price(dialog)
            }
        case .remove(var dialog)?:
            guard dialog.request == nil, let fresh = page.items.first(where: { $0.id == dialog.item.id }), fresh != dialog.item else { return }
            if dialog.mayHaveGoneThrough, let count = dialog.value, fresh.quantity == dialog.item.quantity - count {
                state.modal = nil
                let left = fresh.quantity == 0 ? "none left on sale" : "\(Format.units(fresh.quantity)) left on sale"
                state.shell.status = .success("It went through after all: took \(Format.units(count)) of \(Format.quoted(fresh.name)) off sale; \(left).")
            } else if fresh.quantity == 0, !dialog.mayHaveGoneThrough {
                // Nothing left to remove: the box has no more use. Why goes to the status line
                // (the refusal, if it was refused), and the keys the user was typing for the box
                // are dropped for a moment rather than landing on the table.
                state.modal = nil
                state.shell.status = .error(dialog.failure ?? "\(Format.quoted(fresh.name)) has no units on sale any more: nothing is left to remove.")
                state.shell.keysHeldUntil = state.shell.tick + Self.keyHoldTicks
            } else {
                dialog.itemChanged(fresh)
                state.modal = .remove(dialog)
            }
        case .add(var dialog)?:
            guard dialog.request == nil, let fresh = page.items.first(where: { $0.id == dialog.item.id }), fresh != dialog.item else { return }
            if dialog.mayHaveGoneThrough, let count = dialog.value, fresh.quantity == dialog.item.quantity + count {
                state.modal = nil
                state.shell.status = .success(Self.unitsAdded(count, to: fresh, after: "It went through after all: "))
            } else {
                dialog.itemChanged(fresh)
                state.modal = .add(dialog)
            }
        case .detail(var detail)?:
            // The details follow the item, as the row behind them does.
            guard let fresh = page.items.first(where: { $0.id == detail.item.id }), fresh != detail.item else { return }
            detail.item = fresh
            state.modal = .detail(detail)
        case .register?, nil:
            return
        }
    }

    /// Said once `added` units were put on sale, `item` as it is after: whether buyers find it
    /// now because of them. After `opening`, if any, the sentence goes on in lower case.
    static func unitsAdded(_ added: Int, to item: Item, after opening: String = "") -> String {
        let more = added == 1 ? "1 more unit" : "\(Format.count(added)) more units"
        let found = item.quantity == added ? " — buyers find it now" : ""
        return opening + (opening.isEmpty ? "Put" : "put") + " \(more) of \(Format.quoted(item.name)) on sale; \(Format.units(item.quantity)) on sale now\(found)."
    }

    public func takesText(_ state: SellerState) -> Bool {
        state.modal?.takesText ?? (state.view == .items && state.items.findField != nil)
    }

    public func awaitsOutcome(_ state: SellerState) -> Bool {
        switch state.modal {
        case .register(let form)?: form.mayHaveGoneThrough
        case .price(let dialog)?: dialog.mayHaveGoneThrough
        case .remove(let dialog)?: dialog.mayHaveGoneThrough
        case .add(let dialog)?: dialog.mayHaveGoneThrough
        case .detail?, nil: false
        }
    }

    /// Just logged in: a greeting, the first page of items and the rating.
    public func enter(_ state: inout SellerState) -> [SellerCommand] {
        state.shell.status = .success("Welcome, \(TerminalText.sanitized(state.profile?.name ?? "")).")
        if let unsent = state.unsentItem, unsent.owner == state.profile?.username {
            state.modal = .register(unsent.form)
            state.shell.status = .success("Welcome back — here is the item you were filling in; Enter registers it.")
        }
        state.unsentItem = nil
        return self.refresh(&state)
    }

    /// A new item's form with something typed in, whose registration was never sent or was
    /// refused with the session (the server checks the session before anything else), is kept.
    public func keepForNextLogin(_ state: inout SellerState) {
        guard case .register(var form)? = state.modal, !form.mayHaveGoneThrough, form.hasTyping, let owner = state.profile?.username else { return }
        form.request = nil
        form.failure = nil
        form.discardQuestion = nil
        state.unsentItem = (owner, form)
    }

    public func lostWithSession(_ state: SellerState) -> String? {
        switch state.modal {
        case .register(let form)? where form.mayHaveGoneThrough: "Whether the item you sent was registered is unknown: check My items before registering it again."
        case .price(let dialog)? where dialog.mayHaveGoneThrough: "Whether the new price took effect is unknown: check My items."
        case .remove(let dialog)? where dialog.mayHaveGoneThrough: "Whether the units were taken off sale is unknown: check My items before removing more."
        case .add(let dialog)? where dialog.mayHaveGoneThrough: "Whether the units were put on sale is unknown: check My items before adding more."
        case .register(let form)? where form.hasTyping: "The item you were filling in was not registered; it comes back when you log in again."
        case .register?: nil
        case .price?: "The price was not changed."
        case .remove?: "No units were taken off sale."
        case .add?: "No units were put on sale."
        case .detail?, nil: nil
        }
    }

    /// Reloads the page on screen and the rating (on r, or when the server is back): an open box
    /// forgets the failure it showed if that was the server out of reach.
    public func refresh(_ state: inout SellerState) -> [SellerCommand] {
        state.modal?.forgetUnreachable()
        return self.loadItemsAndRating(&state, offset: state.items.offset)
    }

    /// Fetches a page of items and the rating, the view on show last, so that the status line's
    /// "working…" (the latest request's) is about it.
    func loadItemsAndRating(_ state: inout SellerState, offset: Int) -> [SellerCommand] {
        if state.view == .rating { return self.loadItems(&state, offset: offset) + self.loadRating(&state) }
        return self.loadRating(&state) + self.loadItems(&state, offset: offset)
    }

    /// A row of a sorted table changed: it moved among the rows at hand at once, but it may now
    /// belong on another page, or elsewhere among equal rows (the server orders those by item
    /// number), so the server's page says where it goes.
    func placeChangedRow(_ state: inout SellerState) -> [SellerCommand] {
        guard state.items.order != nil else { return [] }
        return self.loadItems(&state, offset: state.items.offset)
    }

    /// Fetches the page at `offset` in the order the table is sorted by.
    func loadItems(_ state: inout SellerState, offset: Int) -> [SellerCommand] {
        let request = state.shell.begin(state.items.page == nil ? "Loading your items…" : "Refreshing…")
        state.items.loadRequest = request
        state.items.loadListing = state.items.listing
        state.items.loadFollowsNews = false
        state.items.loadChangesAnswered = state.changesAnswered
        return [.loadItems(request: request, offset: offset, listing: state.items.listing)]
    }

    /// The table's sort changed (already applied to the rows at hand, with `selected` kept
    /// selected): when they are only part of the list, fetch the first page in the new order.
    func sortChanged(_ state: inout SellerState, keeping selected: ItemID?) -> [SellerCommand] {
        state.items.table.select(firstOf: state.items.rows, where: { $0.id == selected }, visibleRows: Self.visibleRows(state))
        guard state.items.page != nil, !state.items.isWholeList else { return [] }
        return self.loadItems(&state, offset: 0)
    }

    /// A page of the list arrived: shown, and looked at for the outcome of a change whose answer
    /// was lost.
    private func show(_ page: Page<Item>, _ state: inout SellerState) {
        state.items.loaded(page, visibleRows: Self.visibleRows(state))
        self.settleUncertainRegistration(given: page, &state)
        self.settleUncertainChange(given: page, &state)
    }

    /// Keeps a wait for news of sales and votes out while logged in, from the rating on show:
    /// the dashboard then follows what buyers do without the user pressing r, and, within a
    /// wait's time, what the seller changes from another session. The wait does not keep the
    /// session alive, so an unattended dashboard still logs out on time.
    func watchActivity(_ state: inout SellerState) -> [SellerCommand] {
        guard state.isLoggedIn, state.activityRequest == nil, let rating = state.rating.rating else { return [] }
        let request = state.shell.beginQuietly()
        state.activityRequest = request
        state.changesAnsweredBeforeWait = state.changesAnswered
        return [.awaitActivity(request: request, after: rating.activity, offset: state.items.offset, listing: state.items.listing)]
    }

    /// News came, or the wait ended without any: the rating and a line saying what happened,
    /// and the page that came with the answer when it is the one on show. Else, when there was
    /// news, the page is fetched; with no news, the next answer brings it.
    private func heard(_ news: SellerAPI.AwaitSellerActivity.Result, listing: ItemListing, _ state: inout SellerState) -> [SellerCommand] {
        let before = state.rating.rating
        // Activity only grows: an answer read before a refresh that is on screen already is
        // not news, and its totals are older than those shown.
        let isNews = news.rating.activity > (before?.activity ?? -1)
        if isNews, let before { self.tellNews(from: before, to: news.rating, page: news.items, &state) }
        if isNews { state.rating.rating = news.rating }
        guard let page = news.items else { return [] }
        // The page is the one on show unless the user turned it, sorted, found, or asked for
        // another meanwhile, or a change of theirs was answered since the wait was sent. Then
        // the page on show is fetched: the answer may have come early for a change made in
        // another session, which the next wait, already told of, would not bring for a while.
        let isCurrent = page.offset == state.items.offset && listing == state.items.listing
            && state.changesAnswered == state.changesAnsweredBeforeWait
        guard state.items.loadRequest == nil, isCurrent else {
            guard state.items.loadRequest == nil else { return [] }
            let commands = self.loadItems(&state, offset: state.items.offset)
            // What it brings that differs is another session's: the user's own changes answered
            // so far are on the rows already (those answered while it is out are told apart when
            // it comes).
            state.items.loadFollowsNews = !isNews
            return commands
        }
        // (Not while a request of the user's is out: the page may already show its change.)
        if !isNews { Self.tellOfElsewhere(from: state.items.page, to: page, &state) }
        state.items.loadListing = listing
        self.show(page, &state)
        return []
    }

    /// Tells of sales and votes between two readings of the seller's totals, naming the items
    /// whose units fell or whose votes moved on `page` (the page that came with the news). An
    /// error of the user's own stays until it has been read (a clock beat); news that comes while
    /// the last news is still on show adds to it, so a burst of sales is counted whole.
    private func tellNews(from before: SellerRating, to now: SellerRating, page: Page<Item>?, _ state: inout SellerState) {
        guard state.shell.status?.kind != .error || state.shell.statusBeats > 0 else { return }
        var tally = state.news.flatMap { $0.status == state.shell.status ? $0 : nil } ?? NewsTally(since: self.timeOfDay())
        tally.times += 1
        tally.sold += now.itemsSold - before.itemsSold
        tally.up += now.rating.thumbsUp - before.rating.thumbsUp
        tally.down += now.rating.thumbsDown - before.rating.thumbsDown
        let moved = page.flatMap { page in
            state.items.page?.changed(in: page) { was, now in now.quantity < was.quantity || now.rating != was.rating }
        } ?? []
        for item in moved { tally.items[item.id] = item.name }
        if moved.isEmpty { tally.someUnnamed = true }
        state.news = tally
        state.shell.status = tally.status
    }

    /// Whether the status line may now tell of a change made in another session (never while a
    /// request of the user's is out, which ``tellOfElsewhere(from:to:_:)`` sees to): not over a
    /// warning or an error not yet read; but over the confirmation of the user's own last change, which the
    /// other session's may have just undone ("now costs 14.00" with 13.00 in the row).
    static func mayTellOfElsewhere(_ state: SellerState) -> Bool {
        state.shell.statusMayBeReplaced || state.shell.status?.kind == .success
    }

    /// Tells of what another session of the seller changed, seen in a page that came without
    /// news: on the status line when it may be replaced, and added to the sentence on show when
    /// that is the last such (so a burst of changes is told whole); not while a request of the
    /// user's is out (the page may already show its change).
    static func tellOfElsewhere(from shown: Page<Item>?, to page: Page<Item>, _ state: inout SellerState) {
        guard let found = Self.changedElsewhere(from: shown, to: page), !state.shell.isBusy else { return }
        if let last = state.elsewhere, last.status == state.shell.status {
            state.elsewhere = last.adding(found)
        } else {
            guard Self.mayTellOfElsewhere(state) else { return }
            state.elsewhere = found
        }
        state.shell.status = state.elsewhere?.status
    }

    /// What another session of the seller changed, seen in a page that came without news: the
    /// items whose price or units differ from the page on show, or that are new on it.
    static func changedElsewhere(from shown: Page<Item>?, to page: Page<Item>) -> ElsewhereTally? {
        guard let shown, shown.offset == page.offset else { return nil }
        let changed = shown.changed(in: page) { was, now in was.price != now.price || was.quantity != now.quantity }
        let held = Set(shown.items.map(\.id))
        let new = shown.total < page.total ? page.items.filter { !held.contains($0.id) } : []
        return changed.isEmpty && new.isEmpty ? nil : ElsewhereTally(changed: changed, registered: new)
    }

    func loadRating(_ state: inout SellerState) -> [SellerCommand] {
        let request = state.shell.begin("Loading your rating…")
        state.rating.loadRequest = request
        return [.loadRating(request: request)]
    }
}
