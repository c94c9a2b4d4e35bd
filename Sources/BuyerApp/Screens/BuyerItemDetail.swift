public import MarketCore
import MarketUI
public import MarketProtocol
public import TerminalUI

/// One item with every attribute and its seller's standing, fetched fresh when opened.
public struct BuyerItemDetail: Sendable {
    public var itemID: ItemID
    /// What was known when it was opened (a search hit or a cart line), shown while loading.
    public var name: String
    public var detail: BuyerAPI.GetItem.Result? {
        // Nothing to add of an item with no units on sale: its box offers only to close.
        didSet { self.menu = self.detail?.item.quantity == 0 ? Self.closeOnly : Self.actions }
    }
    public var request: Int?
    public var failure: String?
    public var menu = Self.actions

    /// The box's choices, for handling and for help.
    public static let actions = Menu([Menu.Item("Add to cart", key: "a"), Menu.Item("Close", key: "q")])
    static let closeOnly = Menu([Menu.Item("Close", key: "q")])

    public init(itemID: ItemID, name: String) {
        self.itemID = itemID
        self.name = name
    }

    public enum Outcome: Sendable, Hashable {
        case none
        case addToCart
        /// a on an item with no units on sale.
        case soldOut
        case close
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch self.menu.handle(key) {
        case .picked(let index) where self.menu.items[index].key == "a": self.detail == nil ? .none : .addToCart
        case .picked, .closed: .close
        case .moved, .ignored: key == .character("a") && self.detail?.item.quantity == 0 ? .soldOut : .none
        }
    }

    /// The footer's keys: the menu's, and `a` while the item can be added.
    public var hints: [KeyHint] {
        Menu.hints(self.menu.items.contains { $0.key == "a" } ? [KeyHint(key: "a", label: "Add to cart")] : [])
    }

    public func frame(in screen: Rect) -> Rect {
        screen.centered(Size(width: min(screen.width - 4, 76), height: 19))
    }

    /// A click on one of the box's choices: the keys that pick it.
    public func keys(forClickAt point: Point, in screen: Rect) -> [Key]? {
        self.menu.item(at: point, in: self.menuArea(in: screen)).map { self.menu.keys(picking: $0) }
    }

    public func menuArea(in screen: Rect) -> Rect {
        let box = self.frame(in: screen)
        return Rect(x: box.x + 3, y: box.maxY - 4, width: 26, height: 2)
    }

    public func render(in screen: Rect, canvas: inout Canvas) {
        let box = self.frame(in: screen)
        canvas.box(box, style: .border, title: "Item \(self.itemID)", fill: .dialog)
        let inner = box.insetBy(dx: 3, dy: 2)
        guard let detail = self.detail else {
            canvas.write(self.name, in: inner.row(0), style: .title)
            canvas.write(self.failure.map { "✗ " + $0 } ?? "Loading…", in: inner.row(2), style: self.failure == nil ? .muted : .error)
            self.menu.render(in: self.menuArea(in: screen), canvas: &canvas)
            return
        }
        let item = detail.item
        let seller = detail.seller
        canvas.write(item.name, in: inner.row(0), style: .title)
        let rows: [(String, [Span])] = [
            ("Price", [Span(Format.money(item.price), .accent)]),
            ("On sale", [item.quantity == 0 ? Span("sold out", .warning) : Span(Format.units(item.quantity))]),
            ("Condition", [Span(item.condition.description)]),
            ("Category", [Span(item.id.category.description)]),
            ("Keywords", [Span(item.keywords.isEmpty ? "none" : item.keywords.joined(separator: ", "), item.keywords.isEmpty ? .muted : .normal)]),
            ("Feedback", Format.ratingSpans(item.rating)),
            ("", []),
            ("Seller", [Span(seller.name, .title), Span("  #\(seller.sellerID)", .muted)]),
            ("Rating", Format.ratingSpans(seller.rating)),
            ("Sales", [Span(Format.units(seller.itemsSold) + " across all their items", .normal)]),
        ]
        for (index, row) in rows.enumerated() {
            let y = inner.y + 2 + index
            canvas.write(row.0, in: Rect(x: inner.x, y: y, width: 10, height: 1), style: .muted)
            canvas.write(spans: row.1, x: inner.x + 11, y: y, limit: inner.width - 11)
        }
        self.menu.render(in: self.menuArea(in: screen), canvas: &canvas)
    }
}
