public import MarketCore
public import MarketUI
public import TerminalUI

/// Taking units of an item off sale: how many, then a confirmation, since buyers can no longer
/// buy them.
public struct RemoveUnitsDialog: ConfirmingFormDialog {
    public var item: Item
    public var form: Form
    /// Shown once a valid count is entered.
    public var confirmation: Dialog?
    public var request: Int?
    public var failure: String?
    public var mayHaveGoneThrough = false
    /// Opened from the item's details, which Esc goes back to.
    public var fromDetail = false

    public init(item: Item) {
        self.item = item
        self.form = Form([FormField(id: "count", label: "Units", value: "1", hint: Self.hint(for: item), maximumLength: 9)], submitLabel: "Continue")
        self.validate()
    }

    private static func hint(for item: Item) -> String {
        item.quantity == 1 ? "1 unit on sale" : "1 to \(Format.count(item.quantity)) (\(Format.units(item.quantity)) on sale)"
    }

    /// The item as fetched again: what is on sale now, for the hint, the checks and the question
    /// (asked again with the new count, or taken back when the count no longer fits). The count's
    /// problem, if the change made one, is said under it at once, and only there.
    public mutating func itemChanged(_ item: Item) {
        self.item = item
        self.form.fields[0].hint = Self.hint(for: item)
        self.validate()
        self.form.showsAllProblems = true
        if self.confirmation != nil {
            self.confirmation = self.value.flatMap { self.form.isValid ? self.confirmation(for: $0) : nil }
        }
        if !self.form.isValid, !self.mayHaveGoneThrough { self.failure = nil }
    }

    public var value: Int? { FieldRules.parseCount(self.form["count"]) }

    /// A valid count is confirmed before it is sent; Cancel has the focus.
    public func confirmation(for count: Int) -> Dialog {
        let remaining = self.item.quantity - count
        return Dialog(
            title: "Confirm removal",
            lines: [
                Span("Take \(Format.units(count)) of \(Format.quoted(self.item.name)) off sale?"),
                Span(remaining == 0 ? "None will remain: buyers will no longer find it." : "\(Format.units(remaining)) will remain on sale.", remaining == 0 ? .warning : .muted),
            ],
            buttons: ["Remove", "Cancel"],
            focus: 1,
            isDestructive: true,
            actionTakesLetter: false
        )
    }

    public mutating func validate() {
        var problems: [String: String] = [:]
        if let count = self.value {
            do {
                // Beyond what is on sale, that is the problem to hear of (not the market's limit).
                if count <= self.item.quantity {
                    try FieldRules.validateQuantity(count, field: "remove", allowZero: false)
                } else {
                    problems["count"] = "Only \(Format.units(self.item.quantity)) on sale."
                }
            } catch {
                problems["count"] = error.message
            }
        } else {
            problems["count"] = "Enter a whole number of units."
        }
        if self.item.quantity == 0 { problems["count"] = "Nothing left to remove: no units are on sale." }
        self.form.apply(problems: problems)
        self.form.showProblemAsTyped(at: 0)
    }

    static let boxWidth = 64
    static let labelWidth = 8
    static let working = "Removing…"

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        FormBox.render(
            title: "Remove units",
            subtitle: [Span("\(self.item.id)  ", .muted), Span(self.item.name, .title)],
            form: self.form, labelWidth: Self.labelWidth, inputWidth: 12, notice: self.notice(working: Self.working), action: "continues", width: Self.boxWidth,
            confirmation: self.confirmation, in: screen, canvas: &canvas
        )
    }

    /// A click on a button of the confirmation over the form: the keys that press it.
    public func keys(forClickAt point: Point, in screen: Rect) -> [Key]? {
        self.keys(forClickAt: point, on: self.confirmation, boxWidth: Self.boxWidth, labelWidth: Self.labelWidth, working: Self.working, in: screen)
    }
}
