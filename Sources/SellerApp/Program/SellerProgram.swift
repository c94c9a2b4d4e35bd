public import Logging
public import MarketClient
import MarketCore
import MarketUI
public import TerminalUI

/// The seller dashboard as a ``Program``: pure `update` and `render` over ``SellerState``, and
/// `perform` carrying out ``SellerCommand``s with a ``SellerClient``.
public struct SellerProgram: Program {
    public let client: SellerClient
    let logger: Logger

    public init(client: SellerClient, logger: Logger = Logger(label: "market.seller-client")) {
        self.client = client
        self.logger = logger
    }

    public func start(_ state: inout SellerState) -> [SellerCommand] { [.connect] }

    /// Closing the connection makes requests still in flight fail at once, so quitting is
    /// immediate even while the server is slow or away.
    public func shutdown() {
        self.client.client.close()
    }

    public func subscriptions() -> [AsyncStream<SellerMessage>] {
        [ConnectionFeed.messages(from: self.client.client) { .connection($0) }]
    }

    public func update(_ state: inout SellerState, _ event: ProgramEvent<SellerMessage>) -> [SellerCommand] {
        switch event {
        case .resize(let size):
            state.shell.size = size
            state.items.table.clamp(rowCount: state.items.rows.count, visibleRows: Self.visibleRows(state))
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

    /// Rows of the items table that fit on screen now.
    static func visibleRows(_ state: SellerState) -> Int {
        Table<Item>.visibleRows(in: ItemsScreen.tableArea(in: Chrome.contentArea(state.shell.size)))
    }
}
