/// The line above the footer: what the program is doing (a spinner and "working…") or what just
/// happened (a success or an error in plain words) on the left, a position such as "1–20 of 312"
/// on the right. The message comes first: the position is left out when both do not fit with
/// ``gap`` columns between them, so the two never read as one sentence. A message too long for
/// the line shortens the names it quotes before losing its end.
public enum StatusBar {
    /// The least room between the message and the position.
    static let gap = 3

    public static func render(message: Span?, busy: String?, tick: Int, trailing: String?, in rect: Rect, canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        canvas.fill(rect.row(0), style: .normal)
        let busyWidth = busy.map { DisplayWidth.of(Spinner.frame(tick) + " " + $0) + 2 } ?? 0
        let messageWidth = message.map { DisplayWidth.of($0.text) } ?? 0
        var trailing = trailing
        if let shown = trailing, message != nil, 1 + busyWidth + messageWidth + Self.gap + DisplayWidth.of(shown) + 1 > rect.width {
            trailing = nil
        }
        let trailingWidth = trailing.map { DisplayWidth.of($0) + 1 } ?? 0
        var x = rect.x + 1
        let limit = rect.maxX - trailingWidth - 1
        if let busy {
            x += canvas.write(Spinner.frame(tick) + " ", x: x, y: rect.y, style: .accent, limit: max(0, limit - x))
            x += canvas.write(busy, x: x, y: rect.y, style: .muted, limit: max(0, limit - x))
            x += 2
        }
        if let message, x < limit {
            canvas.write(DisplayWidth.shorten(message.text, to: limit - x), x: x, y: rect.y, style: message.style, limit: limit - x)
        }
        if let trailing {
            canvas.write(trailing, x: rect.maxX - trailingWidth, y: rect.y, style: .muted)
        }
    }
}
