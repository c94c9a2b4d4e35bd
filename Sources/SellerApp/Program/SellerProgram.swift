public import Logging
public import MarketClient
import MarketCore
public import MarketUI
import TerminalUI

/// The seller dashboard as a ``ClientProgram``: pure `update` and `render` over ``SellerState``,
/// and `perform` carrying out ``SellerCommand``s with a ``SellerClient``.
public struct SellerProgram: ClientProgram {
    public let client: SellerClient
    public let logger: Logger
    /// The time of day ("10:43"), for saying when news came.
    public let timeOfDay: @Sendable () -> String

    /// - Parameter timeOfDay: the clock news is stamped with; the local time by default.
    public init(client: SellerClient, logger: Logger = Logger(label: "market.seller-client"), timeOfDay: (@Sendable () -> String)? = nil) {
        self.client = client
        self.logger = logger
        self.timeOfDay = timeOfDay ?? { Format.timeOfDay() }
    }

    public func relayout(_ state: inout SellerState) {
        state.items.table.clamp(rowCount: state.items.rows.count, visibleRows: Self.visibleRows(state))
    }

    /// Rows of the items table that fit on screen now.
    public static func visibleRows(_ state: SellerState) -> Int {
        Table<Item>.visibleRows(in: ItemsScreen.tableArea(in: Chrome.contentArea(state.shell.size)))
    }

    /// How wide the items table is: `s` steps through the sortable columns shown at this width.
    static func tableWidth(_ state: SellerState) -> Int {
        ItemsScreen.tableArea(in: Chrome.contentArea(state.shell.size)).width
    }
}
