import MarketUI
public import TerminalUI

extension BuyerProgram {
    /// Clicks and the wheel: tabs, the search bar, column titles (sort), rows (select; again to
    /// open), dialog buttons and menu items.
    public func click(_ mouse: MouseEvent, _ state: inout BuyerState) -> [BuyerCommand] {
        if state.shell.handleOverlayClick(mouse) { return self.afterOverlay(&state) }
        let screen = Rect(size: state.shell.size)
        if let modal = state.modal {
            // The wheel moves through an item box's choices, as it moves through a list.
            if case .detail = modal, let key = mouse.wheelKey { return self.press(key, &state) }
            guard mouse.kind == .press else { return [] }
            switch modal {
            case .detail(let detail):
                if let keys = detail.keys(forClickAt: mouse.point, in: screen) { return keys.flatMap { self.press($0, &state) } }
            case .confirm(var dialog, let confirmed):
                if let button = dialog.button(at: mouse.point, in: screen) {
                    dialog.focus = button
                    state.modal = .confirm(dialog, confirmed)
                    return self.press(.enter, &state)
                }
            case .checkout(let checkout):
                if let keys = checkout.keys(forClickAt: mouse.point, in: screen) { return keys.flatMap { self.press($0, &state) } }
            case .quantity, .seller:
                break
            }
            return []
        }
        if mouse.kind == .press, let tab = Chrome.tab(at: mouse.point, shell: state.shell, tabs: Self.tabTitles(state)) {
            return self.show(BuyerView(rawValue: tab) ?? .search, &state)
        }
        let content = Chrome.contentArea(state.shell.size)
        // The category list over the results takes its own clicks (a name picks it) and the wheel.
        if state.view == .search, let keys = state.search.categoryList(in: content)?.keys(forClickAt: mouse.point) {
            return mouse.kind == .press ? keys.flatMap { self.press($0, &state) } : []
        }
        if state.view == .search, mouse.kind == .press, mouse.point.y == content.y {
            state.search.click(at: mouse.point, in: content)
            return []
        }
        switch mouse.kind {
        case .wheelUp:
            return self.perform(.move(.by(-3)), &state)
        case .wheelDown:
            return self.perform(.move(.by(3)), &state)
        case .press, .doubleClick:
            let area = Self.tableArea(state)
            let hit: TableHit?
            switch state.view {
            case .search:
                hit = state.search.resultsTable.hit(mouse.point, in: area, state: state.search.table, rows: state.search.rows)
            case .cart:
                hit = CartScreen.table.hit(mouse.point, in: area, state: state.cart.table, rows: state.cart.rows)
            case .purchases:
                hit = PurchasesScreen.table(timeZone: state.timeZone).hit(mouse.point, in: area, state: state.purchases.table, rows: state.purchases.rows(timeZone: state.timeZone))
            }
            switch hit {
            case .header(let column)?:
                state.shell.status = nil
                switch state.view {
                case .search:
                    guard SearchScreen.table.clickTitle(column, &state.search.table) else { return [] }
                    return self.searchSortChanged(&state)
                case .cart: self.resortKeepingSelection(&state) { CartScreen.table.clickTitle(column, &$0) }
                case .purchases:
                    let table = PurchasesScreen.table(timeZone: state.timeZone)
                    self.resortKeepingSelection(&state) { table.clickTitle(column, &$0) }
                }
            case .row(let index)?:
                if state.view == .search, state.search.isEditing { state.search.endEditing() }
                let visible = Self.visibleRows(state)
                let again: Bool
                switch state.view {
                case .search:
                    again = state.search.table.selection == index
                    state.search.table.select(index, rowCount: state.search.rows.count, visibleRows: visible)
                case .cart:
                    again = state.cart.table.selection == index
                    state.cart.table.select(index, rowCount: state.cart.rows.count, visibleRows: visible)
                case .purchases:
                    again = state.purchases.table.selection == index
                    state.purchases.table.select(index, rowCount: state.purchases.allRows.count, visibleRows: visible)
                }
                if again || mouse.kind == .doubleClick { return self.openSelected(&state) }
            case nil:
                break
            }
            return []
        }
    }

    /// Tab titles, the cart's with its unit count.
    static func tabTitles(_ state: BuyerState) -> [String] {
        BuyerView.allCases.map { view in
            if view == .cart, let units = state.cart.cart?.totalUnits, units > 0 { return "Cart (\(Format.count(units)))" }
            return view.title
        }
    }
}
