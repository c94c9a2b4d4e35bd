import MarketClient
import MarketCore
import MarketUI
import TerminalUI

extension BuyerProgram {
    /// Applies a command's result or a connection change.
    public func receive(_ message: BuyerMessage, _ state: inout BuyerState) -> [BuyerCommand] {
        switch message {
        case .account(let message):
            return self.receive(account: message, &state)

        case .searched(let request, let query, let page):
            return self.searched(request: request, query: query, page: page, &state)

        case .itemLoaded(let request, let detail):
            state.shell.finish(request)
            // The item's box shows it as fetched last, whoever fetched it.
            if case .detail(var screen) = state.modal, screen.request == request || screen.itemID == detail.item.id {
                screen.detail = detail
                if screen.request == request { screen.request = nil }
                state.modal = .detail(screen)
            }
            if case .quantity(var dialog) = state.modal, dialog.request == nil {
                dialog.itemChanged(detail.item)
                if var back = dialog.fromDetail, back.itemID == detail.item.id {
                    back.detail = detail
                    dialog.fromDetail = back
                }
                state.modal = .quantity(dialog)
                // Sold out since the row was fetched: nothing to add, so no box to fill in.
                if dialog.purpose == .add, dialog.item == detail.item.id, detail.item.quantity == 0 {
                    var back = dialog.fromDetail
                    back?.detail = detail
                    state.modal = back.map(BuyerModal.detail)
                    state.shell.status = .info("\(Format.quoted(dialog.name)) sold out since it was shown.")
                }
            }
            state.search.replace(detail.item, visibleRows: Self.visibleRows(state))
            // A cart line of the item priced or stocked otherwise: the cart is fetched again, and
            // says what changed.
            if state.cart.loadRequest == nil, let line = state.cart.cart?.lines.first(where: { $0.itemID == detail.item.id }),
                line.unitPrice != detail.item.price || line.available != detail.item.quantity
            {
                return self.loadCart(&state)
            }
            return []

        case .addedToCart(let request, let item, let added, let inCart):
            state.shell.finish(request)
            // An answer for a session logged out of meanwhile: nothing of it is on screen.
            guard state.isLoggedIn else { return [] }
            var name = "the item"
            if case .quantity(let dialog) = state.modal, dialog.request == request {
                name = Format.quoted(dialog.name)
                state.cart.addedAt = (item, dialog.unitPrice)
                // Back to the item's details when added from them, as Esc goes back to them.
                state.modal = dialog.fromDetail.map(BuyerModal.detail)
            }
            state.cart.changedHere()
            let there = state.view == .cart ? "" : " — 2 shows the cart"
            state.shell.status = .success("Added \(Format.count(added)) × \(name) to your cart (\(Format.units(inCart)) of it there now)\(there).")
            return self.loadCart(&state)

        case .removedFromCart(let request, _, let removed, let left):
            state.shell.finish(request)
            // An answer for a session logged out of meanwhile: nothing of it is on screen.
            guard state.isLoggedIn else { return [] }
            var name = "the item"
            if case .quantity(let dialog) = state.modal, dialog.request == request {
                name = Format.quoted(dialog.name)
                state.modal = dialog.fromDetail.map(BuyerModal.detail)
            }
            state.cart.changedHere()
            state.shell.status = .success(left == 0 ? "Removed \(name) from your cart." : "Removed \(Format.units(removed)) of \(name); \(Format.count(left)) left in your cart.")
            return self.loadCart(&state)

        case .cartCleared(let request):
            state.shell.finish(request)
            // An answer for a session logged out of meanwhile: nothing of it is on screen.
            guard state.isLoggedIn else { return [] }
            state.cart.changedHere()
            state.shell.status = .success("Your cart is empty now.")
            return self.loadCart(&state)

        case .cartSaved(let request, let lines):
            state.shell.finish(request)
            // Known to replace the cart another session saved: said so.
            let replaced = state.cart.savedElsewhere ? ", in place of the one another session saved" : ""
            state.cart.isSavedNow()
            state.shell.status = .success(
                lines == 0
                    ? "Cart saved empty\(replaced) — you will start with an empty cart when you next log in."
                    : "Cart saved (\(Format.count(lines)) line\(lines == 1 ? "" : "s"))\(replaced) — it will be here when you next log in."
            )
            switch state.cart.afterSave {
            case .quit?:
                state.shell.isFinished = true
            case .logout?:
                state.cart.afterSave = nil
                state.cart.savedForLogout = true
                return self.logOut(&state)
            case nil:
                break
            }
            return []

        case .cartLoaded(let request, let cart):
            state.shell.finish(request)
            guard state.cart.loadRequest == request else { return [] }
            let before = state.cart.cart
            state.cart.loaded(cart, visibleRows: Self.visibleRows(state, view: .cart))
            self.showPricesAndStock(of: cart, &state)
            self.settleUncertainCartChange(given: cart, &state)
            if let before, let notice = Self.changes(from: before, to: cart) { state.shell.status = .warning(notice) }
            if before == nil, state.cart.shortLines > 0 {
                // The saved cart, back at login, asks for more than is on sale now.
                let lines = state.cart.shortLines == 1 ? "1 line" : "\(Format.count(state.cart.shortLines)) lines"
                state.shell.status = .warning("Your saved cart has \(lines) short of stock now — 2 shows it, x removes units.")
            } else if before == nil, !cart.lines.isEmpty, state.shell.status?.kind == .success, state.shell.status?.text.hasPrefix("Welcome, ") == true {
                // The saved cart, back at login, at today's prices (which may not be the ones
                // it was saved at).
                let name = TerminalText.sanitized(state.profile?.name ?? "")
                state.shell.status = .success(
                    "Welcome, \(name). Your saved cart is back: \(Format.units(cart.totalUnits)), \(Format.money(cart.total)) at today's prices — 2 shows it."
                )
            }
            var commands: [BuyerCommand] = []
            if let added = state.cart.addedAt {
                state.cart.addedAt = nil
                if let line = cart.lines.first(where: { $0.itemID == added.item }), line.unitPrice != added.price {
                    state.shell.status = .warning(
                        "\(Format.quoted(line.name)) now costs \(Format.money(line.unitPrice)), not the \(Format.money(added.price)) shown when you added it; the cart has the new price."
                    )
                    // The search row still shows the old price.
                    commands.append(self.reloadItem(added.item, &state))
                }
            }
            // An open checkout pays for the cart as it is now (e.g. after a refused payment).
            if case .checkout(var screen) = state.modal, !screen.isWorking {
                screen.cartChanged(cart)
                state.modal = .checkout(screen)
                // Nothing left to pay for: back to the cart, whose keys deal with it. Unless a
                // payment whose answer was lost emptied it: the purchases will say.
                if screen.units == 0, !screen.mayHaveGoneThrough {
                    state.modal = nil
                    state.view = .cart
                    state.shell.status = .warning(CheckoutScreen.nothingOnSale)
                }
            }
            // The quit question, asked while the cart was checked, learns what the check found.
            if state.shell.quitDialog != nil, state.cart.hasUnsavedChanges { self.askToQuit(&state) }
            if state.cart.logoutWhenLoaded {
                state.cart.logoutWhenLoaded = false
                return commands + self.logOut(&state)
            }
            return commands

        case .purchased(let request, let purchase):
            state.shell.finish(request)
            if case .checkout = state.modal { state.modal = nil }
            state.cart.paid()
            state.view = .purchases
            let units = purchase.lines.reduce(0) { $0 + $1.quantity }
            // Votes are one per item: items rated after an earlier purchase are not asked for again.
            let rated = Set((state.purchases.page?.items ?? []).flatMap(\.lines).filter { $0.feedback != nil }.map(\.itemID))
            let toRate = purchase.lines.firstIndex { $0.feedback == nil && !rated.contains($0.itemID) }
            state.shell.status = .success("Paid \(Format.money(purchase.total)) for \(Format.units(units)) — order #\(purchase.id). Thank you!" + (toRate != nil ? " Rate items with + or -." : ""))
            // The new order is selected once it comes, at its first line to rate.
            state.purchases.table = TableState()
            state.purchases.selectAfterLoad = PurchasesScreen.LinePlace(purchaseID: purchase.id, line: toRate ?? 0)
            return self.loadCart(&state) + self.loadPurchases(&state, offset: 0, countedFrom: nil) + self.rerunSearch(&state)

        case .feedbackGiven(let request, let item, let vote, let rating):
            state.shell.finish(request)
            state.purchases.recorded(vote, for: item, timeZone: state.timeZone, visibleRows: Self.visibleRows(state))
            // The selection moved on to the next line to rate: said, so + or - is not a surprise.
            let next = state.purchases.selected(timeZone: state.timeZone).flatMap { $0.line.feedback == nil && $0.line.itemID != item ? $0.line.name : nil }
            state.shell.status = .success(
                "Thanks — your \(vote == .up ? "👍" : "👎") is recorded. The item now has \(Format.thumbs(rating))." + (next.map { " Next to rate: “\($0)”." } ?? "")
            )
            // The search results show the item's thumbs too: fetch it so its row agrees.
            guard state.search.page?.items.contains(where: { $0.item.id == item }) == true else { return [] }
            return [self.reloadItem(item, &state)]

        case .sellerRatingLoaded(let request, let rating):
            state.shell.finish(request)
            if case .seller(var screen) = state.modal, screen.request == request {
                screen.request = nil
                screen.result = rating
                state.modal = .seller(screen)
            }
            return []

        case .purchasesLoaded(let request, let history):
            state.shell.finish(request)
            guard state.purchases.loadRequest == request else { return [] }
            if let offset = state.purchases.slidOffset(of: history) {
                return self.loadPurchases(&state, offset: offset, countedFrom: history.purchases.total)
            }
            // The line selected stays selected where a purchase made meanwhile (in another
            // session) pushed it, unless the load says where to go.
            let selected = state.purchases.selectAfterLoad == nil ? state.purchases.selected(timeZone: state.timeZone) : nil
            let visible = Self.visibleRows(state, view: .purchases)
            state.purchases.loaded(history, visibleRows: visible)
            if selected != nil { state.purchases.reselect(selected, timeZone: state.timeZone, visibleRows: visible) }
            self.settleUncertainPayment(given: history.purchases, &state)
            return []

        case .failed(let request, let command, let error):
            state.shell.finish(request)
            return self.failed(command, error, &state)
        }
    }

    private func failed(_ command: BuyerCommand, _ error: MarketError, _ state: inout BuyerState) -> [BuyerCommand] {
        guard let sentence = self.failed(command, error, &state) else { return [] }
        switch command {
        case .search(let request, let query, _, _):
            guard state.search.loadRequest == request else { break }
            state.search.loadRequest = nil
            state.search.pendingQuery = nil
            // A refused search, or a new one that did not get through, goes back into the bar as
            // typed: fix it, or press Enter to try again (Esc puts back the search on show).
            if error.code == .invalidArgument || query != state.search.query { state.search.isEditing = true }
            if ErrorText.outcomeIsUnknown(error) || error.code == .unreachable, query != state.search.query {
                state.search.unanswered = query
            }
        case .loadCart(let request):
            if state.cart.loadRequest == request { state.cart.loadRequest = nil }
            state.cart.logoutWhenLoaded = false
        case .loadPurchases(let request, _):
            if state.purchases.loadRequest == request { state.purchases.loadRequest = nil }
        case .loadItem(let request, _):
            if case .detail(var screen) = state.modal, screen.request == request {
                screen.request = nil
                screen.failure = sentence
                state.modal = .detail(screen)
            }
        case .addToCart(let request, let item, _), .removeFromCart(let request, let item, _):
            if case .quantity(var dialog) = state.modal, dialog.request == request {
                dialog.failed(sentence, after: error)
                if dialog.mayHaveGoneThrough, let cart = state.cart.cart {
                    dialog.inCartBefore = cart.lines.first { $0.itemID == item }?.quantity ?? 0
                }
                state.modal = .quantity(dialog)
                // Refused for stock: what is on sale changed since the row was fetched; fetch it
                // again, so the row and the box say how many there are now.
                let refetch = error.code == .insufficientStock ? [self.reloadItem(item, &state)] : []
                return self.loadCart(&state) + refetch
            }
        case .purchase:
            if case .checkout(var screen) = state.modal {
                screen.paymentFailed(sentence, error: error)
                // To tell, once the purchases are fetched again, whether it went through.
                if screen.mayHaveGoneThrough {
                    if state.purchases.page?.offset ?? 0 == 0 {
                        screen.newestOrderBefore = state.purchases.page?.items.first?.id ?? 0
                    } else {
                        screen.ordersBefore = state.purchases.page?.total
                    }
                }
                state.modal = .checkout(screen)
            }
            // Stock may have moved: show the cart as it stands now, at the line short of it. A
            // payment whose answer was lost may have gone through: show the purchases and the
            // stock as they stand too.
            if error.code == .insufficientStock { state.cart.selectShortLineAfterLoad = true }
            guard ErrorText.outcomeIsUnknown(error) else { return self.loadCart(&state) }
            state.cart.mayHavePaid()
            return self.loadCart(&state) + self.reloadPurchases(&state) + self.rerunSearch(&state)
        case .sellerRating(let request, _):
            if case .seller(var screen) = state.modal, screen.request == request {
                screen.failed(error, sentence: sentence)
                state.modal = .seller(screen)
                return []
            }
        case .feedback(_, let item, _):
            if error.code == .alreadyRated {
                // Rated meanwhile, from another session: the purchases fetched again show that vote.
                let name = state.purchases.page?.items.lazy.flatMap(\.lines).first { $0.itemID == item }?.name
                state.shell.status = .error("You had already rated \(name.map(Format.quoted) ?? "item \(item)") in another session; its row shows that vote now.")
                return self.reloadPurchases(&state)
            }
        case .saveCart:
            // Not saved: whatever was to follow (quitting, logging out) waits for the user.
            state.cart.afterSave = nil
        case .clearCart, .account:
            break
        }
        state.shell.status = .error(sentence)
        return []
    }

    public func takesText(_ state: BuyerState) -> Bool {
        state.modal?.takesText ?? (state.view == .search && state.search.isEditing)
    }

    public func awaitsOutcome(_ state: BuyerState) -> Bool {
        switch state.modal {
        case .checkout(let screen)?: screen.mayHaveGoneThrough && screen.newestOrderBefore != nil
        case .quantity(let dialog)?: dialog.mayHaveGoneThrough && dialog.inCartBefore != nil
        default: false
        }
    }

    /// Units added to or taken out of the cart whose answer was lost show in the cart fetched
    /// again: the line moved by just that many. Then the box closes and says so.
    private func settleUncertainCartChange(given cart: Cart, _ state: inout BuyerState) {
        guard case .quantity(let dialog)? = state.modal, dialog.mayHaveGoneThrough, let before = dialog.inCartBefore,
            let count = dialog.value
        else { return }
        let now = cart.lines.first { $0.itemID == dialog.item }?.quantity ?? 0
        guard now != before, now == (dialog.purpose == .add ? before + count : before - count) else { return }
        state.modal = nil
        let what = "\(Format.units(count)) of \(Format.quoted(dialog.name))"
        state.shell.status = .success(
            dialog.purpose == .add
                ? "It went through after all: \(what) added, \(Format.count(now)) in your cart."
                : "It went through after all: \(what) taken out, \(Format.count(now)) left in your cart."
        )
    }

    /// A payment whose answer was lost shows in the purchases once it went through: then the
    /// checkout box, which warns that it may have, closes and says so. (A page without it proves
    /// nothing: the payment may still be in progress; the warning stays.)
    private func settleUncertainPayment(given page: Page<Purchase>, _ state: inout BuyerState) {
        guard case .checkout(var screen) = state.modal, screen.mayHaveGoneThrough, page.offset == 0 else { return }
        let new: Purchase? =
            if let before = screen.newestOrderBefore {
                page.items.first.flatMap { $0.id > before ? $0 : nil }
            } else if let count = screen.ordersBefore, page.total > count {
                page.items.first
            } else {
                nil
            }
        guard let order = new else {
            // The last look, with the server answering all along, and still no new order: a
            // payment is one transaction, committed long since or not at all.
            if state.shell.outcomeChecks?.left == 0 {
                screen.failure = "No new order has appeared in your purchases since the server answered again, so the payment most likely did not go through. Check Purchases (3), or pay again."
                state.modal = .checkout(screen)
            }
            return
        }
        state.modal = nil
        state.view = .purchases
        state.shell.status = .success("Your payment went through after all: order #\(order.id), \(Format.money(order.total)). Nothing more was charged.")
    }

    /// Just logged in: a greeting, the catalogue, the cart saved at the last visit, and the
    /// purchases.
    public func enter(_ state: inout BuyerState) -> [BuyerCommand] {
        let name = TerminalText.sanitized(state.profile?.name ?? "")
        state.shell.status = .success("Welcome, \(name). / searches, Enter opens an item, ? lists every key.")
        return self.runSearch(.everything, offset: 0, &state) + self.loadCart(&state) + self.loadPurchases(&state, offset: 0, countedFrom: nil)
    }

    public func loggedOutNotice(_ state: BuyerState) -> String {
        state.cart.savedForLogout ? "Cart saved, and logged out: the cart will be here when you next log in." : "Logged out."
    }

    public func lostWithSession(_ state: BuyerState) -> String? {
        var lost: [String] = []
        if case .checkout(let screen)? = state.modal {
            lost.append(screen.mayHaveGoneThrough ? "Whether your payment went through is unknown: check your purchases before paying again." : "Nothing was paid.")
        }
        if state.cart.wouldLoseChanges { lost.append("Your unsaved cart is gone; your next login brings back the saved one, if you saved one.") }
        return lost.isEmpty ? nil : lost.joined(separator: " ")
    }

    /// Reloads everything on screen (on r, or when the server is back): an open box forgets the
    /// failure it showed if that was the server out of reach.
    public func refresh(_ state: inout BuyerState) -> [BuyerCommand] {
        state.modal?.forgetUnreachable()
        // An item's box fetches its item again too (opened while the server was away, it has
        // nothing else to show), and so does a box asking how many units, which counts them
        // against the units on sale and shows the price.
        var item: [BuyerCommand] = []
        if case .detail(var screen)? = state.modal {
            let reload = self.reloadItem(screen.itemID, &state)
            screen.failure = nil
            screen.request = reload.request
            state.modal = .detail(screen)
            item = [reload]
        } else if case .quantity(let dialog)? = state.modal, dialog.request == nil {
            item = [self.reloadItem(dialog.item, &state)]
        }
        // The view on show is asked last, so the status line's "working…" (the latest request's)
        // is about it.
        let order = BuyerView.allCases.filter { $0 != state.view } + [state.view]
        return order.flatMap { self.reload($0, &state) } + item
    }

    /// Fetches again what `view` shows.
    private func reload(_ view: BuyerView, _ state: inout BuyerState) -> [BuyerCommand] {
        switch view {
        case .search: self.rerunSearch(&state)
        case .cart: self.loadCart(&state)
        case .purchases: self.reloadPurchases(&state)
        }
    }

    /// What changed behind the buyer's back between two fetches of the same cart lines: prices
    /// (with the new total) or units on sale falling below what the cart holds.
    static func changes(from before: Cart, to now: Cart) -> String? {
        let previous = Dictionary(before.lines.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        guard now.lines.count == before.lines.count, now.lines.allSatisfy({ previous[$0.itemID]?.quantity == $0.quantity }) else { return nil }
        let repriced = now.lines.filter { previous[$0.itemID]?.unitPrice != $0.unitPrice }
        if let line = repriced.first, let old = previous[line.itemID] {
            let what = repriced.count == 1
                ? "\(Format.quoted(line.name)) now costs \(Format.money(line.unitPrice)) (was \(Format.money(old.unitPrice)))"
                : "\(repriced.count) prices changed"
            return "\(what): cart total \(Format.money(now.total)), was \(Format.money(before.total))."
        }
        let short = now.lines.filter { $0.isShort && previous[$0.itemID].map { !$0.isShort } == true }
        // Said short enough for 80 columns: the cart's table shows each line's stock.
        if short.count > 1, let line = short.first {
            return "\(short.count) lines are short of stock now: \(Format.quoted(line.name)) and \(short.count - 1) more."
        }
        if let line = short.first {
            if line.available == 0 { return "\(Format.quoted(line.name)) is sold out now; your cart holds \(Format.units(line.quantity))." }
            return "\(Format.quoted(line.name)): only \(Format.count(line.available)) on sale now, fewer than in your cart."
        }
        // Lines that were short and have more on sale now (a seller restocked).
        let restocked = now.lines.filter { line in previous[line.itemID].map { $0.isShort && $0.available < line.available } == true }
        if restocked.count > 1, let line = restocked.first {
            return "\(restocked.count) lines have more on sale now: \(Format.quoted(line.name)) and \(restocked.count - 1) more."
        }
        if let line = restocked.first {
            if line.isShort { return "\(Format.quoted(line.name)): \(Format.count(line.available)) on sale now, more than before, fewer than in your cart." }
            return "\(Format.quoted(line.name)) is on sale again: the \(Format.units(line.quantity)) in your cart can be bought."
        }
        return nil
    }

    /// Shows `view`. Coming to the cart fetches it again: a seller may have changed a price or
    /// taken units off sale meanwhile, and the cart on screen is what the buyer is about to pay.
    func show(_ view: BuyerView, _ state: inout BuyerState) -> [BuyerCommand] {
        let entering = view != state.view
        state.view = view
        guard entering else { return [] }
        // Another session of the buyer may have changed the cart or bought something meanwhile.
        switch view {
        case .cart: return state.cart.loadRequest == nil ? self.loadCart(&state) : []
        case .purchases: return state.purchases.loadRequest == nil ? self.reloadPurchases(&state) : []
        case .search: return []
        }
    }

    /// What the cart just said of its items' prices and stock, shown wherever else they are on
    /// screen: the search rows and an open box about one of them.
    private func showPricesAndStock(of cart: Cart, _ state: inout BuyerState) {
        for line in cart.lines {
            state.search.update(line.itemID, price: line.unitPrice, onSale: line.available)
        }
        func updated(_ screen: BuyerItemDetail) -> BuyerItemDetail {
            guard let line = cart.lines.first(where: { $0.itemID == screen.itemID }), var detail = screen.detail else { return screen }
            var screen = screen
            detail.item.price = line.unitPrice
            detail.item.quantity = line.available
            screen.detail = detail
            return screen
        }
        switch state.modal {
        case .detail(let screen): state.modal = .detail(updated(screen))
        case .quantity(var dialog):
            dialog.fromDetail = dialog.fromDetail.map(updated)
            state.modal = .quantity(dialog)
        default: break
        }
    }

    /// Fetches one item again, so its search row (and an open box about it) show it as it is now.
    func reloadItem(_ item: ItemID, _ state: inout BuyerState) -> BuyerCommand {
        .loadItem(request: state.shell.begin("Updating the item…"), item: item)
    }

    func loadCart(_ state: inout BuyerState) -> [BuyerCommand] {
        let request = state.shell.begin("Loading your cart…")
        state.cart.loadRequest = request
        return [.loadCart(request: request)]
    }

    /// Fetches the page of purchases at `offset`, counted when the history held `counted` orders
    /// (nil: whatever orders are there now, as for the newest).
    func loadPurchases(_ state: inout BuyerState, offset: Int, countedFrom counted: Int?) -> [BuyerCommand] {
        let request = state.shell.begin("Loading your purchases…")
        state.purchases.loadRequest = request
        state.purchases.loadCountedFrom = counted
        return [.loadPurchases(request: request, offset: offset)]
    }

    /// Fetches the page of purchases on show again: the same orders, unless it is the first page,
    /// which shows the newest; or the first page, while a payment whose answer was lost is looked
    /// for among the newest.
    func reloadPurchases(_ state: inout BuyerState) -> [BuyerCommand] {
        if case .checkout(let screen)? = state.modal, screen.mayHaveGoneThrough {
            state.purchases.table = TableState()
            return self.loadPurchases(&state, offset: 0, countedFrom: nil)
        }
        let offset = state.purchases.offset
        return self.loadPurchases(&state, offset: offset, countedFrom: offset > 0 ? state.purchases.page?.total : nil)
    }
}
