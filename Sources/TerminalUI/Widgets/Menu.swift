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

    /// What the menu's own keys do.
    public enum Action: Sendable, Hashable {
        case previous, next, first, last, pick, close
    }

    /// The keys of every menu, for handling and for help; a choice's marked letter picks it too.
    public static let keys = KeyMap<Action>("Menus", [
        KeyBinding([.up, .character("k")], .previous, help: "Previous choice", label: "↑/k"),
        KeyBinding([.down, .character("j")], .next, help: "Next choice", label: "↓/j"),
        KeyBinding([.home, .character("g")], .first, help: "First choice", label: "Home/g"),
        KeyBinding([.end, .character("G")], .last, help: "Last choice", label: "End/G"),
        KeyBinding(.enter, .pick, help: "Do the highlighted choice"),
        KeyBinding([.escape, .character("q")], .close, help: "Close, back to where you were", label: "Esc/q"),
    ])

    /// The keys that pick the choice at `index`: to the first, down to it, then Enter (how a
    /// click on it is passed on where the menu is part of a bigger box's state).
    public func keys(picking index: Int) -> [Key] {
        [.home] + Array(repeating: .down, count: index) + [.enter]
    }

    public mutating func handle(_ key: Key) -> Outcome {
        guard !self.items.isEmpty else { return Self.keys.action(for: key) == .close ? .closed : .ignored }
        switch Self.keys.action(for: key) {
        case .previous?:
            self.selection = (self.selection + self.items.count - 1) % self.items.count
            return .moved
        case .next?:
            self.selection = (self.selection + 1) % self.items.count
            return .moved
        case .first?:
            self.selection = 0
            return .moved
        case .last?:
            self.selection = self.items.count - 1
            return .moved
        case .pick?:
            return .picked(self.selection)
        case .close?:
            return .closed
        case nil:
            if case .character(let character) = key, let index = self.items.firstIndex(where: { $0.key == character }) {
                return .picked(index)
            }
            return .ignored
        }
    }

    /// The help overlay's section for this menu: each choice's letter, then the menu keys.
    public func helpSection(_ title: String) -> HelpSection {
        // A choice whose letter the menu's own keys already describe (q: Close) is listed once.
        let choices = self.items.compactMap { item in
            item.key.flatMap { Self.keys.action(for: .character($0)) == nil ? HelpSection.Entry(keys: String($0), help: item.label) : nil }
        }
        return HelpSection(title: title, entries: choices + Self.keys.helpSection.entries)
    }

    /// The footer's keys while the menu is shown (of ``keys``, written short): moving, picking,
    /// then `extra` (say, a choice's letter), then closing.
    public static func hints(_ extra: [KeyHint] = []) -> [KeyHint] {
        [KeyHint(key: "↑↓", label: "Choose"), KeyHint(key: "Enter", label: "Do it")] + extra + [KeyHint(key: "Esc", label: "Close")]
    }

    /// ``hints(_:)`` with the letter of each choice (but Close's `q`, which Esc stands for).
    public var hints: [KeyHint] {
        Self.hints(self.items.compactMap { item in item.key.flatMap { $0 == "q" ? nil : KeyHint(key: String($0), label: item.label) } })
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
