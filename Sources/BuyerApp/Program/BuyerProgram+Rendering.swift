import MarketCore
import MarketUI
public import TerminalUI

extension BuyerProgram {
    public func render(_ state: BuyerState, into canvas: inout Canvas) {
        self.render(state, into: &canvas, appTitle: "swift-market · storefront") { canvas in
            let screen = canvas.bounds
            var cursor: Point?
            let visible = Self.visibleRows(state)
            let hints: [KeyHint]
            switch state.modal {
            case .quantity(let dialog): hints = dialog.hints
            case .checkout(let checkout): hints = checkout.hints
            case .seller(let lookup): hints = lookup.hints
            case .detail(let detail): hints = detail.hints
            case .confirm(let dialog, .logout) where state.cart.wouldLoseChanges: hints = dialog.hints + [Self.saveFirstHint(then: "log out")]
            case .confirm(let dialog, _): hints = dialog.hints
            case nil:
                if state.view == .search, state.search.isEditing {
                    let listOpen = state.search.categoryList(in: Chrome.contentArea(state.shell.size)) != nil
                    hints = BuyerKeys.searchBarHints(returningTo: state.search.openedFrom, listOpen: listOpen)
                } else {
                    let hasRows =
                        switch state.view {
                        case .search: !state.search.rows.isEmpty
                        case .cart: !state.cart.rows.isEmpty
                        case .purchases: !state.purchases.allRows.isEmpty
                        }
                    // `]` has somewhere to go: a screenful below, or a page not fetched yet.
                    let visible = Self.visibleRows(state)
                    let hasNextPage =
                        switch state.view {
                        case .search:
                            state.search.hasNextPage || state.search.table.hasRowsBelow(visibleRows: visible, rowCount: state.search.rows.count)
                        case .cart: false
                        case .purchases:
                            state.purchases.hasNextPage || state.purchases.table.hasRowsBelow(visibleRows: visible, rowCount: state.purchases.allRows.count)
                        }
                    // `[` has somewhere to go: a screenful above, or a page before this one.
                    let hasPreviousPage =
                        switch state.view {
                        case .search: state.search.hasPreviousPage || state.search.table.offset > 0
                        case .cart: false
                        case .purchases: state.purchases.hasPreviousPage || state.purchases.table.offset > 0
                        }
                    let canVote = state.view != .purchases || state.purchases.selected(timeZone: state.timeZone)?.line.feedback == nil
                    hints = BuyerKeys.hints(for: state.view, hasRows: hasRows, hasNextPage: hasNextPage, hasPreviousPage: hasPreviousPage, canVote: canVote)
                }
            }
            let position: String? =
                switch state.view {
                case .search: state.search.position(visibleRows: visible)
                case .cart: state.cart.position(visibleRows: visible)
                case .purchases: state.purchases.position(visibleRows: visible)
                }
            let content = Chrome.render(
                shell: state.shell, tabs: Self.tabTitles(state), activeTab: state.view.rawValue,
                hints: hints, position: position, canvas: &canvas
            )
            let focused = state.modal == nil
            switch state.view {
            case .search: cursor = state.search.render(in: content, canvas: &canvas, focused: focused)
            case .cart: state.cart.render(in: content, canvas: &canvas, focused: focused)
            case .purchases: state.purchases.render(in: content, timeZone: state.timeZone, canvas: &canvas, focused: focused)
            }
            switch state.modal {
            case .detail(let detail):
                let inCart = state.cart.cart.map { cart in cart.lines.first { $0.itemID == detail.itemID }?.quantity ?? 0 }
                detail.render(in: screen, categories: state.shell.categories, inCart: inCart, canvas: &canvas)
            case .quantity(let dialog): cursor = dialog.render(in: screen, canvas: &canvas)
            case .checkout(let checkout): cursor = checkout.render(in: screen, canvas: &canvas)
            case .seller(let lookup): cursor = lookup.render(in: screen, canvas: &canvas)
            case .confirm(let dialog, _):
                dialog.render(in: screen, canvas: &canvas)
                cursor = nil
            case nil: break
            }
            return cursor
        }
    }
}
