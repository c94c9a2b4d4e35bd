public import MarketCore
public import MarketUI
public import TerminalUI

/// Paying for the whole cart: a card form checked as it is typed (holder, number with its check
/// digit, expiry not in the past), then a confirmation naming the amount. Esc once card details
/// are typed in asks before throwing them away.
public struct CheckoutScreen: ConfirmingFormDialog, DiscardingFormDialog {
    public var form: Form
    /// What the payment is for: the cart, less what it holds beyond what is on sale.
    public var total: Money
    public var units: Int
    /// The lines holding more than is on sale (found when a payment was refused for stock, or the
    /// cart was fetched again while the box is open): the payment takes the excess out first.
    public var shortages: [CartLine] = []
    public var currentMonth: YearMonth
    /// The payment's confirmation.
    public var confirmation: Dialog?
    /// Whether to drop the card details, after Esc on a form with some typed in.
    public var discardQuestion: Dialog?
    public var request: Int?
    public var failure: String?
    public var mayHaveGoneThrough = false
    /// The newest purchase on record when a payment's answer was lost; a newer one is that payment.
    public var newestOrderBefore: Int64?
    /// The number of orders on record then, when the newest was not on show (a later page of the
    /// purchases was): one more is that payment.
    public var ordersBefore: Int?
    /// The last payment was refused for stock: once the cart is fetched again, the box says what
    /// the next Enter does about it rather than repeat the server's advice to do it by hand.
    var refusedForStock = false
    /// The holder the form started with (the buyer's name, where it could be a card's).
    private var holderFilledIn = ""

    public init(holder: String, total: Money, units: Int, currentMonth: YearMonth) {
        self.total = total
        self.units = units
        self.currentMonth = currentMonth
        self.form = Form([
            FormField(id: "holder", label: "Card holder", value: holder, hint: "As printed on the card", maximumLength: 80),
            FormField(id: "number", label: "Card number", hint: "12–19 digits; spaces are fine; only the last 4 are kept", maximumLength: 30),
            FormField(id: "expiry", label: "Expiry", hint: "MM/YY", maximumLength: 7),
        ], focus: holder.isEmpty ? 0 : 1, submitLabel: "Continue")
        self.holderFilledIn = holder
        self.validate()
    }

    public var card: PaymentCard {
        PaymentCard(holder: self.form["holder"], number: self.form["number"], expiry: self.form["expiry"])
    }

    /// The card, normalised, once every field is right.
    public var value: PaymentCard? {
        try? FieldRules.validateCard(self.card, currentMonth: self.currentMonth)
    }

    /// Once a payment is under way the box stays until its outcome is known.
    public static var closesWhileWorking: Bool { false }

    /// Why there is no payment to make when every line of the cart is sold out.
    public static let nothingOnSale = "Nothing in your cart is on sale any more, so there is nothing to pay for — x takes lines out, X empties the cart."

    public mutating func handle(_ key: Key) -> FormDialogOutcome<PaymentCard> {
        // Every line sold out while the box was open: there is no payment to confirm.
        if key == .enter, self.units == 0, self.shownQuestion == nil, !self.isWorking {
            self.failure = Self.nothingOnSale
            return .none
        }
        return self.askingBeforeDiscarding(key) { $0.handleConfirming($1) }
    }

    public var unsentWork: String? { self.hasCardDetails ? "the card details you typed" : nil }

    /// Whether anything was typed in: a card number, an expiry, or a holder other than the one
    /// filled in.
    var hasCardDetails: Bool {
        !Text.trimmingWhitespace(self.form["number"]).isEmpty || !Text.trimmingWhitespace(self.form["expiry"]).isEmpty
            || Text.trimmingWhitespace(self.form["holder"]) != self.holderFilledIn
    }

    /// A valid card is confirmed, with the amount, before paying; first, if the cart holds more
    /// than is on sale, what will be taken out of it.
    public func confirmation(for card: PaymentCard) -> Dialog {
        let takingOut = self.shortages.isEmpty ? [] : [
            Span("Take out what is not on sale any more:"),
            Span(self.shortages.map { "\(Format.count($0.unitsShort)) × \(Format.quoted($0.name))" }.joined(separator: ", "), .warning),
        ]
        return Dialog(
            title: "Confirm payment",
            lines: takingOut + [
                Span((self.shortages.isEmpty ? "Pay " : "then pay ") + "\(Format.money(self.total)) for \(Format.units(self.units))"),
                Span("with the card ending in \(card.last4)?", .muted),
            ],
            buttons: ["Pay", "Cancel"],
            focus: 0,
            // Money spent by a stray p: paying takes Enter, y or a click.
            actionTakesLetter: false
        )
    }

    /// Checks the card field by field, with the server's rules.
    public mutating func validate() {
        var problems: [String: String] = [:]
        do { _ = try FieldRules.validateCardHolder(self.form["holder"]) } catch { problems["holder"] = error.message }
        // validateCard stops at the first problem, so each field is checked on its own with a
        // stand-in for the others.
        let goodNumber = "4111111111111111"
        let goodExpiry = "12/99"
        let holder = "A"
        do { _ = try FieldRules.validateCard(PaymentCard(holder: holder, number: self.form["number"], expiry: goodExpiry), currentMonth: self.currentMonth) } catch {
            problems["number"] = error.message
        }
        do { _ = try FieldRules.validateCard(PaymentCard(holder: holder, number: goodNumber, expiry: self.form["expiry"]), currentMonth: self.currentMonth) } catch {
            problems["expiry"] = error.message
        }
        self.form.apply(problems: problems)
    }

    /// The cart was loaded again while the box is open: what the confirmation names, and what
    /// the payment is refused for if it changes again, is the cart's total now.
    public mutating func cartChanged(_ cart: Cart) {
        let confirmed = self.terms
        self.shortages = cart.lines.filter(\.isShort)
        self.total = cart.totalOnSale
        self.units = cart.unitsOnSale
        // A question on show names what Pay pays: asked again for the cart as it is now, so a
        // payment never sends a total the buyer did not see (the server checks what is sent).
        if let shown = self.confirmation, !self.isWorking, self.terms != confirmed {
            if self.units == 0 {
                self.confirmation = nil
            } else if let card = self.value {
                var question = self.confirmation(for: card)
                question.focus = shown.focus
                self.confirmation = question
            }
            self.failure = "Your cart changed meanwhile: the total is now \(Format.money(self.total)), as the question says."
        }
        // Said at once, rather than after a card is typed for a total of nothing; not over the
        // warning that the last payment may have gone through (which would have emptied it).
        if self.mayHaveGoneThrough {
            return
        } else if self.units == 0, !self.isWorking {
            self.failure = Self.nothingOnSale
        } else if self.refusedForStock, !self.shortages.isEmpty, !self.isWorking {
            self.failure = "Nothing was bought: the stock changed meanwhile. Enter takes out what is no longer on sale and pays for the rest."
        }
    }

    /// What the payment question names: the total, the units, and the units taken out of each
    /// line short of stock.
    private var terms: Terms { Terms(total: self.total, units: self.units, takenOut: self.shortages.map { [$0.itemID: $0.unitsShort] }) }

    private struct Terms: Equatable {
        var total: Money
        var units: Int
        var takenOut: [[ItemID: Int]]
    }

    /// The units the payment takes out of the cart first.
    var unitsTakenOut: Int { self.shortages.reduce(0) { $0 + $1.unitsShort } }

    /// The payment failed: show why (``failed(_:after:)``), with the cursor on the field the
    /// server names.
    public mutating func paymentFailed(_ sentence: String, error: MarketError) {
        self.failed(sentence, after: error)
        self.refusedForStock = error.code == .insufficientStock
        let ids = ["card.holder": "holder", "card.number": "number", "card.expiry": "expiry"]
        if let field = error.field, let id = ids[field], let index = self.form.fields.firstIndex(where: { $0.id == id }) {
            self.form.focus(on: index)
        }
    }

    static let boxWidth = 78
    static let labelWidth = 12
    static let working = "Paying…"

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        FormBox.render(
            title: "Checkout",
            subtitle: [Span("Total ", .muted), Span(Format.money(self.total), .title), Span(" for \(Format.units(self.units))", .muted)]
                + (self.shortages.isEmpty ? [Span(".", .muted)] : [Span(", once \(Format.units(self.unitsTakenOut)) no longer on sale \(self.unitsTakenOut == 1 ? "is" : "are") taken out.", .warning)]),
            form: self.form, labelWidth: Self.labelWidth, inputWidth: 28, notice: self.notice(working: Self.working), action: "continues", width: Self.boxWidth,
            confirmation: self.shownQuestion, in: screen, canvas: &canvas
        )
    }

    /// A click on a button of the question over the form, or on a field: the keys that press or
    /// focus it.
    public func keys(forClickAt point: Point, in screen: Rect) -> [Key]? {
        self.keys(forClickAt: point, on: self.shownQuestion, boxWidth: Self.boxWidth, labelWidth: Self.labelWidth, working: Self.working, in: screen)
    }
}
