public import MarketCore
public import MarketUI
public import TerminalUI

/// Looking up any seller's rating by their number.
public struct SellerLookupScreen: FormDialog {
    public var form: Form
    public var result: SellerRating?
    public var request: Int?
    public var failure: String?
    public var mayHaveGoneThrough = false

    public init(seller: SellerID? = nil) {
        self.form = Form([FormField(id: "seller", label: "Seller #", value: seller.map { "\($0)" } ?? "", hint: "The # by the seller's name in an item's details", maximumLength: 19)], submitLabel: "Look up")
        self.validate()
    }

    public var value: SellerID? {
        Int64(self.typedNumber).flatMap { $0 > 0 ? SellerID($0) : nil }
    }

    /// The number as typed: full-width digits as ASCII, and a leading # (as item boxes show
    /// sellers, “#139”) dropped.
    private var typedNumber: String {
        let typed = Text.trimmingWhitespace(Text.halfWidth(self.form["seller"]))
        return typed.hasPrefix("#") ? Text.trimmingWhitespace(String(typed.dropFirst())) : typed
    }

    /// The lookup failed: no such seller is said under the number (in place of the hint's tick),
    /// anything else under the form.
    public mutating func failed(_ error: MarketError, sentence: String) {
        guard error.code == .notFound else { return self.failed(sentence) }
        self.request = nil
        self.form.reject("seller", saying: sentence)
    }

    /// An edit also clears the last answer, which was for another number.
    public mutating func edited() {
        self.failure = nil
        self.result = nil
        self.validate()
    }

    public mutating func validate() {
        guard self.value == nil else { return self.form.apply(problems: [:]) }
        let typed = self.typedNumber
        let problem =
            if Int(typed).map({ $0 < 1 }) == true {
                "Seller numbers start at 1."
            } else if !typed.isEmpty, typed.allSatisfy({ $0.isASCII && $0.isNumber }) {
                "No seller has so large a number."
            } else {
                "Enter a seller's number, e.g. 3."
            }
        self.form.apply(problems: ["seller": problem])
    }

    @discardableResult
    public func render(in screen: Rect, canvas: inout Canvas) -> Point? {
        // Room for a result's four lines once there is one; one line before.
        let box = screen.centered(Size(width: min(screen.width - 4, 68), height: self.result != nil && self.request == nil && self.failure == nil ? 13 : 10))
        canvas.box(box, style: .border, title: "Seller rating", fill: .dialog)
        canvas.write("Look up how buyers rated a seller's items.", in: Rect(x: box.x + 3, y: box.y + 2, width: box.width - 6, height: 1), style: .muted)
        let cursor = self.form.render(in: Rect(x: box.x + 2, y: box.y + 4, width: box.width - 4, height: 2), canvas: &canvas, labelWidth: 9, inputWidth: 14, focused: self.request == nil)
        let inner = Rect(x: box.x + 3, y: box.y + 7, width: box.width - 6, height: 5)
        if self.request != nil {
            canvas.write("Looking up…", in: inner.row(0), style: .muted)
        } else if let failure = self.failure {
            canvas.write("✗ " + failure, in: inner.row(0), style: .error)
        } else if let result = self.result {
            canvas.write(spans: [Span(result.name, .title), Span("  #\(result.sellerID)", .muted)], x: inner.x, y: inner.y, limit: inner.width)
            let votes = result.rating.thumbsUp + result.rating.thumbsDown
            Meter.render(label: "Votes    ", filled: result.rating.thumbsUp, of: votes, text: Format.share(result.rating), style: .positive, restStyle: .negative, in: inner.row(2), canvas: &canvas)
            canvas.write(spans: Format.ratingSpans(result.rating).dropLast() + [Span("·  ", .muted), Span(Format.units(result.itemsSold) + " sold", .accent)], x: inner.x, y: inner.y + 3, limit: inner.width)
        } else {
            canvas.write("Enter looks it up · Esc closes", in: inner.row(0), style: .muted)
        }
        return self.request == nil ? cursor : nil
    }
}
