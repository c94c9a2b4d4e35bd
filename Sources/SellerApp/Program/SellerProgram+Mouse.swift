import MarketUI
public import TerminalUI

extension SellerProgram {
    /// Clicks and the wheel: tabs, column titles (sort), rows (select; again to open), dialog
    /// buttons and menu items.
    public func click(_ mouse: MouseEvent, _ state: inout SellerState) -> [SellerCommand] {
        if state.shell.handleOverlayClick(mouse) { return [] }
        let screen = Rect(size: state.shell.size)
        if let modal = state.modal {
            // The wheel moves through an item box's choices, as it moves through a list.
            if case .detail = modal, let key = mouse.wheelKey { return self.press(key, &state) }
            guard mouse.kind == .press, let keys = modal.keys(forClickAt: mouse.point, in: screen) else { return [] }
            return keys.flatMap { self.press($0, &state) }
        }
        if mouse.kind == .press, let tab = Chrome.tab(at: mouse.point, shell: state.shell, tabs: SellerView.allCases.map(\.title)) {
            // As its number key: the view shown is fetched again.
            return self.press(.character(Character(String(tab + 1))), &state)
        }
        guard state.view == .items else { return [] }
        let area = ItemsScreen.tableArea(in: Chrome.contentArea(state.shell.size))
        let rows = state.items.rows
        switch mouse.kind {
        case .wheelUp:
            return self.perform(.move(.by(-3)), &state)
        case .wheelDown:
            return self.perform(.move(.by(3)), &state)
        case .press, .doubleClick:
            switch state.items.itemsTable.hit(mouse.point, in: area, state: state.items.table, rows: rows) {
            case .header(let column)?:
                let selected = state.items.selected?.id
                guard ItemsScreen.table.clickTitle(column, &state.items.table) else { return [] }
                state.shell.status = nil
                return self.sortChanged(&state, keeping: selected)
            case .row(let index)?:
                let again = index == state.items.table.selection
                state.items.table.select(index, rowCount: rows.count, visibleRows: Self.visibleRows(state))
                if again || mouse.kind == .doubleClick { return self.perform(.open, &state) }
            case nil:
                break
            }
            return []
        }
    }
}
