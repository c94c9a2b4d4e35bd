/// Where a table's selection and scroll position are, and how it is sorted. Changed by pure
/// functions; the rows themselves live in the screen's state.
public struct TableState: Sendable, Hashable {
    /// The selected row, as an index into the rows in display (sorted) order.
    public var selection: Int
    /// The first row shown.
    public var offset: Int
    /// The column the rows are sorted by, or `nil` for the order they came in.
    public var sortColumn: Int?
    public var sortAscending: Bool

    public init(selection: Int = 0, offset: Int = 0, sortColumn: Int? = nil, sortAscending: Bool = true) {
        self.selection = selection
        self.offset = offset
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
    }

    /// A movement of the selection.
    public enum Motion: Sendable, Hashable {
        case up, down, pageUp, pageDown, top, bottom
        case by(Int)
    }

    /// The keys that move through a table (vim keys as well as arrows), for handling and help.
    public static let keys = KeyMap<Motion>("Moving around", [
        KeyBinding([.up, .character("k")], .up, help: "Previous row", label: "↑/k"),
        KeyBinding([.down, .character("j")], .down, help: "Next row", label: "↓/j"),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "One screen up", label: "PgUp"),
        KeyBinding([.pageDown, .control("f"), .character(" ")], .pageDown, help: "One screen down", label: "PgDn/Space"),
        KeyBinding([.home, .character("g")], .top, help: "First row", label: "Home/g"),
        KeyBinding([.end, .character("G")], .bottom, help: "Last row", label: "End/G"),
    ])

    /// Moves the selection and scrolls so that it stays visible. A screen up or down scrolls the
    /// view with the selection, as htop and less do, so the row keeps its place on screen (until
    /// the list's end stops the view).
    public mutating func move(_ motion: Motion, rowCount: Int, visibleRows: Int) {
        let page = Self.screenStep(visibleRows)
        switch motion {
        case .up: self.selection -= 1
        case .down: self.selection += 1
        case .pageUp, .pageDown:
            let delta = motion == .pageDown ? page : -page
            self.selection += delta
            self.offset = max(0, min(self.offset + delta, rowCount - max(1, visibleRows)))
        case .top: self.selection = 0
        case .bottom: self.selection = rowCount - 1
        case .by(let delta): self.selection += delta
        }
        self.clamp(rowCount: rowCount, visibleRows: visibleRows)
    }

    /// ``showNextScreen(rowCount:visibleRows:wholeScreensOnly:)`` or
    /// ``showPreviousScreen(rowCount:visibleRows:wholeScreensOnly:)``.
    public mutating func showScreen(forward: Bool, rowCount: Int, visibleRows: Int, wholeScreensOnly: Bool = false) -> Bool {
        forward
            ? self.showNextScreen(rowCount: rowCount, visibleRows: visibleRows, wholeScreensOnly: wholeScreensOnly)
            : self.showPreviousScreen(rowCount: rowCount, visibleRows: visibleRows, wholeScreensOnly: wholeScreensOnly)
    }

    /// Scrolls to the screenful after the one in view and selects its first row new to the eye.
    /// Returns false, changing nothing, when the last row is already in view (the caller may then
    /// fetch the next page), or, with `wholeScreensOnly` (more rows can be fetched after these),
    /// when less than a screenful is left: the caller then fetches the next screenful whole
    /// (``adjacentScreen(forward:base:rowCount:visibleRows:pageSize:)``), so screenfuls never overlap.
    public mutating func showNextScreen(rowCount: Int, visibleRows: Int, wholeScreensOnly: Bool = false) -> Bool {
        let visible = max(1, visibleRows)
        guard self.offset + visible < rowCount else { return false }
        if wholeScreensOnly, self.offset + 2 * visible > rowCount { return false }
        self.selection = self.offset + visible
        self.offset = min(self.selection, max(0, rowCount - visible))
        self.clamp(rowCount: rowCount, visibleRows: visibleRows)
        return true
    }

    /// Scrolls to the screenful before the one in view and selects the row just above what was
    /// in view. Returns false when the first row is already in view, or, with `wholeScreensOnly`
    /// (more rows can be fetched before these), when less than a screenful is above it.
    public mutating func showPreviousScreen(rowCount: Int, visibleRows: Int, wholeScreensOnly: Bool = false) -> Bool {
        guard self.offset > 0, rowCount > 0 else { return false }
        let visible = max(1, visibleRows)
        if wholeScreensOnly, self.offset < visible { return false }
        self.selection = self.offset - 1
        self.offset = max(0, self.offset - visible)
        self.clamp(rowCount: rowCount, visibleRows: visibleRows)
        return true
    }

    /// Whether rows at hand lie below the screenful on show (`]` has somewhere to go even
    /// without another page).
    public func hasRowsBelow(visibleRows: Int, rowCount: Int) -> Bool {
        self.offset + max(1, visibleRows) < rowCount
    }

    /// A table for another page of rows: at its first row, keeping the sort.
    public func keepingSort() -> TableState {
        TableState(sortColumn: self.sortColumn, sortAscending: self.sortAscending)
    }

    /// Whether `motion` would go on down from the last of `rowCount` rows (End excepted, which
    /// goes to the end of the whole list): for rows fetched a page at a time, the rows after
    /// them are to be fetched, as for the next screenful. A screen down does so as soon as the
    /// rows at hand cannot fill the next screen, so that it never stops short.
    public func movesPastLastRow(_ motion: Motion, rowCount: Int, visibleRows: Int) -> Bool {
        guard rowCount > 0 else { return false }
        switch motion {
        case .pageDown: return self.offset + Self.screenStep(visibleRows) + max(1, visibleRows) > rowCount
        case .down: return self.selection == rowCount - 1
        case .by(let rows): return rows > 0 && self.selection == rowCount - 1
        case .up, .pageUp, .top, .bottom: return false
        }
    }

    /// Whether `motion` would go on up from the first row (Home excepted, which goes to the start
    /// of the whole list): for rows fetched a page at a time, the rows before these. A screen up
    /// does so as soon as the rows at hand cannot fill the screen before.
    public func movesBeforeFirstRow(_ motion: Motion, visibleRows: Int) -> Bool {
        switch motion {
        case .pageUp: return self.offset - Self.screenStep(visibleRows) < 0
        case .up: return self.selection == 0
        case .by(let rows): return rows < 0 && self.selection == 0
        case .down, .pageDown, .top, .bottom: return false
        }
    }

    /// Whether `motion`, over rows fetched a page at a time, is the caller's `]` (true) or `[`
    /// (false) rather than a move among the rows at hand (nil): going on past the last row into
    /// a next page, or before the first into a previous one; or a screen down at the last row or
    /// up at the first, which has nowhere to go and is told so as `]` and `[` tell it at the
    /// ends of the list.
    public func turnsPage(_ motion: Motion, rowCount: Int, visibleRows: Int, hasNextPage: Bool, hasPreviousPage: Bool) -> Bool? {
        if hasNextPage, self.movesPastLastRow(motion, rowCount: rowCount, visibleRows: visibleRows) { return true }
        if hasPreviousPage, self.movesBeforeFirstRow(motion, visibleRows: visibleRows) { return false }
        switch motion {
        case .pageDown where self.selection >= rowCount - 1: return true
        case .pageUp where self.selection <= 0: return false
        default: return nil
        }
    }

    /// How far a screen up or down moves: a whole screenful, as `]` and `[` turn them, so the
    /// screens a list shows are the same whichever keys turn them and whatever the terminal's
    /// size.
    static func screenStep(_ visibleRows: Int) -> Int { max(1, visibleRows) }

    /// Home and End over rows fetched a page at a time, `rowCount` of them starting at row `base`
    /// of a list of `total`, go to the first or the last row of the whole list: where to fetch it
    /// when it is not at hand, and the table that shows it once it comes; nil for any other
    /// motion, or when the row is at hand or the end is not known (`totalIsExact` false), which
    /// ``move(_:rowCount:visibleRows:)`` does. Only for rows in the order they are fetched in.
    public func fetchForEnd(_ motion: Motion, base: Int, rowCount: Int, total: Int, totalIsExact: Bool, pageSize: Int) -> (offset: Int, table: TableState)? {
        switch motion {
        case .top where base > 0: (0, self.keepingSort())
        case .bottom where base + rowCount < total && totalIsExact: (max(0, total - pageSize), self.startingAtEnd())
        default: nil
        }
    }

    /// A table that starts at its last row once rows arrive (a page fetched by going back from
    /// the one after it), keeping the sort.
    public func startingAtEnd() -> TableState {
        self.selecting(.max)
    }

    /// A table that starts with `row` selected, at the bottom of the screen when it is not among
    /// the first rows, once rows arrive; keeping the sort.
    public func selecting(_ row: Int) -> TableState {
        TableState(selection: row, sortColumn: self.sortColumn, sortAscending: self.sortAscending)
    }

    /// For rows fetched a page of `pageSize` at a time, the one in view (`rowCount` rows) starting
    /// at row `base` of the whole list: where to fetch the screenful after (or before) the one in view, and the
    /// table that shows it once it comes. Forward, the page starts with the first row not yet
    /// seen; back, it ends with the row just above the screen, which is selected. Only for rows
    /// in the order they are fetched in (a page sorted on screen turns a page at a time).
    public func adjacentScreen(forward: Bool, base: Int, rowCount: Int, visibleRows: Int, pageSize: Int) -> (offset: Int, table: TableState) {
        if forward { return (base + min(self.offset + max(1, visibleRows), rowCount), self.keepingSort()) }
        let above = max(0, base + self.offset - 1)
        let start = max(0, above + 1 - pageSize)
        return (start, self.selecting(above - start))
    }

    /// Selects `index` (clamped) and scrolls to it.
    public mutating func select(_ index: Int, rowCount: Int, visibleRows: Int) {
        self.selection = index
        self.clamp(rowCount: rowCount, visibleRows: visibleRows)
    }

    /// Selects the first of `rows` that `isWanted` and scrolls to it: the row that was selected
    /// before the rows changed order or were fetched again. Returns false, changing nothing, when
    /// no row is.
    @discardableResult
    public mutating func select<Row>(firstOf rows: [Row], where isWanted: (Row) -> Bool, visibleRows: Int) -> Bool {
        guard let index = rows.firstIndex(where: isWanted) else { return false }
        self.select(index, rowCount: rows.count, visibleRows: visibleRows)
        return true
    }

    /// Keeps the selection on a row and in view after rows changed or the table was resized.
    public mutating func clamp(rowCount: Int, visibleRows: Int) {
        guard rowCount > 0 else {
            self.selection = 0
            self.offset = 0
            return
        }
        self.selection = min(max(0, self.selection), rowCount - 1)
        let visible = max(1, visibleRows)
        if self.selection < self.offset { self.offset = self.selection }
        if self.selection >= self.offset + visible { self.offset = self.selection - visible + 1 }
        self.offset = min(max(0, self.offset), max(0, rowCount - visible))
    }

    /// Sorts by `column`, ascending unless `descendingFirst`; choosing the sorted column again
    /// reverses the order.
    public mutating func sort(by column: Int, descendingFirst: Bool = false) {
        if self.sortColumn == column {
            self.sortAscending.toggle()
        } else {
            self.sortColumn = column
            self.sortAscending = !descendingFirst
        }
    }

    /// Moves the sort to the next sortable column (wrapping to "unsorted" after the last), in
    /// that column's first direction (`descendingFirst`, by column; ascending where not said).
    public mutating func cycleSort(sortable: [Bool], descendingFirst: [Bool] = []) {
        let start = (self.sortColumn ?? -1) + 1
        if let next = (start..<sortable.count).first(where: { sortable[$0] }) {
            self.sortColumn = next
            self.sortAscending = !(descendingFirst.indices.contains(next) && descendingFirst[next])
        } else {
            self.sortColumn = nil
            self.sortAscending = true
        }
    }

    /// Turns the current order around (sorting by the first sortable column if unsorted).
    public mutating func reverseSort(sortable: [Bool]) {
        if self.sortColumn == nil {
            self.sortColumn = sortable.firstIndex(of: true)
            self.sortAscending = false
        } else {
            self.sortAscending.toggle()
        }
    }

    /// "1–20 of 312": the rows in view, counted from `base` + 1, out of `total`. A total that is
    /// not exact is where counting stopped, one past a cap (1,001 for a cap of 1,000): it reads
    /// "more than 1,000". Sorting orders only the rows at hand, so a sorted table that is one page
    /// of several says so first: "this page sorted · 1–20 of 312", unless the server sorted the
    /// whole list before cutting the page (`wholeListSorted`).
    public func positionText(visibleRows: Int, rowCount: Int, base: Int = 0, total: Int? = nil, totalIsExact: Bool = true, wholeListSorted: Bool = false) -> String {
        let total = total ?? rowCount
        let of = totalIsExact ? Self.grouped(total) : "more than " + Self.grouped(total - 1)
        // An empty list says so in its own place; "0 of 0" would only repeat it.
        guard rowCount > 0 else { return total == 0 ? "" : "0 of \(of)" }
        let first = base + self.offset + 1
        let last = base + min(rowCount, self.offset + max(1, visibleRows))
        let note = wholeListSorted ? "" : self.sortedPageNote(rowCount: rowCount, total: total, totalIsExact: totalIsExact)
        return note + "\(Self.grouped(first))–\(Self.grouped(last)) of \(of)"
    }

    /// "this page sorted · " while the rows are sorted but are only part of the list (`rowCount`
    /// of `total`), for a position to begin with; empty otherwise.
    public func sortedPageNote(rowCount: Int, total: Int, totalIsExact: Bool = true) -> String {
        self.sortColumn != nil && (rowCount < total || !totalIsExact) ? "this page sorted · " : ""
    }

    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits = String(digits.dropLast(3))
        }
        groups.insert(digits, at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
