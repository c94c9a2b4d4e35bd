public import MarketCore
public import MarketUI
public import TerminalUI

/// How many units to add to the cart, or to take out of it.
public struct QuantityDialog: FormDialog {
    public enum Purpose: Sendable, Hashable {
        case add
        case remove
    }

    public var purpose: Purpose
    public var item: ItemID
    public var name: String
    /// The most units the dialog accepts.
    public var maximum: Int
    /// Units of the item in the cart already (when adding): the most to add is what is on sale
    /// less these.
    public var inCart: Int
    public var unitPrice: Money
    public var form: Form
    public var request: Int?
    public var failure: String?
    public var mayHaveGoneThrough = false
    /// The item's details it was opened from, which Esc goes back to.
    public var fromDetail: BuyerItemDetail?
    /// The item's units in the cart when the answer was lost; the change shows against it.
    public var inCartBefore: Int?

    /// - Parameter suggested: the units first filled in: 1 to add; to remove, all of the line,
    ///   unless the caller knows better (the units beyond what is on sale, for a line short of
    ///   stock).
    public init(purpose: Purpose, item: ItemID, name: String, maximum: Int, unitPrice: Money, inCart: Int = 0, suggested: Int? = nil) {
        self.purpose = purpose
        self.item = item
        self.name = name
        self.maximum = maximum
        self.inCart = inCart
        self.unitPrice = unitPrice
        let hint = switch purpose {
        case .add: Self.addHint(onSale: maximum, inCart: inCart)
        case .remove: maximum == 1 ? "1 unit in your cart" : "1 to \(Format.count(maximum)) (\(Format.units(maximum)) in your cart)"
        }
        let value = suggested ?? (purpose == .remove ? maximum : 1)
        self.form = Form([FormField(id: "quantity", label: "Units", value: "\(value)", hint: hint, maximumLength: 9)], submitLabel: purpose == .add ? "Add" : "Remove")
        self.validate()
    }

    public var value: Int? { FieldRules.parseCount(self.form["quantity"]) }

    /// The item was fetched again while the box is open (after a refusal for stock): what may be
    /// added, the hint and the price follow what is on sale now.
    public mutating func itemChanged(_ item: Item) {
        guard self.purpose == .add, item.id == self.item else { return }
        self.maximum = max(0, item.quantity - self.inCart)
        self.unitPrice = item.price
        self.form.fields[0].hint = item.quantity == 0 ? "Sold out" : Self.addHint(onSale: self.maximum, inCart: self.inCart)
        self.validate()
        // A refusal for stock is now said under the field, with the count as it stands: once is enough.
        if self.form.fields[0].problem != nil, !self.mayHaveGoneThrough { self.failure = nil }
    }

    static func addHint(onSale maximum: Int, inCart: Int) -> String {
        inCart > 0
            ? "\(Format.count(maximum + inCart)) on sale, \(Format.count(inCart)) already in your cart — up to \(Format.count(maximum)) more"
            : "\(Format.units(maximum)) on sale"
    }

    public mutating func validate() {
        var problems: [String: String] = [:]
        if let quantity = self.value {
            // Beyond what there is, that is the problem to hear of (not the market's own limit).
            do {
                if quantity <= self.maximum {
                    try FieldRules.validateQuantity(quantity, allowZero: false)
                } else {
                    problems["quantity"] = switch self.purpose {
                    case .add where self.inCart > 0:
                        "Only \(Format.count(self.maximum)) more: \(Format.count(self.maximum + self.inCart)) on sale, \(Format.count(self.inCart)) in your cart."
                    case .add where self.maximum == 0: "Sold out: none left on sale."
                    case .add: "Only \(Format.units(self.maximum)) on sale."
                    case .remove: "Your cart holds \(Format.units(self.maximum))."
                    }
                }
            } catch {
                problems["quantity"] = error.message
            }
        } else {
            problems["quantity"] = "Enter a whole number of units."
        }
        self.form.apply(problems: problems)
        self.form.showProblemAsTyped(at: 0)
    }

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        let working = self.purpose == .add ? "Adding…" : "Removing…"
        var notice = self.notice(working: working)
        if notice == nil, let quantity = self.value, self.form.isValid {
            let amount = "\(Format.count(quantity)) × \(Format.money(self.unitPrice)) = \(Format.money(self.unitPrice * quantity))"
            notice = switch self.purpose {
            case .add: Span("\(amount) · Enter to confirm", .accent)
            case .remove: Span("Takes \(amount) off your cart · Enter to confirm", .accent)
            }
        }
        return FormBox.render(
            title: self.purpose == .add ? "Add to cart" : "Remove from cart",
            subtitle: [Span("\(self.item)  ", .muted), Span(self.name, .title)],
            form: self.form, labelWidth: 6, inputWidth: 12, notice: notice, action: self.purpose == .add ? "adds" : "removes", width: 76, in: screen, canvas: &canvas
        )
    }
}
