/// The top bar: spans on the left (the app's name, tabs), spans on the right (user, server,
/// connection state). The right side wins when space is short.
public enum HeaderBar {
    public static func render(left: [Span], right: [Span], in rect: Rect, canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        canvas.fill(rect.row(0), style: .header)
        let rightWidth = min(Span.width(right), rect.width)
        let rightX = rect.maxX - rightWidth
        canvas.write(spans: left, x: rect.x, y: rect.y, limit: max(0, rightX - rect.x - 1))
        canvas.write(spans: right, x: rightX, y: rect.y, limit: rightWidth)
    }
}
