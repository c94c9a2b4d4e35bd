public import MarketCore
import MarketUI
public import TerminalUI

/// Changing one item's price.
public struct PriceDialog: Sendable {
    public var item: Item
    public var form: Form
    public var request: Int?
    public var failure: String?

    public init(item: Item) {
        self.item = item
        self.form = Form([FormField(id: "price", label: "New price", value: item.price.description, hint: "Now \(Format.money(item.price))", maximumLength: 16)])
        self.validate()
    }

    public enum Outcome: Sendable, Hashable {
        case none
        case submit(Money)
        case cancel
    }

    public mutating func handle(_ key: Key) -> Outcome {
        if self.request != nil { return key == .escape ? .cancel : .none }
        switch self.form.handle(key) {
        case .edited:
            self.failure = nil
            self.validate()
            return .none
        case .submit:
            guard let price = Money(Text.trimmingWhitespace(self.form["price"])) else { return .none }
            return .submit(price)
        case .cancel:
            return .cancel
        case .moved, .refused, .ignored:
            return .none
        }
    }

    public mutating func validate() {
        var problems: [String: String] = [:]
        if let price = Money(Text.trimmingWhitespace(self.form["price"])) {
            do { try FieldRules.validatePrice(price) } catch { problems["price"] = error.message }
        } else {
            problems["price"] = "Price must be an amount like 12 or 12.50."
        }
        self.form.apply(problems: problems)
    }

    public mutating func failed(_ sentence: String) {
        self.request = nil
        self.failure = sentence
    }

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        let notice = FormBox.notice(working: "Saving…", isWorking: self.request != nil, failure: self.failure)
        return FormBox.render(
            title: "Change price",
            subtitle: [Span("\(self.item.id)  ", .muted), Span(self.item.name, .title)],
            form: self.form, labelWidth: 10, inputWidth: 18, notice: notice, width: 64, in: screen, canvas: &canvas
        )
    }
}
