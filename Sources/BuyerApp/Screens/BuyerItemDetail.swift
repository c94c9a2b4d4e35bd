public import MarketCore
import MarketUI
public import MarketProtocol
public import TerminalUI

/// One item with every attribute and its seller's standing, fetched fresh when opened, and what
/// can be done with it from where it was opened: add it to the cart; from the cart, take units
/// out; from a purchase not rated yet, vote.
public struct BuyerItemDetail: Sendable {
    /// Where the box was opened, and what the buyer has of the item there.
    public enum Context: Sendable, Hashable {
        case search
        /// A line of the cart, holding `units`.
        case cart(units: Int)
        /// A line of a purchase, with the buyer's vote on the item (nil: not rated yet).
        case purchase(vote: Vote?)
    }

    public var itemID: ItemID
    /// What was known when it was opened (a search hit or a cart line), shown while loading.
    public var name: String
    public var context: Context
    public var detail: BuyerAPI.GetItem.Result? {
        didSet { self.menu = Self.menu(for: self.context, onSale: self.detail.map { $0.item.quantity > 0 } ?? true) }
    }
    public var request: Int?
    public var failure: String?
    public var menu: Menu

    /// Every choice a box may offer, for help.
    public static let actions = Menu([
        Menu.Item("Add to cart", key: "a"),
        Menu.Item("Remove units (from the cart)", key: "x"),
        Menu.Item("👍 Thumbs up (a purchase)", key: "+"),
        Menu.Item("👎 Thumbs down (a purchase)", key: "-"),
        Menu.Item("Close", key: "q"),
    ])

    /// The choices from `context`; adding only while units are on sale (or not known yet).
    static func menu(for context: Context, onSale: Bool) -> Menu {
        var items: [Menu.Item] = []
        if case .purchase(vote: nil) = context {
            items += [Menu.Item("👍 Thumbs up", key: "+"), Menu.Item("👎 Thumbs down", key: "-")]
        }
        if onSale { items.append(Menu.Item("Add to cart", key: "a")) }
        if case .cart = context { items.append(Menu.Item("Remove units", key: "x")) }
        return Menu(items + [Menu.Item("Close", key: "q")])
    }

    public init(itemID: ItemID, name: String, context: Context = .search) {
        self.itemID = itemID
        self.name = name
        self.context = context
        self.menu = Self.menu(for: context, onSale: true)
    }

    public enum Outcome: Sendable, Hashable {
        case none
        case addToCart
        /// a on an item with no units on sale.
        case soldOut
        case removeFromCart
        case vote(Vote)
        case close
    }

    public mutating func handle(_ key: Key) -> Outcome {
        // Del takes units out, as in the cart.
        let key = key == .delete ? .character("x") : key
        return switch self.menu.handle(key) {
        case .picked(let index):
            switch self.menu.items[index].key {
            case "a": self.detail == nil ? .none : .addToCart
            case "x": .removeFromCart
            case "+": .vote(.up)
            case "-": .vote(.down)
            default: .close
            }
        case .closed: .close
        case .moved, .ignored: key == .character("a") && self.detail?.item.quantity == 0 ? .soldOut : .none
        }
    }

    /// The footer's keys: the menu's, and each choice's own key.
    public var hints: [KeyHint] {
        self.menu.hints
    }

    public func frame(in screen: Rect) -> Rect {
        // The title, the rows and a blank line, then the choices and a blank line.
        screen.centered(Size(width: min(screen.width - 4, 76), height: 7 + self.rowCount + self.menu.items.count))
    }

    /// Rows of attributes: ten, and one more saying what the buyer has of the item.
    private var rowCount: Int { 11 }

    /// A click on one of the box's choices: the keys that pick it.
    public func keys(forClickAt point: Point, in screen: Rect) -> [Key]? {
        self.menu.item(at: point, in: self.menuArea(in: screen)).map { self.menu.keys(picking: $0) }
    }

    public func menuArea(in screen: Rect) -> Rect {
        let box = self.frame(in: screen)
        return Rect(x: box.x + 3, y: box.maxY - 2 - self.menu.items.count, width: 26, height: self.menu.items.count)
    }

    /// - Parameter inCart: the units of the item in the cart, when the cart is known.
    public func render(in screen: Rect, categories: CategoryNames, inCart: Int?, canvas: inout Canvas) {
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
            ("Category", [Span(categories.label(of: item.id.category))]),
            ("Keywords", [Span(item.keywords.isEmpty ? "none" : item.keywords.joined(separator: ", "), item.keywords.isEmpty ? .muted : .normal)]),
            ("Feedback", Format.ratingSpans(item.rating)),
        ] + self.yoursRow(inCart: inCart) + [
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

    /// What the buyer has of the item where the box was opened: from the results or the cart,
    /// how much of it is in the cart (so `a` is no surprise).
    private func yoursRow(inCart: Int?) -> [(String, [Span])] {
        switch self.context {
        case .search:
            guard let inCart else { return [] }
            return [("In cart", [inCart > 0 ? Span(Format.units(inCart), .accent) : Span("none yet", .muted)])]
        case .cart(let units):
            // As the cart is now (an add from this box changes it), else as when it was opened.
            let now = inCart ?? units
            return [("In cart", [now > 0 ? Span(Format.units(now), .accent) : Span("none now", .muted)])]
        case .purchase(let vote?): return [("Your vote", [vote == .up ? Span("👍 up", .positive) : Span("👎 down", .negative)])]
        case .purchase(nil): return [("Your vote", [Span("not yet — + or - below", .muted)])]
        }
    }
}
