/// A vertical list of choices, e.g. the actions on a selected item. ↑/↓/j/k move, Enter picks, a
/// choice's marked letter picks it directly, Esc/q closes.
public struct Menu: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var key: Character?
        public var label: String

        public init(_ label: String, key: Character? = nil) {
            self.label = label
            self.key = key
        }
    }

    public var items: [Item]
    public var selection: Int

    public init(_ items: [Item], selection: Int = 0) {
        self.items = items
        self.selection = selection
    }

    public enum Outcome: Sendable, Hashable {
        case picked(Int)
        case moved
        case closed
        case ignored
    }

    public mutating func handle(_ key: Key) -> Outcome {
        guard !self.items.isEmpty else { return key == .escape ? .closed : .ignored }
        switch key {
        case .up, .character("k"):
            self.selection = (self.selection + self.items.count - 1) % self.items.count
            return .moved
        case .down, .character("j"):
            self.selection = (self.selection + 1) % self.items.count
            return .moved
        case .home, .character("g"):
            self.selection = 0
            return .moved
        case .end, .character("G"):
            self.selection = self.items.count - 1
            return .moved
        case .enter:
            return .picked(self.selection)
        case .escape, .character("q"):
            return .closed
        case .character(let character):
            if let index = self.items.firstIndex(where: { $0.key == character }) { return .picked(index) }
            return .ignored
        default:
            return .ignored
        }
    }

    /// Draws the items in `rect`, one per row, the selection highlighted.
    public func render(in rect: Rect, canvas: inout Canvas, focused: Bool = true) {
        for (index, item) in self.items.enumerated() {
            guard index < rect.height else { break }
            let row = rect.row(index)
            let selected = index == self.selection
            let style: Style = selected ? (focused ? .selection : .accent) : .normal
            canvas.fill(row, style: style)
            var x = row.x + 1
            if let key = item.key {
                x += canvas.write(String(key), x: x, y: row.y, style: selected ? style : .accent)
                x += canvas.write("  ", x: x, y: row.y, style: style)
            }
            canvas.write(item.label, x: x, y: row.y, style: style, limit: row.maxX - x)
        }
    }

    /// Which item a click at `point` hit.
    public func item(at point: Point, in rect: Rect) -> Int? {
        guard rect.contains(point) else { return nil }
        let index = point.y - rect.y
        return index < self.items.count ? index : nil
    }
}
