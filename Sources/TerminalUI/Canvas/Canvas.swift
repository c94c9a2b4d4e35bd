/// A grid of cells that screens draw on. A terminal shows a finished canvas at once.
///
/// Drawing clips to the canvas and never splits a wide character: writing over half of one
/// blanks the other half.
public struct Canvas: Sendable, Hashable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor should be shown (in a text field being edited), or `nil` to hide it.
    public var cursor: Point?

    public init(size: Size, style: Style = .normal) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.cells = Array(repeating: .blank(style), count: self.size.width * self.size.height)
    }

    public var bounds: Rect { Rect(size: self.size) }

    public subscript(x: Int, y: Int) -> Cell {
        guard self.bounds.contains(Point(x: x, y: y)) else { return .blank() }
        return self.cells[y * self.size.width + x]
    }

    /// Fills `rect` with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let area = rect.intersection(self.bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { self.put(Cell.blank(style), x: x, y: y) }
        }
    }

    /// Writes `text` on row `y` from column `x`, using at most `limit` columns (to the canvas's
    /// right edge when `nil`). Returns the number of columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        guard y >= 0, y < self.size.height else { return 0 }
        let end = min(self.size.width, limit.map { x + max(0, $0) } ?? self.size.width)
        var column = x
        for character in text {
            let cells = TerminalText.cells(for: character)
            // A character is drawn whole or not at all.
            guard column + cells.reduce(0, { $0 + $1.width }) <= end else { break }
            for cell in cells {
                if column >= 0 {
                    self.put(Cell(text: cell.text, style: style, width: cell.width), x: column, y: y)
                    if cell.width == 2 { self.put(Cell(text: "", style: style, width: 0), x: column + 1, y: y) }
                }
                column += cell.width
            }
        }
        return column - x
    }

    /// Writes `text` fitted to exactly `width` columns (truncated with "…" or padded), aligned.
    public mutating func write(_ text: String, in rect: Rect, style: Style, alignment: Alignment = .left) {
        guard rect.height > 0, rect.width > 0 else { return }
        self.write(DisplayWidth.fit(text, to: rect.width, alignment: alignment), x: rect.x, y: rect.y, style: style, limit: rect.width)
    }

    /// Changes the style of the cells in `rect`, keeping their text.
    public mutating func restyle(_ rect: Rect, style: Style) {
        let area = rect.intersection(self.bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { self.cells[y * self.size.width + x].style = style }
        }
    }

    /// Puts one cell, repairing any wide character it cuts in half.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < self.size.width, y >= 0, y < self.size.height else { return }
        let index = y * self.size.width + x
        // A wide character at the right edge has no room for its second half.
        let cell = cell.width == 2 && x + 1 >= self.size.width ? Cell.blank(cell.style) : cell
        let old = self.cells[index]
        if old.isContinuation, !cell.isContinuation, x > 0, self.cells[index - 1].width == 2 {
            // Overwriting the right half of a wide character: its left half can no longer show.
            self.cells[index - 1] = .blank(self.cells[index - 1].style)
        }
        if old.width == 2, cell.width != 2, x + 1 < self.size.width, self.cells[index + 1].isContinuation {
            // Overwriting the left half: the right half is left over.
            self.cells[index + 1] = .blank(self.cells[index + 1].style)
        }
        self.cells[index] = cell
    }

    /// The text of row `y`, wide characters followed by nothing for their continuation cells, so a
    /// monospaced view of the string shows the screen.
    public func text(row y: Int) -> String {
        guard y >= 0, y < self.size.height else { return "" }
        var line = ""
        for x in 0..<self.size.width { line += self.cells[y * self.size.width + x].text }
        return line
    }

    /// Every row's text.
    public var lines: [String] { (0..<self.size.height).map { self.text(row: $0) } }
}
