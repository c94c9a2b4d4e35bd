public import MarketCore
public import MarketUI
public import TerminalUI

/// Changing one item's price.
public struct PriceDialog: FormDialog {
    public var item: Item
    public var form: Form
    public var request: Int?
    public var failure: String?
    public var mayHaveGoneThrough = false
    /// Opened from the item's details, which Esc goes back to.
    public var fromDetail = false

    public init(item: Item) {
        self.item = item
        self.form = Form([FormField(id: "price", label: "New price", value: item.price.description, hint: "Now \(Format.money(item.price))", maximumLength: 16)], submitLabel: "Save")
        self.validate()
    }

    public var value: Money? { try? FieldRules.parsePrice(self.form["price"]) }

    /// The item as fetched again (the box fetches the page when it opens: another session may
    /// have changed the price): the hint and the check follow the price as it is now, and a
    /// price not typed over yet becomes the new one.
    public mutating func itemChanged(_ fresh: Item) {
        let untouched = !self.form.fields[0].touched
        self.item = fresh
        if untouched { self.form.set("price", to: fresh.price.description) }
        self.validate()
    }

    public mutating func validate() {
        var problems: [String: String] = [:]
        var new = ""
        do {
            let typed = try FieldRules.parsePrice(self.form["price"])
            // Sending the same price would change nothing, and report it as a change.
            if typed == self.item.price {
                problems["price"] = "That is the current price — type a new one."
            } else {
                new = ", new \(Format.money(typed))"
            }
        } catch {
            problems["price"] = error.message
        }
        self.form.apply(problems: problems)
        self.form.fields[0].hint = "Now \(Format.money(self.item.price))" + new
    }

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        let notice = self.notice(working: "Saving…")
        return FormBox.render(
            title: "Change price",
            subtitle: [Span("\(self.item.id)  ", .muted), Span(self.item.name, .title)],
            form: self.form, labelWidth: 10, inputWidth: 18, notice: notice, width: 64, in: screen, canvas: &canvas
        )
    }
}
