public import MarketCore
import MarketUI
public import TerminalUI

/// Which of the seller's items a list shows and in what order: what a page request asks the
/// server for, and what the page on screen was listed by.
public struct ItemListing: Sendable, Hashable {
    /// Only the items this finds (`nil`: every item).
    public var find: ItemFind?
    /// `nil`: newest first.
    public var order: ItemOrder?

    public init(find: ItemFind? = nil, order: ItemOrder? = nil) {
        self.find = find
        self.order = order
    }

    /// Every item, newest first.
    public static let all = ItemListing()
}

/// "My items": the seller's items in a sortable table, a page at a time, with the rating strip
/// above it.
///
/// The server sorts the whole list before cutting it into pages (``ItemOrder``), so sorting by a
/// column shows the first page of the list in that order. The rows at hand are sorted here as
/// well, in the same order: at once, while the server's page is on its way, and after a price or
/// units change moved a row.
public struct ItemsScreen: Sendable {
    /// Items fetched per page.
    public static let pageSize = 100

    /// The page on screen; kept while reloading or offline, so nothing disappears.
    public var page: Page<Item>?
    /// What the server listed the page on screen by.
    public var pageListing = ItemListing.all
    /// Offset of the page on screen (or being fetched).
    public var offset = 0
    public var table = TableState()
    /// The latest page request; results of older ones are ignored.
    public var loadRequest: Int?
    /// The fetch on its way was made for a wait's answer about a page no longer on show: it may
    /// bring a change made in another session, which the status line then names.
    public var loadFollowsNews = false
    /// The user's own changes answered when the fetch on its way was sent
    /// (``SellerState/changesAnswered``): one answered before it arrives may be newer than it.
    public var loadChangesAnswered = 0
    /// What the latest page request asked for.
    public var loadListing = ItemListing.all
    /// Select this item once the next page arrives (a newly registered one).
    public var selectAfterLoad: ItemID?
    /// What the list is narrowed to (`/`): only the items it finds, on the server.
    public var find: ItemFind?
    /// The find bar while it is being typed in (`/`): keys go to it until Enter or Esc.
    public var findField: TextField?
    /// The market's category names, which the Category column shows beside the numbers.
    public var categories: CategoryNames

    public init(categories: CategoryNames = .none) {
        self.categories = categories
    }

    public static let columns: [TableColumn<Item>] = [
        .sorted("ID", width: .fitting(minimum: 6, maximum: 21), by: { $0.id }, text: { $0.id.description }),
        .sorted("Name", width: .flexible(minimum: 14, weight: 1), by: { Text.sortKey($0.name) }, text: { $0.name }),
        .sorted("Category", width: .fitting(minimum: 4, maximum: 12), alignment: .right, by: { $0.id.category }, text: { $0.id.category.description }).hidden(below: 90),
        .sorted("Condition", width: .fixed(9), by: { $0.condition.rawValue }, text: { $0.condition.description }),
        .sorted("Price", width: .fitting(minimum: 8, maximum: 14), alignment: .right, by: { $0.price }, text: { Format.money($0.price) }),
        .sorted("Units", width: .fitting(minimum: 5, maximum: 10), alignment: .right, by: { $0.quantity }, style: { $0.quantity == 0 ? .warning : nil }, text: { Format.count($0.quantity) }),
        .sorted("👍", width: .fitting(minimum: 3, maximum: 8), alignment: .right, by: { $0.rating.thumbsUp }, style: { _ in .positive }, text: { Format.count($0.rating.thumbsUp) }).descendingFirst(),
        .sorted("👎", width: .fitting(minimum: 3, maximum: 8), alignment: .right, by: { $0.rating.thumbsDown }, style: { _ in .negative }, text: { Format.count($0.rating.thumbsDown) }),
    ]

    /// Equal rows in the server's order (`SellerItemsInOrder`): by item number, in the sort's
    /// direction.
    public static let table = Table<Item>(columns: columns, emptyMessage: "No items yet — press n to register one", tieBreak: { $0.id.number < $1.id.number })

    /// The table as drawn and clicked: ``table`` with the categories named, where the market
    /// names them ("3 Home & kitchen").
    public var itemsTable: Table<Item> {
        guard self.categories != .none else { return Self.table }
        var table = Self.table
        let categories = self.categories
        table.columns[Self.categoryColumn].text = { categories.label(of: $0.id.category) }
        table.columns[Self.categoryColumn].alignment = .left
        table.columns[Self.categoryColumn].width = .fitting(minimum: 8, maximum: 20)
        return table
    }

    static let categoryColumn = 2

    /// The server's sort key for each column of ``columns``.
    static let orderKeys: [ItemOrder.Key] = [.id, .name, .category, .condition, .price, .units, .thumbsUp, .thumbsDown]

    /// The order the table's sort column asks the server for (`nil`: unsorted, newest first).
    public var order: ItemOrder? {
        guard let column = self.table.sortColumn, Self.orderKeys.indices.contains(column) else { return nil }
        return ItemOrder(Self.orderKeys[column], descending: !self.table.sortAscending)
    }

    /// What the user asks to see: the find and the table's order.
    public var listing: ItemListing { ItemListing(find: self.find, order: self.order) }

    /// Whether the page on screen is all there is, so sorting it here sorts the whole list.
    public var isWholeList: Bool { self.page?.isWhole ?? false }

    /// The page's items in the chosen order.
    public var rows: [Item] { Self.table.sorted(self.page?.items ?? [], by: self.table) }

    public var selected: Item? {
        let rows = self.rows
        return rows.indices.contains(self.table.selection) ? rows[self.table.selection] : nil
    }

    public var hasNextPage: Bool { self.page?.hasMore ?? false }

    /// A page arrived.
    public mutating func loaded(_ page: Page<Item>, visibleRows: Int) {
        // The same page again keeps its selected item; another page (turned to, or fetched for
        // Home or End) comes with the table set for it, whose selection is a row, not an item.
        let previous = self.page?.offset == page.offset ? self.selected?.id : nil
        self.page = page
        self.pageListing = self.loadListing
        self.offset = page.offset
        self.loadRequest = nil
        let rows = self.rows
        let wanted = self.selectAfterLoad ?? previous
        if !self.table.select(firstOf: rows, where: { $0.id == wanted }, visibleRows: visibleRows) {
            self.table.clamp(rowCount: rows.count, visibleRows: visibleRows)
        }
        self.selectAfterLoad = nil
    }

    /// One item changed (price, units): update it in place. In a table sorted by what changed the
    /// row moves, and the selection moves with it.
    public mutating func replace(_ item: Item, visibleRows: Int) {
        guard var page = self.page, let index = page.items.firstIndex(where: { $0.id == item.id }) else { return }
        let selected = self.selected?.id
        page.items[index] = item
        self.page = page
        self.table.select(firstOf: self.rows, where: { $0.id == selected }, visibleRows: visibleRows)
    }

    /// "1–20 of 36" for the rows in view.
    public func position(visibleRows: Int) -> String? {
        guard let page = self.page else { return nil }
        return self.table.positionText(
            visibleRows: visibleRows, rowCount: page.items.count, base: page.offset, total: page.total, totalIsExact: page.totalIsExact,
            wholeListSorted: self.pageListing.order == self.order
        )
    }

    /// `/`: type what to find, starting from what is found now.
    public mutating func beginFinding() {
        var field = TextField(self.find?.text ?? "", maximumLength: FieldRules.find.maximumLength + 16)
        field.isSelected = self.find != nil
        self.findField = field
    }

    /// Enter in the find bar: what it holds, checked (`nil` text for every item), or the problem.
    public var typedFind: Result<ItemFind?, FieldError> {
        let text = Text.trimmingWhitespace(self.findField?.text ?? "")
        guard !text.isEmpty else { return .success(nil) }
        do { return .success(try ItemFind(text)) } catch { return .failure(error) }
    }

    /// The table's area within the content area (the rating strip takes the first row).
    public static func tableArea(in content: Rect) -> Rect {
        Rect(x: content.x, y: content.y + 1, width: content.width, height: content.height - 1)
    }

    /// Draws the strip, or the find bar while it is typed in, and the table; returns the cursor
    /// while typing.
    @discardableResult
    public func render(in content: Rect, rating: SellerRating?, canvas: inout Canvas, focused: Bool) -> Point? {
        let area = Self.tableArea(in: content)
        if let field = self.findField {
            let label = " Find "
            let x = content.x + canvas.write(label, x: content.x, y: content.y, style: .accent)
            let width = min(34, max(10, content.width - DisplayWidth.of(label) - 2))
            let cursor = field.render(in: Rect(x: x, y: content.y, width: width, height: 1), canvas: &canvas, focused: focused, placeholder: "name or keyword; empty shows all")
            let after = x + width + 2
            let note: Span
            if case .failure(let problem) = self.typedFind { note = Span("✗ " + problem.message, .error) } else { note = Span("Enter finds · Esc cancels", .muted) }
            canvas.write(spans: [note], x: after, y: content.y, limit: max(0, content.maxX - after))
            self.renderTable(in: area, canvas: &canvas, focused: false)
            return cursor
        }
        var strip: [Span] = [Span(" ")]
        if let rating {
            strip += Format.ratingSpans(rating.rating)
            strip += [Span("  ·  ", .muted), Span(Format.units(rating.itemsSold) + " sold", .accent)]
        } else {
            strip.append(Span("Rating not loaded yet", .muted))
        }
        if let page = self.page {
            // (With a find, the footer says / changes it and Esc shows all.)
            strip += [Span("  ·  ", .muted)] + (self.pageListing.find.map { find in
                [Span(page.total == 1 ? "1 item matches " : "\(Format.count(page.total)) items match ", .normal), Span(Format.quoted(find.text), .accent)]
            } ?? [Span("\(Format.count(page.total)) item\(page.total == 1 ? "" : "s") listed", .normal)])
            // Screenfuls are fetched from any row, so there are no page numbers: the status line
            // says which rows are in view.
            if page.offset > 0 || page.hasMore {
                strip += [Span("  ·  ", .muted), Span("[ ] page through them", .muted)]
            }
        }
        canvas.write(spans: strip, x: content.x, y: content.y, limit: content.width)
        self.renderTable(in: area, canvas: &canvas, focused: focused)
        return nil
    }

    private func renderTable(in area: Rect, canvas: inout Canvas, focused: Bool) {
        let middle = Rect(x: area.x, y: area.y + max(1, area.height / 2 - 1), width: area.width, height: 1)
        guard let page = self.page else {
            self.itemsTable.render([], state: self.table, in: area, canvas: &canvas)
            canvas.write(self.loadRequest == nil ? "Items not loaded — press r to try again" : "Loading your items…", in: middle, style: .muted, alignment: .center)
            return
        }
        if page.items.isEmpty, let find = self.pageListing.find {
            self.itemsTable.render([], state: self.table, in: area, canvas: &canvas)
            canvas.write("No item has words holding \(Format.quoted(find.text)) — Esc shows all", in: middle, style: .muted, alignment: .center)
            return
        }
        self.itemsTable.render(self.rows, state: self.table, in: area, canvas: &canvas, focused: focused)
    }
}

extension Page<Item> {
    /// The items of `newer` (a page fetched again) that this page holds too and that `differ`
    /// from their row here.
    func changed(in newer: Page<Item>, where differ: (_ was: Item, _ now: Item) -> Bool) -> [Item] {
        let was = Dictionary(self.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return newer.items.filter { now in was[now.id].map { differ($0, now) } ?? false }
    }
}
