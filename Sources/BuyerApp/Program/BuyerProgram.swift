public import Logging
public import MarketClient
import MarketCore
public import MarketUI
import TerminalUI

/// The buyer storefront as a ``ClientProgram``: pure `update` and `render` over ``BuyerState``,
/// and `perform` carrying out ``BuyerCommand``s with a ``BuyerClient``.
public struct BuyerProgram: ClientProgram {
    public let client: BuyerClient
    public let logger: Logger

    public init(client: BuyerClient, logger: Logger = Logger(label: "market.buyer-client")) {
        self.client = client
        self.logger = logger
    }

    public func relayout(_ state: inout BuyerState) {
        self.clampTables(&state)
    }

    /// The area of the current view's table.
    static func tableArea(_ state: BuyerState, view: BuyerView? = nil) -> Rect {
        let content = Chrome.contentArea(state.shell.size)
        switch view ?? state.view {
        case .search: return SearchScreen.tableArea(in: content)
        case .cart: return CartScreen.tableArea(in: content)
        case .purchases: return content
        }
    }

    static func visibleRows(_ state: BuyerState, view: BuyerView? = nil) -> Int {
        max(1, self.tableArea(state, view: view).height - 1)
    }

    func clampTables(_ state: inout BuyerState) {
        state.search.table.clamp(rowCount: state.search.rows.count, visibleRows: Self.visibleRows(state, view: .search))
        state.cart.table.clamp(rowCount: state.cart.rows.count, visibleRows: Self.visibleRows(state, view: .cart))
        state.purchases.table.clamp(rowCount: state.purchases.allRows.count, visibleRows: Self.visibleRows(state, view: .purchases))
    }
}
