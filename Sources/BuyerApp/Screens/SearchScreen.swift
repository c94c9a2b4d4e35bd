public import MarketCore
import MarketUI
public import TerminalUI

/// The search bar (category or any, keywords) over the ranked results, a page at a time.
public struct SearchScreen: Sendable {
    /// Results fetched per page.
    public static let pageSize = 50

    public var bar: Form
    /// Typing goes to the search bar (instead of moving through the results). Off at first, so
    /// the keys work as in htop or less until / opens the bar.
    public var isEditing = false
    /// While editing: the view the bar was opened from with `/`, which Esc returns to.
    public var openedFrom: BuyerView?
    /// The search the results are for.
    public var query: SearchQuery?
    /// The page on screen; kept while loading the next or while offline.
    public var page: Page<SearchHit>?
    public var table = TableState()
    public var loadRequest: Int?
    /// The search on its way, which the bar shows (with "Searching…" under it) until it comes.
    public var pendingQuery: SearchQuery?
    /// The row to select in the page on its way (at the bottom of the screen), when not the
    /// first: the row just above the screenful it was fetched back from.
    public var startRow: Int?
    /// A new search that got no answer (the server away or stalled), not a refusal: the next
    /// refresh runs it rather than the search on show, which the user had moved on from.
    public var unanswered: SearchQuery?
    /// A search of one word that found nothing (`typed`), made again with the word in its other
    /// number (`retry`: "sock" → "socks"), whose answer is on its way.
    public var otherNumber: (typed: SearchQuery, retry: SearchQuery)?
    /// The order the server listed the page on screen in (`nil`: its ranking).
    public var pageOrder: ItemOrder?
    /// The order the latest search request asked for.
    public var loadOrder: ItemOrder?
    /// The market's category names: the bar reads a category typed as a name, and says which
    /// one a search is in.
    public private(set) var categories: CategoryNames
    /// ↓ and ↑ stepping through the category list under the bar.
    var picking = CategoryPicking()

    public init(categories: CategoryNames = .none) {
        self.categories = categories
        self.bar = Form([])
        self.bar = self.bar(for: nil)
    }

    /// The names came: the bar reads them from now on, and one being typed is checked again.
    public mutating func name(_ categories: CategoryNames) {
        self.categories = categories
        self.validate()
    }

    /// The bar describing `query` (empty for none), with the focus on the keywords, and a named
    /// category written as its name (``CategoryNames/text(for:)``).
    func bar(for query: SearchQuery?) -> Form {
        var category = ""
        if case .only(let value)? = query?.category { category = self.categories.text(for: value) }
        var bar = Form([
            FormField(id: "category", label: "Category", value: category, hint: "a number or a name; blank for any", maximumLength: 40),
            FormField(id: "keywords", label: "Keywords", value: query?.keywords.joined(separator: " ") ?? "", hint: "up to 5 words; blank lists everything", maximumLength: 200),
        ], focus: Self.keywordsField)
        bar.apply(problems: self.problems(in: bar))
        return bar
    }

    static let categoryField = 0
    static let keywordsField = 1

    /// The bar as drawn: what is being typed while editing, else the search on its way (said to
    /// be on its way under the bar), else the search whose results are shown. A search that was
    /// sent but failed leaves the results, and so the bar, as they were.
    public var shownBar: Form { self.isEditing ? self.bar : self.bar(for: self.pendingQuery ?? self.query) }

    /// `/`: edit the search on show, starting in the keywords. While a search is on its way
    /// the bar keeps it, so it can still be changed.
    /// - Parameter view: the view `/` was pressed in, which Esc goes back to (nil: this one).
    public mutating func beginEditing(from view: BuyerView? = nil) {
        if self.loadRequest == nil { self.bar = self.bar(for: self.query) }
        self.bar.focus = Self.keywordsField
        self.isEditing = true
        self.picking.stop()
        self.openedFrom = view == .search ? nil : view
    }

    /// Esc (or ↓, or a click on the results): leave the bar without searching, so what was typed
    /// is dropped and the bar shows the search on show again.
    public mutating func endEditing() {
        self.isEditing = false
        self.picking.stop()
        self.openedFrom = nil
        self.unanswered = nil
        self.bar = self.bar(for: self.query)
    }

    public static let columns: [TableColumn<SearchHit>] = [
        // The position in the server's list: in its ranking, the rank. Its title goes back to it.
        // As wide when it reads "#" (sorted by another column) as when it reads "Rank▲", so the
        // columns do not jump as a sort comes and goes.
        TableColumn("Rank", width: .fitting(minimum: 5, maximum: 6), alignment: .right, ascending: nil) { _ in "" }.arrivalOrder(),
        .sorted("Item", width: .fitting(minimum: 6, maximum: 21), by: { $0.item.id }, text: { $0.item.id.description }),
        .sorted("Name", width: .flexible(minimum: 14, weight: 3), by: { Text.sortKey($0.item.name) }, text: { $0.item.name }),
        .sorted("Condition", width: .fixed(9), by: { $0.item.condition.rawValue }, text: { $0.item.condition.description }).hidden(below: 90),
        .sorted("Price", width: .fitting(minimum: 8, maximum: 14), alignment: .right, by: { $0.item.price }, text: { Format.money($0.item.price) }),
        // A row bought out since the search says so in words, as the item's box and the cart do.
        .sorted("On sale", width: .fitting(minimum: 4, maximum: 10), alignment: .right, by: { $0.item.quantity }, style: { $0.item.quantity == 0 ? .warning : nil },
                text: { $0.item.quantity == 0 ? "sold out" : Format.count($0.item.quantity) }),
        .sorted("Seller", width: .flexible(minimum: 10, weight: 2), by: { Text.sortKey($0.item.sellerName) }, text: { $0.item.sellerName }),
        .sorted("👍", width: .fitting(minimum: 3, maximum: 8), alignment: .right, by: { $0.item.rating.thumbsUp }, style: { _ in .positive }, text: { Format.count($0.item.rating.thumbsUp) }).descendingFirst(),
        .sorted("👎", width: .fitting(minimum: 3, maximum: 8), alignment: .right, by: { $0.item.rating.thumbsDown }, style: { _ in .negative }, text: { Format.count($0.item.rating.thumbsDown) }),
        // Not a sort of its own: the ranking puts the most matched keywords first. How many of
        // how many ("2/3") depends on the search: see ``resultsTable``.
        TableColumn("Match", width: .fixed(5), alignment: .right, ascending: nil) { _ in "" }.hidden(below: 100),
    ]

    /// The server's sort key for each column of ``columns`` (`nil`: its ranking).
    static let orderKeys: [ItemOrder.Key?] = [nil, .id, .name, .condition, .price, .units, .seller, .thumbsUp, .thumbsDown, nil]

    /// The order the table's sort column asks the server for (`nil`: its ranking).
    public var order: ItemOrder? {
        guard let column = self.table.sortColumn, Self.orderKeys.indices.contains(column), let key = Self.orderKeys[column] else { return nil }
        return ItemOrder(key, descending: !self.table.sortAscending)
    }

    /// Whether the page on screen is in the order the table shows, so that pages and screenfuls
    /// follow each other exactly; else it is sorted here while the server's page is on its way.
    public var isInServerOrder: Bool { self.pageOrder == self.order }

    /// Unsorted, the results come in the server's ranking: by rank.
    public static let table = Table<SearchHit>(
        columns: columns, emptyMessage: "No items match — try fewer or other keywords, or any category", naturalOrder: .init(column: 0, ascending: true)
    )

    /// The table as drawn, with the rank and match columns filled in: a rank depends on the
    /// page, and a match ("2/3": two of the three keywords) on the search, not on the hit alone.
    public var resultsTable: Table<SearchHit> {
        var table = Self.table
        let page = self.page
        // Sorted by the server, a position is not a rank.
        if self.pageOrder != nil { table.columns[0].title = "#" }
        table.columns[0].text = { hit in
            guard let page, let index = page.items.firstIndex(of: hit) else { return "" }
            return "\(page.offset + index + 1)"
        }
        // Listing without keywords, nothing is matched: the column goes.
        let keywords = self.query?.keywords.count ?? 0
        table.columns[Self.columns.count - 1].text = { hit in "\(hit.matchedKeywords)/\(keywords)" }
        table.columns[Self.columns.count - 1].isOmitted = keywords == 0
        return table
    }

    /// The page's hits in the chosen order: the server's, or sorted here until its page comes.
    public var rows: [SearchHit] {
        self.isInServerOrder ? self.page?.items ?? [] : Self.table.sorted(self.page?.items ?? [], by: self.table)
    }

    public var selected: SearchHit? {
        let rows = self.rows
        return rows.indices.contains(self.table.selection) ? rows[self.table.selection] : nil
    }

    /// The query the bar describes now, or `nil` while it has a problem.
    public var barQuery: SearchQuery? {
        guard self.bar.isValid, case .success(let category) = self.category(in: self.bar), let keywords = try? Self.keywords(in: self.bar) else { return nil }
        return SearchQuery(category: category, keywords: keywords)
    }

    /// The category typed in the bar: blank or "any" for any, else a number or a name.
    func category(in bar: Form) -> Result<CategoryFilter, FieldError> {
        let text = bar["category"]
        if Text.trimmingWhitespace(text).lowercased() == "any" { return .success(.any) }
        return self.categories.category(typed: text).map { $0.map(CategoryFilter.only) } ?? .success(.any)
    }

    /// The words typed in the bar, as search takes them. Text with no letters or digits at all
    /// (an emoji, "++") is refused rather than read as "no words", which would list everything.
    static func keywords(in bar: Form) throws(FieldError) -> [String] {
        let text = bar["keywords"]
        let words = FieldRules.splitSearchKeywords(text)
        let typed = Text.trimmingWhitespace(text)
        if words.isEmpty, !typed.isEmpty {
            throw FieldError(field: "keywords", message: "Search words are letters and digits; “\(typed.prefix(20))” has none.")
        }
        return try FieldRules.validateSearchKeywords(words)
    }

    public mutating func validate() {
        self.bar.apply(problems: self.problems(in: self.bar))
    }

    func problems(in bar: Form) -> [String: String] {
        var problems: [String: String] = [:]
        if case .failure(let problem) = self.category(in: bar) { problems["category"] = problem.message }
        do { _ = try Self.keywords(in: bar) } catch {
            problems["keywords"] = error.message
        }
        return problems
    }

    /// An empty page of the search on show came from past the page on show, which was full and
    /// so looked like it had more: that page was the last. It stays, now known to end the
    /// results, and the load is over. Returns false (changing nothing) for any other page.
    public mutating func endedBefore(_ page: Page<SearchHit>, query: SearchQuery) -> Bool {
        guard page.items.isEmpty, page.offset > 0, query == self.query, var shown = self.page, shown.offset < page.offset else { return false }
        shown.total = shown.offset + shown.items.count
        shown.totalIsExact = true
        self.page = shown
        self.loadRequest = nil
        self.pendingQuery = nil
        return true
    }

    /// Results arrived.
    public mutating func loaded(_ page: Page<SearchHit>, query: SearchQuery, visibleRows: Int) {
        // The same rows again (a refresh) keep the selection; in another order the list starts
        // from its top.
        let sameSearch = self.query == query && self.page?.offset == page.offset && self.pageOrder == self.loadOrder
        // A new search comes in its ranking: a sort chosen for the last one would put something
        // else than the best match under the cursor (and under `a`).
        if self.query != query { self.table = TableState() }
        let previous = self.selected?.item.id
        self.query = query
        self.page = page
        self.pageOrder = self.loadOrder
        self.loadRequest = nil
        self.pendingQuery = nil
        let rows = self.rows
        let kept = sameSearch && self.table.select(firstOf: rows, where: { $0.item.id == previous }, visibleRows: visibleRows)
        if !kept {
            self.table = self.startRow.map { self.table.selecting($0) } ?? self.table.keepingSort()
            self.table.clamp(rowCount: rows.count, visibleRows: visibleRows)
        }
        self.startRow = nil
        if query == self.unanswered {
            // The search typed before the server went away has its answer: the bar is done.
            self.unanswered = nil
            if self.isEditing, self.barQuery == query { self.isEditing = false }
        }
    }

    /// An item's units or rating changed: update it wherever it shows. In a table sorted by what
    /// changed the row moves, and the selection moves with it.
    public mutating func replace(_ item: Item, visibleRows: Int) {
        guard var page = self.page, let index = page.items.firstIndex(where: { $0.item.id == item.id }) else { return }
        let selected = self.selected?.item.id
        page.items[index].item = item
        self.page = page
        self.table.select(firstOf: self.rows, where: { $0.item.id == selected }, visibleRows: visibleRows)
    }

    /// The price and the units on sale of an item, learned elsewhere (the cart), on its row.
    public mutating func update(_ item: ItemID, price: Money, onSale: Int) {
        guard var page = self.page, let index = page.items.firstIndex(where: { $0.item.id == item }) else { return }
        guard page.items[index].item.price != price || page.items[index].item.quantity != onSale else { return }
        page.items[index].item.price = price
        page.items[index].item.quantity = onSale
        self.page = page
    }

    public var hasNextPage: Bool { self.page?.hasMore ?? false }
    /// Whether rows come before the page at hand (`[` fetches them).
    public var hasPreviousPage: Bool { (self.page?.offset ?? 0) > 0 }

    /// The order the rows are in: the ranking, or a column's (of the best matches only, when
    /// there are more than the server sorts).
    /// `short`: said in fewer words, for a narrow line.
    func orderDescription(of query: SearchQuery, short: Bool = false) -> String {
        let ranked = query.keywords.isEmpty ? "newest first" : short ? "best match first" : "best match first, then newest"
        guard let column = self.table.sortColumn, Self.columns.indices.contains(column) else { return ranked }
        let title = Self.columns[column].title.lowercased()
        let sorted = "sorted by \(title) \(self.table.sortAscending ? "▲" : "▼")"
        return sorted
    }

    /// Whether the rows are the best (or, for no keywords, the newest) matches the server sorts,
    /// which may be fewer than match.
    private var isSortedWindow: Bool {
        guard self.pageOrder != nil, let page = self.page else { return false }
        return page.total >= Paging.sortedSearchWindow
    }

    public func position(visibleRows: Int) -> String? {
        guard let page = self.page else { return nil }
        return self.table.positionText(
            visibleRows: visibleRows, rowCount: page.items.count, base: page.offset, total: page.total, totalIsExact: page.totalIsExact,
            wholeListSorted: self.isInServerOrder
        )
    }

    /// The results table's area within the content area (the bar takes three rows).
    public static func tableArea(in content: Rect) -> Rect {
        Rect(x: content.x, y: content.y + 3, width: content.width, height: content.height - 3)
    }

    /// Where each field of the bar goes on the content's first row: its label's column and its input.
    private static func barLayout(of bar: Form, in content: Rect) -> [(label: Int, input: Rect)] {
        var x = content.x + 1
        return bar.fields.map { field in
            let label = x
            x += DisplayWidth.of(field.label + " ")
            let width = field.id == "category" ? (content.width >= 100 ? 20 : 15) : min(44, max(16, content.maxX - x - 30))
            defer { x += width + 3 }
            return (label, Rect(x: x, y: content.y, width: width, height: 1))
        }
    }

    /// A click at `point` on the bar: starts editing (if not already) with the focus on the
    /// field under the click, or on the keywords when it is on neither field.
    public mutating func click(at point: Point, in content: Rect) {
        if !self.isEditing { self.beginEditing() }
        let fields = Self.barLayout(of: self.bar, in: content)
        if let index = fields.firstIndex(where: { point.x >= $0.label && point.x < $0.input.maxX }) {
            self.bar.focus(on: index)
            let input = fields[index].input
            if point.x >= input.x { self.bar.fields[index].input.click(atColumn: point.x - input.x, width: input.width) }
        }
    }

    /// Under the bar while the category is typed in: which category the text reads as, or the
    /// names to choose from.
    func categoryNote(for bar: Form) -> [Span] {
        switch self.category(in: bar) {
        case .success(.any):
            return [Span(self.categories == .none ? "Any category — or type one's number" : "Any category — or type a number or a name from the list below", .muted)]
        case .success(.only(let category)):
            return [Span("In ", .muted), Span(self.categories.label(of: category), .accent)] + (self.categories.name(of: category) == nil ? [Span(" (a category without a name)", .muted)] : [])
        case .failure(let problem):
            return [Span(problem.message, .muted)]
        }
    }

    /// Draws the bar and the results; returns the cursor while editing.
    @discardableResult
    public func render(in content: Rect, canvas: inout Canvas, focused: Bool) -> Point? {
        var cursor: Point?
        let y = content.y
        let bar = self.shownBar
        let layout = Self.barLayout(of: bar, in: content)
        for (index, (field, span)) in zip(bar.fields, layout).enumerated() {
            let active = self.isEditing && focused && index == bar.focus
            canvas.write(field.label + " ", x: span.label, y: y, style: active ? .accent : .muted)
            let point = field.input.render(in: span.input, canvas: &canvas, focused: active, placeholder: field.id == "category" ? "any" : "all items")
            if active { cursor = point }
        }
        let x = layout.last.map { $0.input.maxX + 3 } ?? content.x + 1
        let back = self.openedFrom.map { "Esc back to " + $0.title.lowercased() } ?? "Esc to results"
        // Said shorter, or not at all, rather than cut where the bar leaves little room (the
        // footer says the same keys).
        let actions = self.isEditing ? ["Enter searches · " + back, "Enter searches"] : ["/ edits the search"]
        if let action = actions.first(where: { DisplayWidth.of($0) <= content.maxX - x }) {
            canvas.write(spans: [Span(action, .muted)], x: x, y: y, limit: content.maxX - x)
        }
        // Under the bar: what is wrong with it, or what is shown.
        let note = Rect(x: content.x + 1, y: y + 1, width: content.width - 2, height: 1)
        if let message = bar.fields.indices.lazy.compactMap({ bar.shownProblem(at: $0) }).first {
            canvas.write("✗ " + message, in: note, style: .error)
        } else if !self.isEditing, let pending = self.pendingQuery, pending != self.query {
            canvas.write(spans: [Span("Searching for ", .muted), Span(pending.summary(naming: self.categories), .accent), Span("…", .muted)], x: note.x, y: note.y, limit: note.width)
        } else if self.isEditing, focused, bar.focus == Self.categoryField {
            canvas.write(spans: self.categoryNote(for: bar), x: note.x, y: note.y, limit: note.width)
        } else if let query = self.query, let page = self.page {
            // An inexact total is one past where the server stopped counting.
            let total =
                if self.isSortedWindow { "the \(query.keywords.isEmpty ? "newest" : "best") \(Format.count(page.total))" } else if page.totalIsExact {
                    Format.count(page.total)
                } else {
                    "more than " + Format.count(page.total - 1)
                }
            let found = [Span("\(total) result\(page.total == 1 ? "" : "s") for ", .muted), Span(query.summary(naming: self.categories), .accent)]
            // No order to speak of for no results.
            let order = page.total == 0 ? [Span("")] : [false, true].map { Span(" · " + self.orderDescription(of: query, short: $0), .muted) }
            let fits = order.first { DisplayWidth.of((found + [$0]).map(\.text).joined()) <= note.width } ?? order[order.count - 1]
            canvas.write(spans: found + [fits], x: note.x, y: note.y, limit: note.width)
        } else if self.isEditing, focused {
            canvas.write(bar.fields[bar.focus].hint ?? "", in: note, style: .muted)
        }
        let area = Self.tableArea(in: content)
        if self.page == nil {
            Self.table.render([], state: self.table, in: area, canvas: &canvas)
            let message = self.loadRequest != nil ? "Searching…" : "Press / and type keywords, then Enter — or Enter alone to browse everything."
            canvas.write(message, in: Rect(x: area.x, y: area.y + max(1, area.height / 2 - 1), width: area.width, height: 1), style: .muted, alignment: .center)
        } else {
            self.resultsTable.render(self.rows, state: self.table, in: area, canvas: &canvas, focused: focused && !self.isEditing)
        }
        if focused { self.categoryList(in: content)?.render(canvas: &canvas) }
        return cursor
    }

    /// While the category is typed in, the names that fit it, over the results.
    func categoryList(in content: Rect) -> CategoryList? {
        guard self.isEditing, !self.picking.isClosed, self.bar.focus == Self.categoryField, let field = Self.barLayout(of: self.bar, in: content).first else { return nil }
        let text = self.bar["category"]
        return CategoryList(self.categories, typed: self.picking.listText(field: text, names: self.categories), field: text, at: Point(x: field.input.x, y: content.y + 2), within: content)
    }

    /// ↓ or ↑ on the category field with its list open: puts the next or previous name in it and
    /// returns true; false for a key that is not the list's.
    mutating func pickCategory(_ key: Key) -> Bool {
        guard self.picking.pick(key, in: &self.bar, field: "category", names: self.categories) else { return false }
        self.validate()
        return true
    }
}
