/// A rectangle of cells.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(origin: Point = .zero, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public var maxX: Int { self.x + self.width }
    public var maxY: Int { self.y + self.height }
    public var size: Size { Size(width: self.width, height: self.height) }
    public var isEmpty: Bool { self.width == 0 || self.height == 0 }

    public func contains(_ point: Point) -> Bool {
        point.x >= self.x && point.x < self.maxX && point.y >= self.y && point.y < self.maxY
    }

    /// The rectangle shrunk by `dx` columns on each side and `dy` rows at top and bottom.
    public func insetBy(dx: Int, dy: Int) -> Rect {
        Rect(x: self.x + dx, y: self.y + dy, width: self.width - 2 * dx, height: self.height - 2 * dy)
    }

    public func intersection(_ other: Rect) -> Rect {
        let left = max(self.x, other.x)
        let top = max(self.y, other.y)
        let right = min(self.maxX, other.maxX)
        let bottom = min(self.maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// A rectangle of `size` centred in this one (clamped to fit).
    public func centered(_ size: Size) -> Rect {
        let width = min(size.width, self.width)
        let height = min(size.height, self.height)
        return Rect(x: self.x + (self.width - width) / 2, y: self.y + (self.height - height) / 2, width: width, height: height)
    }

    /// Splits off the top `rows` rows: (top part, the rest).
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let rows = min(max(0, rows), self.height)
        return (
            Rect(x: self.x, y: self.y, width: self.width, height: rows),
            Rect(x: self.x, y: self.y + rows, width: self.width, height: self.height - rows)
        )
    }

    /// Splits off the bottom `rows` rows: (the rest, bottom part).
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let rows = min(max(0, rows), self.height)
        return (
            Rect(x: self.x, y: self.y, width: self.width, height: self.height - rows),
            Rect(x: self.x, y: self.maxY - rows, width: self.width, height: rows)
        )
    }

    /// Splits off the right `columns` columns: (the rest, right part).
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let columns = min(max(0, columns), self.width)
        return (
            Rect(x: self.x, y: self.y, width: self.width - columns, height: self.height),
            Rect(x: self.maxX - columns, y: self.y, width: columns, height: self.height)
        )
    }

    /// One row of this rectangle.
    public func row(_ index: Int) -> Rect {
        Rect(x: self.x, y: self.y + index, width: self.width, height: index < self.height ? 1 : 0)
    }
}
