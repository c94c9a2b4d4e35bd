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
        self.form = Form([FormField(id: "price", label: "New price", value: item.price.description, hint: "Now \(Format.money(item.price))", maximumLength: 16)])
        self.validate()
    }

    public var value: Money? { try? FieldRules.parsePrice(self.form["price"]) }

    public mutating func validate() {
        var problems: [String: String] = [:]
        do {
            // Sending the same price would change nothing, and report it as a change.
            if try FieldRules.parsePrice(self.form["price"]) == self.item.price {
                problems["price"] = "That is the current price — type a new one."
            }
        } catch {
            problems["price"] = error.message
        }
        self.form.apply(problems: problems)
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
