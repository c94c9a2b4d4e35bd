public import MarketCore
import MarketUI
public import TerminalUI

/// The active cart: lines with unit prices and line totals, the total, and the actions on it.
public struct CartScreen: Sendable {
    public var cart: Cart?
    public var table = TableState()
    public var loadRequest: Int?
    /// The cart differs from the saved one: as the server last said, or changed here since.
    public private(set) var hasUnsavedChanges = false
    /// It differs only because another session of the buyer saved a different cart since this
    /// cart was the saved one: nothing changed here, and leaving keeps that other cart.
    public private(set) var savedElsewhere = false
    /// Log out once the cart being loaded shows whether it is saved (another session of the
    /// buyer may have saved a different cart).
    public var logoutWhenLoaded = false
    /// An item just added, with the price the buyer saw when adding it: the next cart says
    /// whether the seller changed it meanwhile.
    public var addedAt: (item: ItemID, price: Money)?
    /// What to do once the cart being saved is saved: `w` in the quit or logout question saves
    /// first, then goes on.
    public var afterSave: AfterSave?
    /// The cart was saved on the way to logging out, which the login screen then says.
    public var savedForLogout = false
    /// A payment was refused for stock: the next cart selects the first line short of it, so
    /// that x, once the checkout is closed, takes out what is missing.
    public var selectShortLineAfterLoad = false

    public enum AfterSave: Sendable, Hashable {
        case quit
        case logout
    }

    public init() {}

    public static let columns: [TableColumn<CartLine>] = [
        .sorted("Item", width: .fitting(minimum: 4, maximum: 21), by: { $0.itemID }, text: { $0.itemID.description }),
        .sorted("Name", width: .flexible(minimum: 16, weight: 1), by: { Text.sortKey($0.name) }, text: { $0.name }),
        .sorted("Units", width: .fitting(minimum: 4, maximum: 10), alignment: .right, by: { $0.quantity }, text: { Format.count($0.quantity) }),
        .sorted("Unit price", width: .fitting(minimum: 5, maximum: 14), alignment: .right, by: { $0.unitPrice }, text: { Format.money($0.unitPrice) }),
        .sorted("Line total", width: .fitting(minimum: 5, maximum: 20), alignment: .right, by: { $0.lineTotal }, style: { _ in .accent }, text: { Format.money($0.lineTotal) }),
        .sorted("On sale", width: .fitting(minimum: 4, maximum: 15), alignment: .right, by: { $0.available }, style: { $0.isShort ? .warning : nil }, text: { line in
            if line.available == 0 { return "sold out" }
            return line.isShort ? "only \(Format.count(line.available))" : Format.count(line.available)
        }),
    ]

    public static let table = Table<CartLine>(columns: columns, emptyMessage: "Your cart is empty — find something under 1 Search and press a to add it")

    public var rows: [CartLine] { Self.table.sorted(self.cart?.lines ?? [], by: self.table) }

    public var selected: CartLine? {
        let rows = self.rows
        return rows.indices.contains(self.table.selection) ? rows[self.table.selection] : nil
    }

    public var isEmpty: Bool { self.cart?.lines.isEmpty ?? true }

    /// Leaving now (logging out, quitting, the session ending) would lose changes that are not in
    /// the saved cart: lines, or an emptied cart (the saved lines would come back at the next login).
    public var wouldLoseChanges: Bool { self.hasUnsavedChanges }

    /// The cart is believed saved but holds lines, so another session of the buyer may have saved
    /// a different cart since: ask the server before leaving.
    public var needsSavedCheck: Bool { !self.hasUnsavedChanges && !self.isEmpty }

    /// Lines asking for more units than are on sale now: a checkout would be refused.
    public var shortLines: Int { self.cart?.lines.filter(\.isShort).count ?? 0 }

    /// Lines were added, removed or cleared in this session.
    public mutating func changedHere() {
        self.hasUnsavedChanges = true
        self.savedElsewhere = false
    }

    /// The cart is the saved one: saved from here.
    public mutating func isSavedNow() {
        self.hasUnsavedChanges = false
        self.savedElsewhere = false
    }

    /// A payment went through, or may have (its answer was lost): it emptied the cart and took
    /// what it bought out of the saved cart, which may still hold other lines. The next cart
    /// loaded says whether it is the saved one, not that another session saved over it.
    public mutating func paid() {
        self.hasUnsavedChanges = false
        self.mayHavePaid()
    }

    /// A payment's answer was lost: as ``paid()``, but the cart stays as it was believed to be
    /// until the next one comes.
    public mutating func mayHavePaid() {
        self.savedElsewhere = false
        self.savedStateAfterPayment = true
    }

    /// Set by ``paid()`` until the next cart comes.
    private var savedStateAfterPayment = false

    public mutating func loaded(_ cart: Cart, visibleRows: Int) {
        let previous = self.selected?.itemID
        self.cart = cart
        self.loadRequest = nil
        if let isSaved = cart.isSaved {
            if isSaved || self.savedStateAfterPayment {
                self.savedElsewhere = false
            } else if !self.hasUnsavedChanges {
                self.savedElsewhere = true
            }
            self.savedStateAfterPayment = false
            self.hasUnsavedChanges = !isSaved
        }
        let rows = self.rows
        let atShortLine = self.selectShortLineAfterLoad && self.table.select(firstOf: rows, where: \.isShort, visibleRows: visibleRows)
        self.selectShortLineAfterLoad = false
        if !atShortLine, !self.table.select(firstOf: rows, where: { $0.itemID == previous }, visibleRows: visibleRows) {
            self.table.clamp(rowCount: rows.count, visibleRows: visibleRows)
        }
    }

    /// The table's area within the content area (the total takes the last two rows).
    public static func tableArea(in content: Rect) -> Rect {
        Rect(x: content.x, y: content.y, width: content.width, height: content.height - 2)
    }

    public func position(visibleRows: Int) -> String? {
        guard let cart = self.cart else { return nil }
        return self.table.positionText(visibleRows: visibleRows, rowCount: cart.lines.count)
    }

    public func render(in content: Rect, canvas: inout Canvas, focused: Bool) {
        let area = Self.tableArea(in: content)
        Self.table.render(self.rows, state: self.table, in: area, canvas: &canvas, focused: focused)
        if self.cart == nil {
            canvas.write(self.loadRequest == nil ? "Cart not loaded — press r to try again" : "Loading your cart…",
                in: Rect(x: area.x, y: area.y + max(1, area.height / 2 - 1), width: area.width, height: 1), style: .muted, alignment: .center)
            return
        }
        guard let cart = self.cart, !cart.lines.isEmpty else {
            if self.hasUnsavedChanges {
                // Emptied or paid for, not saved: the saved lines come back at the next login
                // unless saved.
                let note = "Not saved: your saved cart still holds lines that come back at your next login — w saves the empty cart"
                canvas.write(note, in: Rect(x: content.x + 1, y: content.maxY - 1, width: content.width - 2, height: 1), style: .muted)
            }
            return
        }
        let totalRow = Rect(x: content.x, y: content.maxY - 1, width: content.width, height: 1)
        canvas.rule(Rect(x: content.x, y: content.maxY - 2, width: content.width, height: 1))
        let short = self.shortLines
        // With lines short of stock, also what the units on sale come to: what paying would cost.
        let total = "Total  " + Format.money(cart.total) + (short > 0 ? " · on sale " + Format.money(cart.totalOnSale) : "") + " "
        let limit = totalRow.width - DisplayWidth.of(total) - 2
        // Lines short of stock matter most (checkout would fail): they come first and, like the
        // note on saving, say it shorter rather than be cut where the line is narrow.
        let summaries = [(false, false), (false, true), (true, true)].map { shortForm, unsavedShort -> [Span] in
            var spans = [Span(" \(Format.units(cart.totalUnits)) in \(cart.lines.count) line\(cart.lines.count == 1 ? "" : "s")", .muted)]
            if short > 0 { spans.append(Span(shortForm ? " · \(short) short" : " · \(short) line\(short == 1 ? "" : "s") short of stock", .warning)) }
            let saving =
                if !self.hasUnsavedChanges { " · saved" }
                else if self.savedElsewhere { unsavedShort ? " · not the saved cart" : " · another session saved a different cart (w saves this)" }
                else { unsavedShort ? " · not saved" : " · not saved (w saves)" }
            spans.append(Span(saving, .muted))
            return spans
        }
        let left = summaries.first { DisplayWidth.of($0.map(\.text).joined()) <= limit } ?? summaries[summaries.count - 1]
        canvas.write(spans: left, x: totalRow.x, y: totalRow.y, limit: limit)
        canvas.write(total, in: Rect(x: totalRow.maxX - DisplayWidth.of(total), y: totalRow.y, width: DisplayWidth.of(total), height: 1), style: .title)
    }
}
