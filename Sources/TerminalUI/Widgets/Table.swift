/// Draws rows as a table: column titles (the sorted one marked ▲ or ▼), a highlighted selection,
/// aligned cells, and a message when there are no rows. Widths are display widths, so names in any
/// script line up.
public struct Table<Row>: Sendable {
    public var columns: [TableColumn<Row>]
    /// Shown in the middle of the table when there are no rows.
    public var emptyMessage: String
    /// "Comes before" for rows equal in the sorted column, in the sort's direction; nil keeps
    /// such rows in the order they came in. A table whose pages the server sorts says here how
    /// the server breaks ties, so rows sorted on screen do not move when the server's page comes.
    public var tieBreak: (@Sendable (Row, Row) -> Bool)?
    /// The column whose order the rows come in, when they are not sorted (purchases: by date,
    /// newest first; search results: by rank): its title shows the arrow then, and `S` turns
    /// that order around.
    public var naturalOrder: NaturalOrder?

    public struct NaturalOrder: Sendable, Hashable {
        public var column: Int
        public var ascending: Bool

        public init(column: Int, ascending: Bool) {
            self.column = column
            self.ascending = ascending
        }
    }

    public init(
        columns: [TableColumn<Row>], emptyMessage: String = "Nothing here.", tieBreak: (@Sendable (Row, Row) -> Bool)? = nil,
        naturalOrder: NaturalOrder? = nil
    ) {
        self.columns = columns
        self.emptyMessage = emptyMessage
        self.tieBreak = tieBreak
        self.naturalOrder = naturalOrder
    }

    /// The column the rows are in the order of, and which way: the sorted one, or the natural
    /// order's when unsorted.
    func order(of state: TableState) -> NaturalOrder? {
        if let column = state.sortColumn { return NaturalOrder(column: column, ascending: state.sortAscending) }
        return self.naturalOrder
    }

    /// Rows visible in a table drawn in `rect` (one row goes to the titles).
    public static func visibleRows(in rect: Rect) -> Int { max(0, rect.height - 1) }

    /// Which columns can be sorted, for ``TableState/cycleSort(sortable:)``.
    public var sortable: [Bool] { self.columns.map { $0.ascending != nil } }

    /// Which columns can be sorted and are shown in a table `width` columns wide: `s` steps
    /// through these only, since an order by a column out of sight would look like none.
    public func sortable(width: Int) -> [Bool] {
        self.columns.map { $0.ascending != nil && $0.isShown(width: width, sorted: false) }
    }

    /// Which columns sort highest first when first chosen, for ``TableState/cycleSort(sortable:descendingFirst:)``.
    public var descendingFirst: [Bool] { self.columns.map(\.sortsDescendingFirst) }

    /// A click on the title of `column`: sorts by it (again: the other way round), or on a
    /// column that shows the order the rows came in, returns to that order. Returns whether the
    /// order changed.
    @discardableResult
    public func clickTitle(_ column: Int, _ state: inout TableState) -> Bool {
        guard self.columns.indices.contains(column) else { return false }
        let shown = self.columns[column]
        if shown.ascending != nil {
            state.sort(by: column, descendingFirst: shown.sortsDescendingFirst)
            return true
        }
        guard shown.showsArrivalOrder, state.sortColumn != nil else { return false }
        state.sortColumn = nil
        state.sortAscending = true
        return true
    }

    /// `s`: the next sortable column shown in a table `width` columns wide, in its first direction.
    public func cycleSort(_ state: inout TableState, width: Int) {
        // Unsorted, in a natural order by one column (newest first, by date; a ranking): that
        // column is the one sorted by, so s moves on to the next rather than turning it around.
        if state.sortColumn == nil, let natural = self.naturalOrder { state.sortColumn = natural.column }
        state.cycleSort(sortable: self.sortable(width: width), descendingFirst: self.descendingFirst)
    }

    /// `S`: the order turned around: the sorted column's, or when unsorted the natural order's
    /// (or, without one, the first sortable column shown, highest first). Returns false, with
    /// nothing changed, for a natural order that cannot be turned around (a ranking).
    @discardableResult
    public func reverseSort(_ state: inout TableState, width: Int) -> Bool {
        let sortable = self.sortable(width: width)
        if state.sortColumn == nil, let natural = self.naturalOrder {
            guard sortable.indices.contains(natural.column), sortable[natural.column] else { return false }
            state.sortColumn = natural.column
            state.sortAscending = !natural.ascending
            return true
        }
        state.reverseSort(sortable: sortable)
        return true
    }

    /// `rows` in the order `state` asks for; a stable sort, so equal rows keep their order.
    public func sorted(_ rows: [Row], by state: TableState) -> [Row] {
        guard let column = state.sortColumn, column < self.columns.count, let ascending = self.columns[column].ascending else {
            return rows
        }
        let indexed = rows.enumerated().map { (offset: $0.offset, row: $0.element) }
        let ordered = indexed.sorted { left, right in
            if ascending(left.row, right.row) { return state.sortAscending }
            if ascending(right.row, left.row) { return !state.sortAscending }
            if let tieBreak = self.tieBreak {
                if tieBreak(left.row, right.row) { return state.sortAscending }
                if tieBreak(right.row, left.row) { return !state.sortAscending }
            }
            return left.offset < right.offset
        }
        return ordered.map(\.row)
    }

    /// The x position and width of each column in a table `width` columns wide showing `rows`
    /// (which fitting columns are sized to), sorted by `sortColumn`; columns hidden at this width
    /// get a width of 0.
    public func layout(width: Int, rows: [Row] = [], sortColumn: Int? = nil) -> [(x: Int, width: Int)] {
        let shown = self.columns.indices.map { self.columns[$0].isShown(width: width, sorted: $0 == sortColumn) }
        let gaps = max(0, shown.filter { $0 }.count - 1)
        var widths = self.columns.enumerated().map { index, column -> Int in
            shown[index] ? column.baseWidth(rows: rows) : 0
        }
        let spare = width - gaps - widths.reduce(0, +)
        var weights = self.columns.enumerated().map { index, column -> Int in
            if shown[index], case .flexible(_, let weight, _) = column.width { return max(1, weight) }
            return 0
        }
        let maximums = self.columns.map { column -> Int in
            if case .flexible(_, _, let maximum) = column.width { return maximum }
            return .max
        }
        if spare < 0 {
            // Too narrow for every column at its width: the flexible ones (names) give way, the
            // widest first, down to their titles, before numbers and amounts are cut.
            var deficit = -spare
            while deficit > 0 {
                let candidates = widths.indices.filter { weights[$0] > 0 && widths[$0] > self.columns[$0].titleWidth }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                deficit -= 1
            }
        }
        // Shared by weight; a column that reaches its maximum takes no more, and what it could
        // not take is shared again among the others. What is left once every flexible column is
        // at its maximum stays blank at the right.
        var left = max(0, spare)
        while left > 0, weights.contains(where: { $0 > 0 }) {
            let total = weights.reduce(0, +)
            var given = 0
            var capped = false
            for index in widths.indices where weights[index] > 0 {
                let room = max(0, maximums[index] - widths[index])
                let share = min(left * weights[index] / total, room)
                if share == room {
                    capped = true
                    weights[index] = 0
                }
                widths[index] += share
                given += share
            }
            // No column filled up: only rounding is left, a cell each from the last with room.
            if !capped {
                for index in widths.indices.reversed() where weights[index] > 0 && given < left && widths[index] < maximums[index] {
                    widths[index] += 1
                    given += 1
                }
            }
            if given == 0 { break }
            left -= given
        }
        var result: [(x: Int, width: Int)] = []
        var x = 0
        for (index, width) in widths.enumerated() {
            guard shown[index] else {
                result.append((x, 0))
                continue
            }
            result.append((x, width))
            x += width + 1
        }
        return result
    }

    /// Draws `rows` (already sorted) in `rect`. `focused` draws the selection as active.
    public func render(_ rows: [Row], state: TableState, in rect: Rect, canvas: inout Canvas, focused: Bool = true) {
        guard rect.height > 0, rect.width > 0 else { return }
        let order = self.order(of: state)
        let layout = self.layout(width: rect.width, rows: rows, sortColumn: order?.column)
        canvas.fill(rect.row(0), style: .tableHeader)
        for (index, column) in self.columns.enumerated() {
            let (x, width) = layout[index]
            guard width > 0 else { continue }
            guard x < rect.width else { break }
            let sorted = state.sortColumn == index
            let cellWidth = min(width, rect.width - x)
            var title = column.title
            if let order, order.column == index {
                // The arrow always shows; the title gives way if both do not fit. A natural order
                // has the arrow without the sorted column's highlight.
                title = DisplayWidth.truncate(title, to: cellWidth - 1) + (order.ascending ? "▲" : "▼")
            }
            let style: Style = sorted ? .tableHeaderSorted : .tableHeader
            canvas.write(title, in: Rect(x: rect.x + x, y: rect.y, width: cellWidth, height: 1), style: style, alignment: column.alignment)
        }
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard !rows.isEmpty else {
            if body.height > 0 {
                let y = body.y + min(body.height - 1, max(0, body.height / 2 - 1))
                canvas.write(self.emptyMessage, in: Rect(x: body.x, y: y, width: body.width, height: 1), style: .muted, alignment: .center)
            }
            return
        }
        for line in 0..<body.height {
            let index = state.offset + line
            guard index < rows.count else { break }
            let row = rows[index]
            let selected = index == state.selection
            let rowStyle: Style = selected ? (focused ? .selection : .accent) : .normal
            let y = body.y + line
            canvas.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: selected && focused ? .selection : .normal)
            for (column, spec) in self.columns.enumerated() {
                let (x, width) = layout[column]
                guard width > 0 else { continue }
                guard x < body.width else { break }
                let cellStyle = selected && focused ? rowStyle : (spec.style?(row) ?? rowStyle)
                canvas.write(spec.text(row), in: Rect(x: body.x + x, y: y, width: min(width, body.width - x), height: 1), style: cellStyle, alignment: spec.alignment)
            }
        }
    }

    /// What a click at `point` hit in a table drawn in `rect` with `rows`.
    public func hit(_ point: Point, in rect: Rect, state: TableState, rows: [Row]) -> TableHit? {
        guard rect.contains(point) else { return nil }
        if point.y == rect.y {
            let x = point.x - rect.x
            for (index, column) in self.layout(width: rect.width, rows: rows, sortColumn: self.order(of: state)?.column).enumerated() where column.width > 0 && x >= column.x && x < column.x + column.width {
                return .header(column: index)
            }
            return nil
        }
        let index = state.offset + point.y - rect.y - 1
        return index < rows.count ? .row(index) : nil
    }
}

/// The part of a table a click landed on.
public enum TableHit: Sendable, Hashable {
    case header(column: Int)
    case row(Int)
}
