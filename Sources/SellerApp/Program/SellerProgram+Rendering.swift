import MarketCore
import MarketUI
public import TerminalUI

extension SellerProgram {
    public func render(_ state: SellerState, into canvas: inout Canvas) {
        self.render(state, into: &canvas, appTitle: "swift-market · seller dashboard") { canvas in
            let screen = canvas.bounds
            let visible = Self.visibleRows(state)
            let hints: [KeyHint]
            switch state.modal {
            case .register(let form): hints = form.hints
            case .price(let dialog): hints = dialog.hints
            case .remove(let dialog): hints = dialog.hints
            case .add(let dialog): hints = dialog.hints
            case .detail(let detail): hints = detail.menu.hints
            case nil where state.view == .items && state.items.findField != nil:
                hints = [KeyHint(key: "Enter", label: "Find"), KeyHint(key: "Esc", label: "Cancel"), KeyHint(key: "F1", label: "Help")]
            case nil:
                // `]` has somewhere to go: a screenful below, or a page not fetched yet.
                let below = state.items.table.hasRowsBelow(visibleRows: visible, rowCount: state.items.rows.count)
                let above = state.items.offset > 0 || state.items.table.offset > 0
                hints = SellerKeys.hints(
                    for: state.view, hasRows: !state.items.rows.isEmpty, hasNextPage: state.items.hasNextPage || below, hasPreviousPage: above,
                    isFinding: state.items.find != nil, hasUnitsOnSale: (state.items.selected?.quantity ?? 1) > 0,
                    hasRoomForMore: (state.items.selected?.quantity ?? 0) < FieldRules.maximumQuantity
                )
            }
            let content = Chrome.render(
                shell: state.shell,
                tabs: SellerView.allCases.map(\.title),
                activeTab: state.view.rawValue,
                hints: hints,
                position: state.view == .items ? state.items.position(visibleRows: visible) : nil,
                canvas: &canvas
            )
            var cursor: Point?
            switch state.view {
            case .items:
                cursor = state.items.render(in: content, rating: state.rating.rating, canvas: &canvas, focused: state.modal == nil)
            case .rating:
                // Not while the list is narrowed: its total is of what was found.
                state.rating.render(in: content, itemsListed: state.items.pageListing.find == nil ? state.items.page?.total : nil, canvas: &canvas)
            }
            switch state.modal {
            case .detail(let detail):
                detail.render(in: screen, categories: state.shell.categories, canvas: &canvas)
                return nil
            case .register(let form): return form.render(in: screen, canvas: &canvas)
            case .price(let dialog): return dialog.render(in: screen, canvas: &canvas)
            case .remove(let dialog): return dialog.render(in: screen, canvas: &canvas)
            case .add(let dialog): return dialog.render(in: screen, canvas: &canvas)
            case nil: return cursor
            }
        }
    }
}
