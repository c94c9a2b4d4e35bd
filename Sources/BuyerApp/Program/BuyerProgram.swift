public import Logging
public import MarketClient
import MarketCore
import MarketUI
public import TerminalUI

/// The buyer storefront as a ``Program``: pure `update` and `render` over ``BuyerState``, and
/// `perform` carrying out ``BuyerCommand``s with a ``BuyerClient``.
public struct BuyerProgram: Program {
    public let client: BuyerClient
    let logger: Logger

    public init(client: BuyerClient, logger: Logger = Logger(label: "market.buyer-client")) {
        self.client = client
        self.logger = logger
    }

    public func start(_ state: inout BuyerState) -> [BuyerCommand] { [.connect] }

    /// Closing the connection makes requests still in flight fail at once, so quitting is
    /// immediate even while the server is slow or away.
    public func shutdown() {
        self.client.client.close()
    }

    public func subscriptions() -> [AsyncStream<BuyerMessage>] {
        [ConnectionFeed.messages(from: self.client.client) { .connection($0) }]
    }

    public func update(_ state: inout BuyerState, _ event: ProgramEvent<BuyerMessage>) -> [BuyerCommand] {
        switch event {
        case .resize(let size):
            state.shell.size = size
            self.clampTables(&state)
            return []
        case .tick:
            state.shell.tick += 1
            return []
        case .hangup:
            state.shell.isFinished = true
            return []
        case .message(let message):
            return self.receive(message, &state)
        case .key(let key):
            return self.press(key, &state)
        case .mouse(let mouse):
            return self.click(mouse, &state)
        }
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
