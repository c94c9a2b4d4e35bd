/// The bottom bar of key hints, htop style: each key in one colour, its label in another. Hints
/// that do not fit are left out from the end.
public enum FooterBar {
    public static func render(_ hints: [KeyHint], in rect: Rect, canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        canvas.fill(rect.row(0), style: .footer)
        var x = rect.x
        for hint in hints {
            let key = hint.key
            let label = " " + hint.label + "  "
            let needed = DisplayWidth.of(key) + DisplayWidth.of(label)
            guard x + needed <= rect.maxX else { break }
            x += canvas.write(key, x: x, y: rect.y, style: .footerKey)
            x += canvas.write(label, x: x, y: rect.y, style: .footer)
        }
    }
}
