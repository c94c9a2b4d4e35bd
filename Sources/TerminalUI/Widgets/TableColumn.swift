/// One column of a ``Table``: its title, width, alignment, how to show a row and how to sort.
public struct TableColumn<Row>: Sendable {
    /// How wide a column is.
    public enum Width: Sendable, Hashable {
        /// Exactly this many columns.
        case fixed(Int)
        /// At least `minimum`, sharing the space left with other flexible columns by `weight`.
        case flexible(minimum: Int, weight: Int)
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
