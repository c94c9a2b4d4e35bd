/// The bottom bar of key hints, htop style: each key in one colour, its label in another. When
/// they do not all fit, hints are left out from the middle: the first ones (what this screen is
/// for) and the last two (help and quit, by convention) stay.
public enum FooterBar {
    public static func render(_ hints: [KeyHint], in rect: Rect, canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        var hints = hints
        func width(_ hint: KeyHint) -> Int { DisplayWidth.of(hint.key) + DisplayWidth.of(hint.label) + 3 }
        while hints.count > 3, hints.reduce(0, { $0 + width($1) }) > rect.width {
            hints.remove(at: hints.count - 3)
        }
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
