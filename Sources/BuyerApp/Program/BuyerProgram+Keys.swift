import MarketCore
import MarketUI
public import TerminalUI

extension BuyerProgram {
    public func helpSections(_ state: BuyerState) -> [HelpSection] { BuyerKeys.help(for: state.view) }

    /// Routes a key: Ctrl-C first, then whatever is on top (help, the quit question, a box, the
    /// login screen, the search bar), then the view's key table.
    public func press(_ key: Key, _ state: inout BuyerState) -> [BuyerCommand] {
        // The quit and logout questions offer w to save an unsaved cart first.
        if key == .character("w"), state.cart.wouldLoseChanges, state.shell.help == nil {
            if state.shell.quitDialog != nil {
                state.shell.quitDialog = nil
                return self.saveCart(then: .quit, &state)
            }
            if case .confirm(_, .logout)? = state.modal {
                state.modal = nil
                return self.saveCart(then: .logout, &state)
            }
        }
        if state.shell.handleOverlayKey(key) { return self.afterOverlay(&state) }
        guard state.isLoggedIn else { return state.shell.pressOnLogin(key, &state.login) }
        // F1 shows every key from inside a box too; so does ?, unless the box takes text.
        if let modal = state.modal {
            let help = key == .function(1) || (key == .character("?") && !modal.takesText)
            return help ? self.perform(.help, &state) : self.pressOnModal(key, &state)
        }
        if state.view == .search, state.search.isEditing { return self.pressOnSearchBar(key, &state) }
        guard let action = BuyerKeys.action(for: key, in: state.view) else {
            state.shell.note(key, worksIn: BuyerKeys.views(binding: key, otherThan: state.view))
            return []
        }
        return self.perform(action, &state)
    }

    private func pressOnSearchBar(_ key: Key, _ state: inout BuyerState) -> [BuyerCommand] {
        // ↓ and ↑ on the category field step through its list of names, before they leave the bar.
        if state.search.pickCategory(key) { return [] }
        switch BuyerKeys.searchBar.action(for: key) {
        case .help?:
            return self.perform(.help, &state)
        case .leave? where key != .down || state.search.page != nil:
            // Esc always leaves the bar (so the view keys work again, results or not), back to
            // the view `/` was pressed in; Down only when there are results to go down to.
            // Either drops what was typed and not sent.
            let back = key == .down ? nil : state.search.openedFrom
            state.search.endEditing()
            // Straight back: that view was on screen a moment ago, so it is not fetched again.
            if let back { state.view = back }
            return []
        case .leave?, .search?, .switchField?, nil:
            break
        }
        switch state.search.bar.handle(key) {
        case .edited:
            state.search.validate()
            return []
        case .submit:
            guard let query = state.search.barQuery else { return [] }
            state.search.isEditing = false
            state.search.openedFrom = nil
            state.search.unanswered = nil
            state.shell.status = nil
            // Searching comes in rank order from the top, also for the search on show, as any
            // search box does; a refresh (r) keeps the sort.
            if query == state.search.query { state.search.table = TableState() }
            return self.keysWait(for: self.runSearch(query, offset: 0, &state), &state)
        case .moved, .refused, .cancel, .ignored:
            return []
        }
    }

    /// How long the payment question ignores keys once it is up: 0.4 s, longer than a double
    /// press of Enter, shorter than reading the total.
    public static let paymentQuestionHoldTicks = 4

    private func pressOnModal(_ key: Key, _ state: inout BuyerState) -> [BuyerCommand] {
        guard let modal = state.modal else { return [] }
        switch modal {
        case .detail(var detail):
            let outcome = detail.handle(key)
            state.modal = .detail(detail)
            switch outcome {
            case .none:
                // r refreshes the box with everything else.
                if BuyerKeys.action(for: key, in: state.view) == .refresh { return self.perform(.refresh, &state) }
                // A key of another view's list (x from a search's box): said where it works.
                if !BuyerKeys.table(for: state.view).binds(key) {
                    state.shell.note(key, worksIn: BuyerKeys.views(binding: key, otherThan: state.view), fromBox: true)
                }
                return []
            case .close:
                state.modal = nil
                return []
            case .soldOut:
                state.shell.status = .info("\(Format.quoted(detail.detail?.item.name ?? detail.name)) is sold out.")
                return []
            case .removeFromCart:
                // The same as x on the box's line in the list (selected again, should the cart
                // have been fetched in another order meanwhile).
                state.modal = nil
                let visible = Self.visibleRows(state)
                guard state.cart.selected?.itemID == detail.itemID
                    || state.cart.table.select(firstOf: state.cart.rows, where: { $0.itemID == detail.itemID }, visibleRows: visible)
                else {
                    state.shell.status = .info("\(Format.quoted(detail.name)) is no longer in your cart.")
                    return []
                }
                return self.perform(.removeFromCart, &state)
            case .vote(let vote):
                state.modal = nil
                let visible = Self.visibleRows(state)
                guard state.purchases.selected(timeZone: state.timeZone)?.line.itemID == detail.itemID
                    || state.purchases.table.select(firstOf: state.purchases.rows(timeZone: state.timeZone), where: { $0.line.itemID == detail.itemID }, visibleRows: visible)
                else { return [] }
                return self.perform(vote == .up ? .thumbsUp : .thumbsDown, &state)
            case .addToCart:
                guard let item = detail.detail?.item else { return [] }
                state.modal = nil
                let commands = self.offerToAdd(item, &state)
                if case .quantity(var dialog)? = state.modal {
                    dialog.fromDetail = detail
                    state.modal = .quantity(dialog)
                }
                return commands
            }
        case .quantity(let dialog):
            let working = dialog.purpose == .add ? "Adding to your cart…" : "Removing from your cart…"
            let commands: [BuyerCommand] = state.shell.press(key, on: dialog, in: &state.modal, as: BuyerModal.quantity, working: working) { request, quantity in
                dialog.purpose == .add
                    ? .addToCart(request: request, item: dialog.item, quantity: quantity)
                    : .removeFromCart(request: request, item: dialog.item, quantity: quantity)
            }
            // Esc on a box opened from the item's details goes back to them.
            if state.modal == nil, let detail = dialog.fromDetail { state.modal = .detail(detail) }
            return commands
        case .checkout(let screen):
            // A saved cart stays saved without what is taken out of it.
            let saveFirst = !screen.shortages.isEmpty && !state.cart.hasUnsavedChanges
            let commands = state.shell.press(key, on: screen, in: &state.modal, as: BuyerModal.checkout, working: "Paying…") {
                BuyerCommand.purchase(request: $0, card: $1, total: screen.total, shortages: screen.shortages, saveFirst: saveFirst)
            }
            // The payment question just came up: keys typed in the next moment (Enter pressed
            // twice on the card form) are dropped, so the total is seen before Pay is pressed.
            if screen.confirmation == nil, case .checkout(let now)? = state.modal, now.confirmation != nil {
                state.shell.keysHeldUntil = state.shell.tick + Self.paymentQuestionHoldTicks
            }
            return commands
        case .seller(let screen):
            return state.shell.press(key, on: screen, in: &state.modal, as: BuyerModal.seller, working: "Looking up the seller…") {
                .sellerRating(request: $0, seller: $1)
            }
        case .confirm(var dialog, let confirmed):
            let outcome = dialog.handle(key)
            state.modal = .confirm(dialog, confirmed)
            guard case .pressed(let button) = outcome else { return [] }
            state.modal = nil
            // Log out's middle button saves the cart first.
            if confirmed == .logout, button == 1, dialog.buttons.count == 3 { return self.saveCart(then: .logout, &state) }
            guard button == 0 else { return [] }
            switch confirmed {
            case .clearCart:
                let request = state.shell.begin("Emptying your cart…")
                return [.clearCart(request: request)]
            case .vote(let item, let vote):
                let request = state.shell.begin("Recording your vote…")
                return [.feedback(request: request, item: item, vote: vote)]
            case .logout:
                let request = state.shell.begin("Logging out…")
                return [.account(.logout(request: request))]
            }
        }
    }

    /// Carries out a key table action on the storefront.
    func perform(_ action: BuyerAction, _ state: inout BuyerState) -> [BuyerCommand] {
        if case .show = action { state.shell.status = nil }
        if action == .nextView || action == .previousView { state.shell.status = nil }
        switch action {
        case .show(let view):
            return self.show(view, &state)
        case .nextView:
            return self.show(BuyerView(rawValue: (state.view.rawValue + 1) % BuyerView.allCases.count) ?? .search, &state)
        case .previousView:
            return self.show(BuyerView(rawValue: (state.view.rawValue + BuyerView.allCases.count - 1) % BuyerView.allCases.count) ?? .search, &state)
        case .help:
            state.shell.help = HelpOverlay(sections: self.helpSections(state))
        case .refresh:
            return self.refreshAsked(&state)
        case .logout:
            // Whether the cart is saved can have changed in another session of the buyer: ask
            // the server before deciding there is nothing to lose.
            guard !state.cart.needsSavedCheck else {
                state.cart.logoutWhenLoaded = true
                return self.loadCart(&state)
            }
            return self.logOut(&state)
        case .quit:
            self.askToQuit(&state)
            // As for logging out: another session may have saved over this cart meanwhile.
            if state.cart.needsSavedCheck { return self.loadCart(&state) }
        case .exit:
            state.shell.isFinished = true
        case .editSearch:
            state.search.beginEditing(from: state.view)
            state.view = .search
        case .open:
            return self.openSelected(&state)
        case .addToCart:
            guard let hit = state.search.selected else { return self.nothingSelected(&state) }
            let commands = self.offerToAdd(hit.item, &state)
            // The row may be minutes old: the box and the row say the price and stock as they are
            // now once the item is fetched again (the server checks the stock in any case).
            guard case .quantity? = state.modal else { return commands }
            return commands + [self.reloadItem(hit.item.id, &state)]
        case .lookUpSeller:
            var seller: SellerID?
            if state.view == .search { seller = state.search.selected?.item.sellerID }
            if state.view == .cart { seller = state.cart.selected?.sellerID }
            if state.view == .purchases { seller = state.purchases.selected(timeZone: state.timeZone)?.line.sellerID }
            state.modal = .seller(SellerLookupScreen(seller: seller))
        case .cycleSort, .reverseSort:
            return self.sort(action == .cycleSort, &state)
        case .nextPage:
            return self.turnPage(forward: true, &state)
        case .previousPage:
            return self.turnPage(forward: false, &state)
        case .removeFromCart:
            guard let line = state.cart.selected else { return self.nothingSelected(&state) }
            // A line short of stock offers to remove what is beyond it (while some is on sale).
            let excess = line.available > 0 && line.isShort ? line.unitsShort : nil
            state.modal = .quantity(QuantityDialog(purpose: .remove, item: line.itemID, name: line.name, maximum: line.quantity, unitPrice: line.unitPrice, suggested: excess))
        case .clearCart:
            guard !state.cart.isEmpty else {
                state.shell.status = .info("Your cart is already empty.")
                return []
            }
            let units = state.cart.cart?.totalUnits ?? 0
            state.modal = .confirm(
                Dialog(title: "Empty cart", lines: [Span(units == 1 ? "Remove the only unit in your cart?" : "Remove all \(Format.units(units)) from your cart?"), Span("This empties the cart here; a cart you saved stays saved.", .muted)], buttons: ["Empty", "Cancel"], focus: 1, isDestructive: true, actionTakesLetter: false),
                .clearCart
            )
        case .saveCart:
            return self.saveCart(then: nil, &state)
        case .checkout:
            guard let cart = state.cart.cart, !cart.lines.isEmpty else {
                state.shell.status = .info("Your cart is empty — add something first.")
                return []
            }
            // The buyer's name, where it could be printed on a card (not "Bea 🎉").
            let holder = state.profile.flatMap { try? FieldRules.validateCardHolder($0.name) } ?? ""
            var screen = CheckoutScreen(holder: holder, total: cart.total, units: cart.totalUnits, currentMonth: state.currentMonth)
            // Lines short of stock are offered to be taken out as the payment is confirmed, as
            // after a payment refused for them; with nothing left to pay for, there is no box.
            screen.cartChanged(cart)
            guard screen.units > 0 else {
                state.cart.table.select(firstOf: state.cart.rows, where: \.isShort, visibleRows: Self.visibleRows(state))
                state.shell.status = .warning(CheckoutScreen.nothingOnSale)
                return []
            }
            state.modal = .checkout(screen)
            // A seller may have changed a price since the cart was fetched: the box shows the
            // total as it is now once the cart comes (the payment is refused on a stale total anyway).
            return state.cart.loadRequest == nil ? self.loadCart(&state) : []
        case .thumbsUp, .thumbsDown:
            guard let row = state.purchases.selected(timeZone: state.timeZone) else { return self.nothingSelected(&state) }
            let vote: Vote = action == .thumbsUp ? .up : .down
            if let given = row.line.feedback {
                state.shell.status = .warning("You already rated \(Format.quoted(row.line.name)) \(given == .up ? "👍" : "👎"); each item gets one vote.")
                return []
            }
            state.modal = .confirm(
                Dialog(
                    title: vote == .up ? "Thumbs up" : "Thumbs down",
                    lines: [Span("Give \(Format.quoted(row.line.name)) a \(vote == .up ? "👍" : "👎")?"), Span("Each item gets one vote, and it cannot be changed.", .muted)],
                    buttons: ["Vote", "Cancel"],
                    focus: 0,
                    actionTakesLetter: false
                ),
                .vote(item: row.line.itemID, vote: vote)
            )
        case .move(let motion):
            return self.move(motion, &state)
        }
        return []
    }

    /// Said by the quit and logout questions when the cart differs from the saved one: changed
    /// here, emptied here or by a payment, or replaced as the saved cart by another session's.
    static func unsavedCartWarning(then next: String, _ cart: CartScreen) -> [Span] {
        if cart.savedElsewhere {
            return [Span("Another session of yours saved a different cart, which your next", .warning),
                    Span("login brings back. w saves this one instead, then \(next).", .warning)]
        }
        return cart.isEmpty
            ? [Span("Your cart is empty, but your saved cart still holds lines, which", .warning),
               Span("your next login brings back. w saves the empty cart, then \(next).", .warning)]
            : [Span("Your cart has unsaved changes: w saves them, then \(next).", .warning)]
    }

    /// Saves the cart, then (once saved) quits or logs out if asked to.
    func saveCart(then next: CartScreen.AfterSave?, _ state: inout BuyerState) -> [BuyerCommand] {
        state.cart.afterSave = next
        let request = state.shell.begin("Saving your cart…")
        return [.saveCart(request: request)]
    }

    /// The quit question, warning when the cart differs from the saved one.
    func askToQuit(_ state: inout BuyerState) {
        let unsaved = state.cart.wouldLoseChanges
        state.shell.confirmQuit(
            extraLines: unsaved ? Self.unsavedCartWarning(then: "quits", state.cart) : [],
            extraHints: unsaved ? [Self.saveFirstHint(then: "quit")] : [],
            alternative: unsaved ? "Save & quit" : nil
        )
    }

    /// What the quit question's answer leaves to the storefront: "Save & quit" saves the cart,
    /// then quits.
    func afterOverlay(_ state: inout BuyerState) -> [BuyerCommand] {
        guard state.shell.quitAlternativePressed else { return [] }
        state.shell.quitAlternativePressed = false
        return self.saveCart(then: .quit, &state)
    }

    /// `w` in the quit and logout questions, for the footer (where a click presses it too).
    static func saveFirstHint(then action: String) -> KeyHint {
        KeyHint(key: "w", label: "Save cart & \(action)")
    }

    /// Logs out, asking first when that would lose a cart that differs from the saved one.
    func logOut(_ state: inout BuyerState) -> [BuyerCommand] {
        if state.cart.wouldLoseChanges {
            state.modal = .confirm(
                Dialog(
                    title: "Log out",
                    lines: [Span("Log out now?")] + Self.unsavedCartWarning(then: "logs out", state.cart),
                    buttons: ["Log out", "Save & log out", "Cancel"],
                    focus: 2,
                    actionTakesLetter: false
                ),
                .logout
            )
            return []
        }
        let request = state.shell.begin("Logging out…")
        return [.account(.logout(request: request))]
    }

    private func nothingSelected(_ state: inout BuyerState) -> [BuyerCommand] {
        let empty =
            switch state.view {
            case .search: "No results to act on."
            case .cart: "Your cart is empty."
            case .purchases: "No purchases yet."
            }
        state.shell.status = .info(empty)
        return []
    }

    func offerToAdd(_ item: Item, _ state: inout BuyerState) -> [BuyerCommand] {
        let inCart = state.cart.cart?.lines.first { $0.itemID == item.id }?.quantity ?? 0
        let room = item.quantity - inCart
        guard room > 0 else {
            state.shell.status = .info(item.quantity == 0 ? "\(Format.quoted(item.name)) is sold out." : (item.quantity == 1 ? "The only unit" : "All \(Format.units(item.quantity))") + " of \(Format.quoted(item.name)) \(item.quantity == 1 ? "is" : "are") in your cart already.")
            return []
        }
        state.modal = .quantity(QuantityDialog(purpose: .add, item: item.id, name: item.name, maximum: room, unitPrice: item.price, inCart: inCart))
        return []
    }

    func openSelected(_ state: inout BuyerState) -> [BuyerCommand] {
        let target: (ItemID, String, BuyerItemDetail.Context)?
        switch state.view {
        case .search: target = state.search.selected.map { ($0.item.id, $0.item.name, .search) }
        case .cart: target = state.cart.selected.map { ($0.itemID, $0.name, .cart(units: $0.quantity)) }
        case .purchases: target = state.purchases.selected(timeZone: state.timeZone).map { ($0.line.itemID, $0.line.name, .purchase(vote: $0.line.feedback)) }
        }
        guard let (id, name, context) = target else { return self.nothingSelected(&state) }
        var detail = BuyerItemDetail(itemID: id, name: name, context: context)
        let request = state.shell.begin("Loading item \(id)…")
        detail.request = request
        state.modal = .detail(detail)
        return [.loadItem(request: request, item: id)]
    }

    private func move(_ motion: TableState.Motion, _ state: inout BuyerState) -> [BuyerCommand] {
        let visible = Self.visibleRows(state)
        switch state.view {
        case .search:
            let rows = state.search.rows.count
            // Down from the last row at hand goes on into the rows not fetched yet, as `]` does,
            // and up from the first into those before, as `[` does.
            if let forward = state.search.table.turnsPage(
                motion, rowCount: rows, visibleRows: visible, hasNextPage: state.search.hasNextPage, hasPreviousPage: state.search.hasPreviousPage
            ) {
                return self.turnPage(forward: forward, &state)
            }
            // End cannot go further when the total is only counted up to a cap: say how to see more.
            if motion == .bottom, state.search.hasNextPage, state.search.page?.totalIsExact == false {
                state.shell.noteEdge("Last of the results fetched so far: ] fetches the next ones.")
            }
            // Home and End go to the first and last result, fetched when not at hand (in the
            // server's order; a page sorted on screen while the server's is on its way keeps to
            // itself).
            guard let page = state.search.page, let query = state.search.query, state.search.isInServerOrder,
                let turn = state.search.table.fetchForEnd(
                    motion, base: page.offset, rowCount: rows, total: page.total, totalIsExact: page.totalIsExact, pageSize: SearchScreen.pageSize
                )
            else {
                state.search.table.move(motion, rowCount: rows, visibleRows: visible)
                return []
            }
            state.search.startRow = turn.table.selection
            return self.keysWait(for: self.runSearch(query, offset: turn.offset, &state), &state)
        case .cart:
            state.cart.table.move(motion, rowCount: state.cart.rows.count, visibleRows: visible)
            return []
        case .purchases:
            let rows = state.purchases.allRows.count
            if let forward = state.purchases.table.turnsPage(
                motion, rowCount: rows, visibleRows: visible, hasNextPage: state.purchases.hasNextPage, hasPreviousPage: state.purchases.hasPreviousPage
            ) {
                return self.turnPage(forward: forward, &state)
            }
            guard let page = state.purchases.page, state.purchases.table.sortColumn == nil,
                let turn = state.purchases.table.fetchForEnd(
                    motion, base: page.offset, rowCount: page.items.count, total: page.total, totalIsExact: page.totalIsExact, pageSize: PurchasesScreen.pageSize
                )
            else {
                state.purchases.table.move(motion, rowCount: rows, visibleRows: visible)
                return []
            }
            state.purchases.table = turn.table
            return self.keysWait(for: self.loadPurchases(&state, offset: turn.offset, countedFrom: page.total), &state)
        }
    }

    func sort(_ cycle: Bool, _ state: inout BuyerState) -> [BuyerCommand] {
        // A note about the old order (the last results, a page) no longer holds.
        state.shell.status = nil
        let width = Self.tableArea(state).width
        func resort<Row>(_ table: inout TableState, _ shown: Table<Row>) -> Bool {
            if cycle {
                shown.cycleSort(&table, width: width)
                return true
            }
            return shown.reverseSort(&table, width: width)
        }
        switch state.view {
        case .search:
            guard resort(&state.search.table, SearchScreen.table) else {
                state.shell.status = .info("The ranking has no other way round: s sorts by a column, S then turns it around.")
                return []
            }
            return self.searchSortChanged(&state)
        case .cart:
            self.resortKeepingSelection(&state) { _ = resort(&$0, CartScreen.table) }
        case .purchases:
            let table = PurchasesScreen.table(timeZone: state.timeZone)
            self.resortKeepingSelection(&state) { _ = resort(&$0, table) }
        }
        return []
    }

    /// Sorts the cart or the purchases on show with `change` (a key's or a title's), keeping the
    /// selected line selected wherever the new order puts it.
    func resortKeepingSelection(_ state: inout BuyerState, _ change: (inout TableState) -> Void) {
        let visible = Self.visibleRows(state)
        switch state.view {
        case .cart:
            let selected = state.cart.selected?.itemID
            change(&state.cart.table)
            state.cart.table.select(firstOf: state.cart.rows, where: { $0.itemID == selected }, visibleRows: visible)
        case .purchases:
            let selected = state.purchases.selected(timeZone: state.timeZone)
            change(&state.purchases.table)
            state.purchases.reselect(selected, timeZone: state.timeZone, visibleRows: visible)
        case .search:
            change(&state.search.table)
        }
    }

    /// The results' sort changed: the server sorts them all, so that every list is ordered the
    /// same way however long (meanwhile the rows at hand are sorted here), and the list starts
    /// again from its top: sorting by price is asking to see the cheapest.
    func searchSortChanged(_ state: inout BuyerState) -> [BuyerCommand] {
        guard let query = state.search.query, state.search.page != nil else { return [] }
        state.search.table.move(.top, rowCount: state.search.rows.count, visibleRows: Self.visibleRows(state))
        return self.keysWait(for: self.runSearch(query, offset: 0, &state), &state)
    }

    /// `]` and `[`: a screenful at a time, the rest of the page at hand first, then the next or
    /// previous page from the server (shown from its end when going back).
    private func turnPage(forward: Bool, _ state: inout BuyerState) -> [BuyerCommand] {
        let visible = Self.visibleRows(state)
        state.shell.status = nil
        switch state.view {
        case .search:
            guard let query = state.search.query, let page = state.search.page else { return [] }
            // In the server's order a screenful can start anywhere, so they follow each other
            // exactly; a page sorted on screen (until the server's comes) a page at a time.
            let serverOrder = state.search.isInServerOrder
            let more = forward ? page.hasMore : page.offset > 0
            let rows = state.search.rows.count
            if state.search.table.showScreen(forward: forward, rowCount: rows, visibleRows: visible, wholeScreensOnly: serverOrder && more) { return [] }
            if forward, !page.hasMore {
                state.shell.noteEdge("That was the last page of results.")
                return []
            }
            if !forward, page.offset == 0 {
                state.shell.noteEdge("This is the first page.")
                return []
            }
            let offset: Int
            if serverOrder {
                let turn = state.search.table.adjacentScreen(forward: forward, base: page.offset, rowCount: rows, visibleRows: visible, pageSize: SearchScreen.pageSize)
                offset = turn.offset
                state.search.startRow = turn.table.selection
            } else {
                offset = forward ? page.offset + SearchScreen.pageSize : max(0, page.offset - SearchScreen.pageSize)
                state.search.startRow = forward ? nil : .max
            }
            return self.keysWait(for: self.runSearch(query, offset: offset, &state), &state)
        case .purchases:
            guard let page = state.purchases.page else { return [] }
            // In history order, pages of purchases are fetched from the purchase of the first
            // line not yet seen (or back to the one of the line just above the screen).
            let historyOrder = state.purchases.table.sortColumn == nil
            let more = forward ? page.hasMore : page.offset > 0
            let rows = state.purchases.allRows.count
            if state.purchases.table.showScreen(forward: forward, rowCount: rows, visibleRows: visible, wholeScreensOnly: historyOrder && more) { return [] }
            if page.items.isEmpty, page.offset == 0 {
                state.shell.status = .info("No purchases yet.")
                return []
            }
            if forward, !page.hasMore {
                state.shell.noteEdge("These are your oldest purchases.")
                return []
            }
            if !forward, page.offset == 0 {
                state.shell.noteEdge("These are your newest purchases.")
                return []
            }
            let offset: Int
            if historyOrder {
                let turn = state.purchases.adjacentScreen(forward: forward, visibleRows: visible)
                offset = turn.offset
                state.purchases.table = turn.table
                state.purchases.selectAfterLoad = turn.select
            } else {
                offset = forward ? page.offset + PurchasesScreen.pageSize : max(0, page.offset - PurchasesScreen.pageSize)
                state.purchases.table = forward ? state.purchases.table.keepingSort() : state.purchases.table.startingAtEnd()
            }
            return self.keysWait(for: self.loadPurchases(&state, offset: offset, countedFrom: page.total), &state)
        case .cart:
            return []
        }
    }
}
