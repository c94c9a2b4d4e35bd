public import MarketCore
import MarketUI
public import TerminalUI

/// Taking units of an item off sale: how many, then a confirmation, since buyers can no longer
/// buy them.
public struct RemoveUnitsDialog: Sendable {
    public var item: Item
    public var form: Form
    /// Shown once a valid count is entered.
    public var confirmation: Dialog?
    public var request: Int?
    public var failure: String?

    public init(item: Item) {
        self.item = item
        self.form = Form([
            FormField(id: "count", label: "Units", value: "1", hint: "1 to \(Format.count(item.quantity)) (\(Format.units(item.quantity)) on sale)", maximumLength: 9)
        ])
        self.validate()
    }

    public enum Outcome: Sendable, Hashable {
        case none
        case submit(Int)
        case cancel
    }

    public var count: Int? { Int(Text.trimmingWhitespace(self.form["count"])) }

    public mutating func handle(_ key: Key) -> Outcome {
        if self.request != nil { return key == .escape ? .cancel : .none }
        if var confirmation = self.confirmation {
            let outcome = confirmation.handle(key)
            self.confirmation = confirmation
            guard case .pressed(let button) = outcome else { return .none }
            self.confirmation = nil
            if button == 0, let count = self.count { return .submit(count) }
            return .none
        }
        switch self.form.handle(key) {
        case .edited:
            self.failure = nil
            self.validate()
            return .none
        case .submit:
            guard let count = self.count else { return .none }
            let remaining = self.item.quantity - count
            self.confirmation = Dialog(
                title: "Remove units",
                lines: [
                    Span("Take \(Format.units(count)) of \(Format.quoted(self.item.name)) off sale?"),
                    Span(remaining == 0 ? "None will remain: buyers will no longer find it." : "\(Format.units(remaining)) will remain on sale.", remaining == 0 ? .warning : .muted),
                ],
                buttons: ["Remove", "Cancel"],
                focus: 1,
                isDestructive: true
            )
            return .none
        case .cancel:
            return .cancel
        case .moved, .refused, .ignored:
            return .none
        }
    }

    public mutating func validate() {
        var problems: [String: String] = [:]
        if let count = self.count {
            do {
                try FieldRules.validateQuantity(count, field: "remove", allowZero: false)
                if count > self.item.quantity {
                    problems["count"] = "Only \(Format.units(self.item.quantity)) on sale."
                }
            } catch {
                problems["count"] = error.message
            }
        } else {
            problems["count"] = "Enter a whole number of units."
        }
        if self.item.quantity == 0 { problems["count"] = "Nothing left to remove: this item is sold out." }
        self.form.apply(problems: problems)
    }

    public mutating func failed(_ sentence: String) {
        self.request = nil
        self.failure = sentence
    }

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        let notice = FormBox.notice(working: "Removing…", isWorking: self.request != nil, failure: self.failure)
        let cursor = FormBox.render(
            title: "Remove units",
            subtitle: [Span("\(self.item.id)  ", .muted), Span(self.item.name, .title)],
            form: self.form, labelWidth: 8, inputWidth: 12, notice: notice, action: "continues", width: 64, in: screen, canvas: &canvas
        )
        if let confirmation = self.confirmation {
            confirmation.render(in: screen, canvas: &canvas)
            return nil
        }
        return cursor
    }
}
