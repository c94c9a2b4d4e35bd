public import MarketCore
import MarketUI
public import TerminalUI

/// Everything about one of the seller's items, with the actions on it as a menu.
public struct ItemDetailScreen: Sendable {
    public var item: Item {
        // An item sells out (or comes back, or fills up) while its box is open: the choices follow.
        didSet { if Self.choices(for: oldValue) != Self.choices(for: self.item) { self.menu = Self.menu(for: self.item) } }
    }
    public var menu: Menu

    /// The box's choices, for handling and for help.
    public static let actions = Menu([
        Menu.Item("Change price", key: "p"),
        Menu.Item("Add units", key: "a"),
        Menu.Item("Remove units", key: "x"),
        Menu.Item("Close", key: "q"),
    ])

    /// The choices that apply to `item`: nothing to remove from an item with no units on sale,
    /// no room to add to one with the most there can be.
    static func choices(for item: Item) -> [Menu.Item] {
        Self.actions.items.filter { choice in
            switch choice.key {
            case "a": item.quantity < FieldRules.maximumQuantity
            case "x": item.quantity > 0
            default: true
            }
        }
    }

    static func menu(for item: Item) -> Menu { Menu(Self.choices(for: item)) }

    public init(item: Item) {
        self.item = item
        self.menu = Self.menu(for: item)
    }

    public enum Outcome: Sendable, Hashable {
        case none
        case changePrice
        case addUnits
        case removeUnits
        /// x on an item with no units on sale.
        case nothingToRemove
        case close
    }

    public mutating func handle(_ key: Key) -> Outcome {
        // The list's other keys for the same acts work here too.
        let key = Self.aliases[key] ?? key
        switch self.menu.handle(key) {
        case .picked(let index) where self.menu.items[index].key == "p": return .changePrice
        case .picked(let index) where self.menu.items[index].key == "x": return .removeUnits
        case .picked(let index) where self.menu.items[index].key == "a": return .addUnits
        case .picked, .closed: return .close
        case .moved, .ignored:
            // A choice left out for this item: the app says why.
            if key == .character("x"), self.item.quantity == 0 { return .nothingToRemove }
            if key == .character("a"), self.item.quantity >= FieldRules.maximumQuantity { return .addUnits }
            return .none
        }
    }

    /// Keys that mean a choice's letter, as in the list: + adds units, Del removes some.
    static let aliases: [Key: Key] = [.character("+"): .character("a"), .delete: .character("x")]

    public func frame(in screen: Rect) -> Rect {
        screen.centered(Size(width: min(screen.width - 4, 70), height: 17))
    }

    public func render(in screen: Rect, categories: CategoryNames, canvas: inout Canvas) {
        let box = self.frame(in: screen)
        canvas.box(box, style: .border, title: "Item \(self.item.id)", fill: .dialog)
        let inner = box.insetBy(dx: 3, dy: 2)
        canvas.write(self.item.name, in: inner.row(0), style: .title)
        let item = self.item
        let rows: [(String, [Span])] = [
            ("Category", [Span(categories.label(of: item.id.category))]),
            ("Condition", [Span(item.condition.description)]),
            ("Price", [Span(Format.money(item.price), .accent)]),
            ("On sale", [item.quantity == 0 ? Span("none: buyers do not find it (a puts units on sale)", .warning) : Span(Format.units(item.quantity))]),
            ("Keywords", [Span(item.keywords.isEmpty ? "none" : item.keywords.joined(separator: ", "), item.keywords.isEmpty ? .muted : .normal)]),
            ("Feedback", Format.ratingSpans(item.rating)),
        ]
        for (index, row) in rows.enumerated() {
            let y = inner.y + 2 + index
            canvas.write(row.0, in: Rect(x: inner.x, y: y, width: 11, height: 1), style: .muted)
            canvas.write(spans: row.1, x: inner.x + 12, y: y, limit: inner.width - 12)
        }
        self.menu.render(in: self.menuArea(in: screen), canvas: &canvas)
    }

    /// A click on one of the box's choices: the keys that pick it.
    public func keys(forClickAt point: Point, in screen: Rect) -> [Key]? {
        self.menu.item(at: point, in: self.menuArea(in: screen)).map { self.menu.keys(picking: $0) }
    }

    public func menuArea(in screen: Rect) -> Rect {
        let box = self.frame(in: screen)
        return Rect(x: box.x + 3, y: box.maxY - 6, width: 28, height: Self.actions.items.count)
    }
}
