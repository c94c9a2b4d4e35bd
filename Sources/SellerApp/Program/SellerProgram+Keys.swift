import MarketCore
import MarketUI
public import TerminalUI

extension SellerProgram {
    public func helpSections(_ state: SellerState) -> [HelpSection] { SellerKeys.help(for: state.view) }

    /// Routes a key: Ctrl-C first, then whatever is on top (help, the quit question, a box, the
    /// login screen), then the view's key table.
    public func press(_ key: Key, _ state: inout SellerState) -> [SellerCommand] {
        if state.shell.handleOverlayKey(key) { return [] }
        guard state.isLoggedIn else { return state.shell.pressOnLogin(key, &state.login) }
        // F1 shows every key from inside a box too; so does ?, unless the box takes text.
        if let modal = state.modal {
            let help = key == .function(1) || (key == .character("?") && !modal.takesText)
            return help ? self.perform(.help, &state) : self.pressOnModal(key, &state)
        }
        if state.view == .items, state.items.findField != nil { return self.pressOnFindBar(key, &state) }
        guard let action = SellerKeys.action(for: key, in: state.view) else {
            if let view = SellerKeys.view(binding: key, otherThan: state.view) { state.shell.note(key, worksIn: [(view.title, view.rawValue + 1)]) }
            return []
        }
        return self.perform(action, &state)
    }

    private func pressOnModal(_ key: Key, _ state: inout SellerState) -> [SellerCommand] {
        switch state.modal {
        case .detail(var detail):
            let outcome = detail.handle(key)
            state.modal = .detail(detail)
            switch outcome {
            case .none: return []
            case .close: state.modal = nil
            case .changePrice:
                var dialog = PriceDialog(item: detail.item)
                dialog.fromDetail = true
                state.modal = .price(dialog)
                return self.freshItem(&state)
            case .removeUnits:
                var dialog = RemoveUnitsDialog(item: detail.item)
                dialog.fromDetail = true
                state.modal = .remove(dialog)
                return self.freshItem(&state)
            case .addUnits:
                guard detail.item.quantity < FieldRules.maximumQuantity else {
                    self.noRoomForMore(in: detail.item, &state)
                    return []
                }
                var dialog = AddUnitsDialog(item: detail.item)
                dialog.fromDetail = true
                state.modal = .add(dialog)
                return self.freshItem(&state)
            case .nothingToRemove:
                self.nothingToRemove(from: detail.item, &state)
            }
            return []
        case .register(let form):
            return state.shell.press(key, on: form, in: &state.modal, as: SellerModal.register, working: "Registering the new item…") {
                .register(request: $0, draft: $1)
            }
        case .price(let dialog):
            let commands: [SellerCommand] = state.shell.press(key, on: dialog, in: &state.modal, as: SellerModal.price, working: "Saving the new price…") {
                .changePrice(request: $0, item: dialog.item.id, price: $1)
            }
            // Esc on a box opened from the item's details goes back to them.
            if state.modal == nil, dialog.fromDetail { state.modal = .detail(ItemDetailScreen(item: dialog.item)) }
            return commands
        case .remove(let dialog):
            let commands: [SellerCommand] = state.shell.press(key, on: dialog, in: &state.modal, as: SellerModal.remove, working: "Taking units off sale…") {
                .removeUnits(request: $0, item: dialog.item.id, count: $1)
            }
            if state.modal == nil, dialog.fromDetail { state.modal = .detail(ItemDetailScreen(item: dialog.item)) }
            return commands
        case .add(let dialog):
            let commands: [SellerCommand] = state.shell.press(key, on: dialog, in: &state.modal, as: SellerModal.add, working: "Putting units on sale…") {
                .addUnits(request: $0, item: dialog.item.id, count: $1)
            }
            if state.modal == nil, dialog.fromDetail { state.modal = .detail(ItemDetailScreen(item: dialog.item)) }
            return commands
        case nil:
            return []
        }
    }

    /// Typing in the find bar: Enter finds (on the server, from the top of the list), Esc leaves
    /// what is found as it was.
    private func pressOnFindBar(_ key: Key, _ state: inout SellerState) -> [SellerCommand] {
        switch key {
        case .escape:
            state.items.findField = nil
            return []
        case .enter:
            guard case .success(let find) = state.items.typedFind else { return [] }
            state.items.findField = nil
            return self.find(find, &state)
        case .function(1):
            return self.perform(.help, &state)
        default:
            _ = state.items.findField?.handle(key)
            return []
        }
    }

    /// Shows what `find` finds (`nil`: every item), from the top of the list.
    func find(_ find: ItemFind?, _ state: inout SellerState) -> [SellerCommand] {
        state.shell.status = nil
        guard find != state.items.find else { return [] }
        state.items.find = find
        state.items.table.move(.top, rowCount: state.items.rows.count, visibleRows: Self.visibleRows(state))
        return self.keysWait(for: self.loadItems(&state, offset: 0), &state)
    }

    /// Carries out a key table action on the dashboard.
    func perform(_ action: SellerAction, _ state: inout SellerState) -> [SellerCommand] {
        let visible = Self.visibleRows(state)
        let rowCount = state.items.rows.count
        if case .show = action { state.shell.status = nil }
        if action == .nextView || action == .previousView { state.shell.status = nil }
        switch action {
        case .show(let view):
            state.view = view
            return self.fetchOnShow(&state)
        case .nextView:
            state.view = SellerView(rawValue: (state.view.rawValue + 1) % SellerView.allCases.count) ?? .items
            return self.fetchOnShow(&state)
        case .previousView:
            state.view = SellerView(rawValue: (state.view.rawValue + SellerView.allCases.count - 1) % SellerView.allCases.count) ?? .items
            return self.fetchOnShow(&state)
        case .help:
            state.shell.help = HelpOverlay(sections: self.helpSections(state))
        case .refresh:
            return self.refreshAsked(&state)
        case .logout:
            let request = state.shell.begin("Logging out…")
            return [.account(.logout(request: request))]
        case .quit:
            state.shell.confirmQuit()
        case .exit:
            state.shell.isFinished = true
        case .newItem:
            state.modal = .register(ItemFormScreen(categories: state.shell.categories))
        case .find:
            state.items.beginFinding()
        case .showAll:
            return self.find(nil, &state)
        case .changePrice:
            guard let item = state.items.selected else { return self.nothingSelected(&state) }
            state.modal = .price(PriceDialog(item: item))
            return self.freshItem(&state)
        case .removeUnits:
            guard let item = state.items.selected else { return self.nothingSelected(&state) }
            guard item.quantity > 0 else {
                self.nothingToRemove(from: item, &state)
                return []
            }
            state.modal = .remove(RemoveUnitsDialog(item: item))
            return self.freshItem(&state)
        case .addUnits:
            guard let item = state.items.selected else { return self.nothingSelected(&state) }
            guard item.quantity < FieldRules.maximumQuantity else {
                self.noRoomForMore(in: item, &state)
                return []
            }
            state.modal = .add(AddUnitsDialog(item: item))
            return self.freshItem(&state)
        case .open:
            guard let item = state.items.selected else { return self.nothingSelected(&state) }
            state.modal = .detail(ItemDetailScreen(item: item))
        case .cycleSort:
            // A note about the old order (the last items, a page) no longer holds.
            state.shell.status = nil
            let selected = state.items.selected?.id
            ItemsScreen.table.cycleSort(&state.items.table, width: Self.tableWidth(state))
            return self.keysWait(for: self.sortChanged(&state, keeping: selected), &state)
        case .reverseSort:
            state.shell.status = nil
            let selected = state.items.selected?.id
            ItemsScreen.table.reverseSort(&state.items.table, width: Self.tableWidth(state))
            return self.keysWait(for: self.sortChanged(&state, keeping: selected), &state)
        case .nextPage:
            state.shell.status = nil
            // A screenful at a time: from the page at hand while it has a whole one, else fetched
            // from the first item not yet seen (a list of several pages is in the server's order).
            if state.items.table.showNextScreen(rowCount: rowCount, visibleRows: visible, wholeScreensOnly: state.items.hasNextPage) { return [] }
            guard state.items.hasNextPage else {
                state.shell.noteEdge("These are your last items.")
                return []
            }
            let turn = state.items.table.adjacentScreen(forward: true, base: state.items.offset, rowCount: rowCount, visibleRows: visible, pageSize: ItemsScreen.pageSize)
            state.items.table = turn.table
            return self.keysWait(for: self.loadItems(&state, offset: turn.offset), &state)
        case .previousPage:
            state.shell.status = nil
            if state.items.table.showPreviousScreen(rowCount: rowCount, visibleRows: visible, wholeScreensOnly: state.items.offset > 0) { return [] }
            guard state.items.offset > 0 else {
                state.shell.noteEdge("These are your first items.")
                return []
            }
            let turn = state.items.table.adjacentScreen(forward: false, base: state.items.offset, rowCount: rowCount, visibleRows: visible, pageSize: ItemsScreen.pageSize)
            state.items.table = turn.table
            return self.keysWait(for: self.loadItems(&state, offset: turn.offset), &state)
        case .move(let motion):
            // Down from the last item at hand goes on into those not fetched yet, as `]` does, and
            // up from the first into those before, as `[` does.
            if let forward = state.items.table.turnsPage(
                motion, rowCount: rowCount, visibleRows: visible, hasNextPage: state.items.hasNextPage, hasPreviousPage: state.items.offset > 0
            ) {
                return self.perform(forward ? .nextPage : .previousPage, &state)
            }
            // Home and End go to the first and last item, fetched when not at hand (a list of
            // several pages is in the server's order).
            guard let page = state.items.page,
                let turn = state.items.table.fetchForEnd(
                    motion, base: page.offset, rowCount: rowCount, total: page.total, totalIsExact: page.totalIsExact, pageSize: ItemsScreen.pageSize
                )
            else {
                state.items.table.move(motion, rowCount: rowCount, visibleRows: visible)
                return []
            }
            state.items.table = turn.table
            return self.keysWait(for: self.loadItems(&state, offset: turn.offset), &state)
        }
        return []
    }

    private func nothingSelected(_ state: inout SellerState) -> [SellerCommand] {
        if let find = state.items.find, state.items.page?.total == 0 {
            state.shell.status = .info("Nothing matches \(Format.quoted(find.text)) — Esc shows every item again.")
        } else {
            state.shell.status = .info("No item selected — press n to register one.")
        }
        return []
    }

    /// A price or units box opened: the page is fetched again, since another session of the
    /// seller may have changed the item since it was shown (those changes come only with the
    /// next answer to the wait for news); the box follows what comes (`settleUncertainChange`).
    private func freshItem(_ state: inout SellerState) -> [SellerCommand] {
        self.loadItems(&state, offset: state.items.offset)
    }

    private func noRoomForMore(in item: Item, _ state: inout SellerState) {
        state.shell.status = .warning("\(Format.quoted(item.name)) has \(Format.units(item.quantity)) on sale, the most there can be.")
    }

    private func nothingToRemove(from item: Item, _ state: inout SellerState) {
        state.shell.status = .warning("\(Format.quoted(item.name)) has no units on sale, so none to remove; a puts some on sale.")
    }

    /// Buyers' votes and purchases move the rating and the items' units and thumbs, which the
    /// dashboard hears nothing of: showing a view fetches it again (one cheap call).
    private func fetchOnShow(_ state: inout SellerState) -> [SellerCommand] {
        switch state.view {
        case .rating: state.rating.loadRequest == nil ? self.loadRating(&state) : []
        case .items: state.items.loadRequest == nil ? self.loadItems(&state, offset: state.items.offset) : []
        }
    }
}
