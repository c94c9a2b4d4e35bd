public import MarketCore
public import MarketUI
public import TerminalUI

/// Putting more units of an item on sale (restocking it): how many. Nothing is taken from
/// anyone, so it is not confirmed.
public struct AddUnitsDialog: FormDialog {
    public var item: Item
    public var form: Form
    public var request: Int?
    public var failure: String?
    public var mayHaveGoneThrough = false
    /// Opened from the item's details, which Esc goes back to.
    public var fromDetail = false

    public init(item: Item) {
        self.item = item
        self.form = Form([FormField(id: "count", label: "Units", value: "1", hint: Self.hint(for: item), maximumLength: 9)], submitLabel: "Add")
        self.validate()
    }

    /// Units that can still be put on sale.
    private var room: Int { max(0, FieldRules.maximumQuantity - self.item.quantity) }

    private static func hint(for item: Item) -> String {
        let now = item.quantity == 0 ? "none on sale now" : "\(Format.units(item.quantity)) on sale now"
        let room = max(0, FieldRules.maximumQuantity - item.quantity)
        return room == 0 ? "\(now), the most there can be" : "1 to \(Format.count(room)) (\(now))"
    }

    /// The item as fetched again: the hint and the check follow what is on sale now.
    public mutating func itemChanged(_ item: Item) {
        self.item = item
        self.form.fields[0].hint = Self.hint(for: item)
        self.validate()
    }

    public var value: Int? { FieldRules.parseCount(self.form["count"]) }

    public mutating func validate() {
        var problems: [String: String] = [:]
        if let count = self.value {
            // Over what fits, that is the problem to hear of, however far over.
            if count > self.room, count > 0 {
                problems["count"] = self.room == 0
                    ? "No more fit: \(Format.count(FieldRules.maximumQuantity)) is the most."
                    : "At most \(Format.count(self.room)) more (\(Format.count(FieldRules.maximumQuantity)) in all)."
            } else {
                do { try FieldRules.validateQuantity(count, field: "add", allowZero: false) } catch { problems["count"] = error.message }
            }
        } else {
            problems["count"] = "Enter a whole number of units."
        }
        self.form.apply(problems: problems)
        self.form.showProblemAsTyped(at: 0)
    }

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        FormBox.render(
            title: "Add units",
            subtitle: [Span("\(self.item.id)  ", .muted), Span(self.item.name, .title)],
            form: self.form, labelWidth: 8, inputWidth: 12, notice: self.notice(working: "Adding…"), action: "adds", width: 64, in: screen, canvas: &canvas
        )
    }
}
