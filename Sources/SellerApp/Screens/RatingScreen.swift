public import MarketCore
import MarketUI
public import TerminalUI

/// The seller's standing: feedback totals as a meter, and units sold.
public struct RatingScreen: Sendable {
    public var rating: SellerRating?
    public var loadRequest: Int?

    public init() {}

    public func render(in content: Rect, itemsListed: Int?, canvas: inout Canvas) {
        let box = content.centered(Size(width: min(content.width - 4, 76), height: 15))
        canvas.box(box, style: .border, title: "Your rating")
        let inner = box.insetBy(dx: 3, dy: 2)
        guard let rating = self.rating else {
            canvas.write(self.loadRequest == nil ? "Not loaded — press r to try again" : "Loading…", in: inner.row(0), style: .muted)
            return
        }
        let number = "Seller #\(rating.sellerID)"
        let numberWidth = DisplayWidth.of(number)
        canvas.write(rating.name, in: Rect(x: inner.x, y: inner.y, width: inner.width - numberWidth - 1, height: 1), style: .title)
        canvas.write(number, x: inner.maxX - numberWidth, y: inner.y, style: .muted)
        let votes = rating.rating.thumbsUp + rating.rating.thumbsDown
        Meter.render(
            label: "Votes    ", filled: rating.rating.thumbsUp, of: votes,
            text: Format.share(rating.rating), style: .positive, restStyle: .negative, in: inner.row(2), canvas: &canvas
        )
        canvas.write(spans: [Span("👍 Thumbs up    ", .normal), Span(Format.count(rating.rating.thumbsUp), .positive)], x: inner.x, y: inner.y + 4, limit: inner.width)
        canvas.write(spans: [Span("👎 Thumbs down  ", .normal), Span(Format.count(rating.rating.thumbsDown), .negative)], x: inner.x, y: inner.y + 5, limit: inner.width)
        canvas.write(spans: [Span("   Units sold   ", .normal), Span(Format.count(rating.itemsSold), .accent)], x: inner.x, y: inner.y + 7, limit: inner.width)
        if let itemsListed {
            canvas.write(spans: [Span("   Items listed ", .normal), Span(Format.count(itemsListed), .accent)], x: inner.x, y: inner.y + 8, limit: inner.width)
        }
        canvas.write("Buyers rate items they bought; your rating is the sum over your items.", in: inner.row(inner.height - 1), style: .muted)
    }
}
