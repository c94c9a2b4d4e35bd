/// One column of a ``Table``: its title, width, alignment, how to show a row and how to sort.
public struct TableColumn<Row>: Sendable {
    /// How wide a column is. Every column is at least as wide as its title, and a sortable one
    /// keeps a column more for the ▲/▼ that marks the sort, so sorting never cuts a title.
    public enum Width: Sendable, Hashable {
        /// This many columns.
        case fixed(Int)
        /// At least `minimum`, sharing the space left with other flexible columns by `weight`, up
        /// to `maximum` (names of 32 characters take at most 64 cells: much wider, a column only puts
        /// the numbers after it far from the name they belong to).
        case flexible(minimum: Int, weight: Int, maximum: Int = 80)
        /// As wide as the widest cell, from `minimum` to `maximum`: numbers and amounts, which
        /// should neither be cut nor leave the space others need.
        case fitting(minimum: Int, maximum: Int)
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment
    /// The cell's text.
    public var text: @Sendable (Row) -> String
    /// A style for the cell other than the row's, e.g. a warning for a short line.
    public var style: (@Sendable (Row) -> Style?)?
    /// "Comes before" for an ascending sort; `nil` when the column cannot be sorted.
    public var ascending: (@Sendable (Row, Row) -> Bool)?
    /// The column is left out of tables narrower than this, so narrow terminals keep the columns
    /// that matter readable.
    public var minimumTableWidth: Int = 0
    /// Left out whatever the width: a column that means nothing for the rows at hand.
    public var isOmitted = false
    /// Whether sorting by it starts with the highest value (votes, matches: the best first).
    public var sortsDescendingFirst = false
    /// Whether the column shows the order the rows came in (a rank): a click on its title
    /// returns to that order.
    public var showsArrivalOrder = false

    /// Whether the column is drawn in a table `width` columns wide. The column the rows are
    /// sorted by stays, even where it would give way, so the order on screen is never a mystery.
    func isShown(width: Int, sorted: Bool) -> Bool {
        !self.isOmitted && (self.minimumTableWidth <= width || sorted)
    }

    /// The narrowest the column can be: its title, and the arrow when it can be sorted or shows
    /// the order the rows came in.
    var titleWidth: Int { DisplayWidth.of(self.title) + (self.ascending == nil && !self.showsArrivalOrder ? 0 : 1) }

    /// The width it takes before flexible columns share what is left, for `rows`.
    func baseWidth(rows: [Row]) -> Int {
        switch self.width {
        case .fixed(let width):
            return max(width, self.titleWidth)
        case .flexible(let minimum, _, _):
            return max(minimum, self.titleWidth)
        case .fitting(let minimum, let maximum):
            let widest = rows.reduce(0) { max($0, DisplayWidth.of(self.text($1))) }
            return min(maximum, max(minimum, self.titleWidth, widest))
        }
    }

    /// The same column, sorted highest first when first chosen.
    public func descendingFirst() -> TableColumn {
        var column = self
        column.sortsDescendingFirst = true
        return column
    }

    /// The same column, marking the order the rows came in: clicking its title returns to it.
    public func arrivalOrder() -> TableColumn {
        var column = self
        column.showsArrivalOrder = true
        return column
    }

    /// The same column, shown only in tables at least `width` columns wide.
    public func hidden(below width: Int) -> TableColumn {
        var column = self
        column.minimumTableWidth = width
        return column
    }

    public init(
        _ title: String,
        width: Width,
        alignment: Alignment = .left,
        style: (@Sendable (Row) -> Style?)? = nil,
        ascending: (@Sendable (Row, Row) -> Bool)? = nil,
        text: @escaping @Sendable (Row) -> String
    ) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.text = text
        self.style = style
        self.ascending = ascending
    }

    /// A column sorted by a comparable key.
    public static func sorted<Key: Comparable & Sendable>(
        _ title: String,
        width: Width,
        alignment: Alignment = .left,
        by key: @escaping @Sendable (Row) -> Key,
        style: (@Sendable (Row) -> Style?)? = nil,
        text: @escaping @Sendable (Row) -> String
    ) -> TableColumn {
        TableColumn(title, width: width, alignment: alignment, style: style, ascending: { key($0) < key($1) }, text: text)
    }
}
