import MarketCore
import MarketUI
public import TerminalUI

extension SellerProgram {
    public func render(_ state: SellerState, into canvas: inout Canvas) {
        if state.shell.isTooSmall {
            TooSmallNotice.render(size: state.shell.size, minimum: .minimum, canvas: &canvas)
            return
        }
        let screen = canvas.bounds
        var cursor: Point?
        if !state.isLoggedIn {
            let content = Chrome.render(shell: state.shell, hints: state.login.hints, canvas: &canvas)
            cursor = state.login.render(in: content, canvas: &canvas, appTitle: "swift-market · seller dashboard")
        } else {
            let visible = Self.visibleRows(state)
            let hints: [KeyHint]
            switch state.modal {
            case .register, .price, .remove: hints = Form.keys.hints
            case .detail: hints = [KeyHint(key: "↑↓", label: "Choose"), KeyHint(key: "Enter", label: "Do it"), KeyHint(key: "Esc", label: "Close")]
            case nil: hints = SellerKeys.hints(for: state.view)
            }
            let content = Chrome.render(
                shell: state.shell,
                tabs: SellerView.allCases.map(\.title),
                activeTab: state.view.rawValue,
                hints: hints,
                position: state.view == .items ? state.items.position(visibleRows: visible) : nil,
                canvas: &canvas
            )
            switch state.view {
            case .items:
                state.items.render(in: content, rating: state.rating.rating, canvas: &canvas, focused: state.modal == nil)
            case .rating:
                state.rating.render(in: content, itemsListed: state.items.page?.total, canvas: &canvas)
            }
            switch state.modal {
            case .detail(let detail): detail.render(in: screen, canvas: &canvas)
            case .register(let form): cursor = form.render(in: screen, canvas: &canvas)
            case .price(let dialog): cursor = dialog.render(in: screen, canvas: &canvas)
            case .remove(let dialog): cursor = dialog.render(in: screen, canvas: &canvas)
            case nil: break
            }
        }
        Chrome.renderOverlays(shell: state.shell, canvas: &canvas)
        canvas.cursor = state.shell.help == nil && state.shell.quitDialog == nil ? cursor : nil
    }
}
