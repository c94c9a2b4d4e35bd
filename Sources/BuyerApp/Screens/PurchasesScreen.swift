public import Foundation
public import MarketCore
import MarketUI
public import TerminalUI

/// The purchase history, one row per item bought, newest first, with thumbs up or down.
public struct PurchasesScreen: Sendable {
    /// Purchases fetched per page.
    public static let pageSize = 20

    /// One bought item of one purchase.
    public struct Row: Sendable, Hashable {
        public var purchaseID: Int64
        public var date: Date
        public var line: PurchaseLine
        /// The first line of its purchase (drawn with the date and number).
        public var isFirst: Bool
    }

    public var page: Page<Purchase>?
    /// Units the buyer has bought over all purchases, as the server counts them.
    public var itemsPurchased: Int?
    public var table = TableState()
    public var loadRequest: Int?
    public var offset = 0
    /// The line to select once the page on its way comes (the line just above the screenful it
    /// was fetched back from).
    public var selectAfterLoad: LinePlace?
    /// The number of orders the offset of the page on its way counts from, when that page is to
    /// hold the orders the offset names now (see `slidOffset(of:)`).
    public var loadCountedFrom: Int?

    /// A line of a purchase: the purchase and the line's place in it.
    public struct LinePlace: Sendable, Hashable {
        public var purchaseID: Int64
        public var line: Int
    }

    public init() {}

    public static func columns(timeZone: TimeZone) -> [TableColumn<Row>] {
        [
            // Orders placed in the same instant (or minute, as shown) in the order they were placed.
            .sorted("Date", width: .fixed(16), by: { When(date: $0.date, order: $0.purchaseID) }, style: { $0.isFirst ? nil : .muted }, text: { Format.date($0.date, timeZone: timeZone) }),
            // Orders are numbered in the order they were placed: sorted by Date.
            TableColumn("#", width: .fitting(minimum: 2, maximum: 10), alignment: .right, style: { $0.isFirst ? nil : .muted }, text: { "\($0.purchaseID)" }),
            .sorted("Item", width: .fitting(minimum: 4, maximum: 21), by: { $0.line.itemID }, text: { $0.line.itemID.description }),
            .sorted("Name", width: .flexible(minimum: 14, weight: 1), by: { Text.sortKey($0.line.name) }, text: { $0.line.name }),
            .sorted("Units", width: .fitting(minimum: 4, maximum: 10), alignment: .right, by: { $0.line.quantity }, text: { Format.count($0.line.quantity) }),
            .sorted("Unit price", width: .fitting(minimum: 5, maximum: 14), alignment: .right, by: { $0.line.unitPrice }, text: { Format.money($0.line.unitPrice) }).hidden(below: 90),
            .sorted("Paid", width: .fitting(minimum: 5, maximum: 20), alignment: .right, by: { $0.line.lineTotal }, text: { Format.money($0.line.lineTotal) }),
            .sorted("Feedback", width: .fixed(9), by: { $0.line.feedback?.rawValue ?? "" }, style: { row in
                switch row.line.feedback {
                case .up?: .positive
                case .down?: .negative
                case nil: .muted
                }
            }, text: { row in
                switch row.line.feedback {
                case .up?: "👍 up"
                case .down?: "👎 down"
                case nil: "+ / -"
                }
            }),
        ]
    }

    /// When an order was placed, for sorting: its time, then its number.
    private struct When: Comparable, Sendable {
        var date: Date
        var order: Int64
        static func < (left: When, right: When) -> Bool { (left.date, left.order) < (right.date, right.order) }
    }

    public static func table(timeZone: TimeZone) -> Table<Row> {
        // In history order, newest first: by date.
        Table(columns: self.columns(timeZone: timeZone), emptyMessage: "No purchases yet — check out a cart and it shows here", naturalOrder: .init(column: 0, ascending: false))
    }

    /// Where to fetch purchases from to show the screenful after (or before) the one in view, in
    /// history order, and the table that shows it once they come. Purchases come a page at a time
    /// but are shown a line each, so forward the page starts with the purchase of the first line
    /// not yet seen (its lines already seen stay just above the screen); back it ends with the
    /// purchase of the line just above the screen, which is selected at the bottom.
    public func adjacentScreen(forward: Bool, visibleRows: Int) -> (offset: Int, table: TableState, select: LinePlace?) {
        let page = self.page ?? Page(items: [], offset: self.offset, limit: Self.pageSize, total: 0)
        let rows = self.allRows
        // The first row of each purchase on this page.
        var starts: [Int] = []
        var row = 0
        for purchase in page.items {
            starts.append(row)
            row += purchase.lines.count
        }
        func purchase(of row: Int) -> Int { (starts.lastIndex { $0 <= row }) ?? 0 }
        if forward {
            let unseen = min(self.table.offset + max(1, visibleRows), rows.count)
            guard unseen < rows.count else { return (page.offset + page.items.count, self.table.keepingSort(), nil) }
            let first = purchase(of: unseen)
            let skipped = unseen - starts[first]
            return (page.offset + first, TableState(selection: skipped, offset: skipped), nil)
        }
        let above = self.table.offset - 1
        guard above >= 0 else { return (max(0, page.offset - Self.pageSize), self.table.startingAtEnd(), nil) }
        let last = purchase(of: above)
        // Found again once the page comes (purchases before this page come first in it).
        return (max(0, page.offset + last + 1 - Self.pageSize), TableState(), LinePlace(purchaseID: page.items[last].id, line: above - starts[last]))
    }

    /// Every bought item on this page, in history order.
    public var allRows: [Row] {
        guard let page = self.page else { return [] }
        return page.items.flatMap { purchase in
            purchase.lines.enumerated().map { Row(purchaseID: purchase.id, date: purchase.purchasedAt, line: $0.element, isFirst: $0.offset == 0) }
        }
    }

    public func rows(timeZone: TimeZone) -> [Row] { Self.table(timeZone: timeZone).sorted(self.allRows, by: self.table) }

    public func selected(timeZone: TimeZone) -> Row? {
        let rows = self.rows(timeZone: timeZone)
        return rows.indices.contains(self.table.selection) ? rows[self.table.selection] : nil
    }

    public mutating func loaded(_ history: PurchaseHistory, visibleRows: Int) {
        self.page = history.purchases
        self.itemsPurchased = history.itemsPurchased
        self.offset = history.purchases.offset
        self.loadRequest = nil
        let rows = self.allRows
        // A purchase's lines are rows one after another.
        if let place = self.selectAfterLoad, let first = rows.firstIndex(where: { $0.purchaseID == place.purchaseID }) {
            self.table.selection = first + place.line
        }
        self.selectAfterLoad = nil
        self.table.clamp(rowCount: rows.count, visibleRows: visibleRows)
    }

    /// Orders are only ever added, and the newest come first: if some were made since the offset
    /// of the page that came was counted (in another session), that page slid down the history by
    /// as many, and the orders meant are that much further on. Nil when the page is the one meant.
    public func slidOffset(of history: PurchaseHistory) -> Int? {
        guard let counted = self.loadCountedFrom, history.purchases.total > counted else { return nil }
        return history.purchases.offset + history.purchases.total - counted
    }

    /// A vote was recorded: show it on every line of that item. In a table sorted by feedback the
    /// row moves, and the selection moves with it; if it is still on the item just rated, it goes
    /// on to the next line still to be rated (below, else from the top), so a whole page is rated
    /// with `+`/`-` and Enter alone.
    public mutating func recorded(_ vote: Vote, for item: ItemID, timeZone: TimeZone, visibleRows: Int) {
        guard var page = self.page else { return }
        let selected = self.selected(timeZone: timeZone)
        for purchase in page.items.indices {
            for line in page.items[purchase].lines.indices where page.items[purchase].lines[line].itemID == item {
                page.items[purchase].lines[line].feedback = vote
            }
        }
        self.page = page
        self.reselect(selected, timeZone: timeZone, visibleRows: visibleRows)
        guard selected?.line.itemID == item else { return }
        let rows = self.rows(timeZone: timeZone)
        let below = rows.indices.first { $0 > self.table.selection && rows[$0].line.feedback == nil }
        if let next = below ?? rows.indices.first(where: { rows[$0].line.feedback == nil }) {
            self.table.select(next, rowCount: rows.count, visibleRows: visibleRows)
        }
    }

    /// Selects `row` (the same line of the same purchase) where it is now, after the rows changed
    /// order.
    public mutating func reselect(_ row: Row?, timeZone: TimeZone, visibleRows: Int) {
        self.table.select(
            firstOf: self.rows(timeZone: timeZone), where: { $0.purchaseID == row?.purchaseID && $0.line.itemID == row?.line.itemID },
            visibleRows: visibleRows
        )
    }

    public var hasNextPage: Bool { self.page?.hasMore ?? false }
    /// Whether rows come before the page at hand (`[` fetches them).
    public var hasPreviousPage: Bool { (self.page?.offset ?? 0) > 0 }

    /// The units bought in all, then which orders this page holds, e.g. "12 units purchased ·
    /// orders 1–20 of 31": pages are of orders, and a row is one item of an order, so the rows
    /// outnumber them.
    public func position(visibleRows: Int) -> String? {
        guard let page = self.page else { return nil }
        let bought = self.itemsPurchased.map { "\(Format.units($0)) purchased · " } ?? ""
        guard !page.items.isEmpty else { return bought + "0 orders" }
        var first = page.offset + 1
        var last = page.offset + page.items.count
        // In history order, the orders on screen (a screenful holds fewer than a page).
        let rows = self.allRows
        if self.table.sortColumn == nil, !rows.isEmpty {
            let top = min(max(0, self.table.offset), rows.count - 1)
            let bottom = max(top, min(rows.count, top + max(1, visibleRows)) - 1)
            let orders = page.items.map(\.id)
            if let above = orders.firstIndex(of: rows[top].purchaseID), let below = orders.firstIndex(of: rows[bottom].purchaseID) {
                first = page.offset + above + 1
                last = page.offset + below + 1
            }
        }
        let range = first == last ? Format.count(first) : "\(Format.count(first))–\(Format.count(last))"
        let sorted = self.table.sortedPageNote(rowCount: page.items.count, total: page.total)
        return bought + sorted + "\(page.total == 1 ? "order" : "orders") \(range) of \(Format.count(page.total))"
    }

    public func render(in content: Rect, timeZone: TimeZone, canvas: inout Canvas, focused: Bool) {
        let table = Self.table(timeZone: timeZone)
        table.render(self.rows(timeZone: timeZone), state: self.table, in: content, canvas: &canvas, focused: focused)
        if self.page == nil {
            canvas.write(self.loadRequest == nil ? "Purchases not loaded — press r to try again" : "Loading your purchases…",
                in: Rect(x: content.x, y: content.y + max(1, content.height / 2 - 1), width: content.width, height: 1), style: .muted, alignment: .center)
        }
    }
}
