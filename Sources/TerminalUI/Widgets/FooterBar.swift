/// The bottom bar of key hints, htop style: each key in one colour, its label in another. When
/// they do not all fit, hints are left out from the end, before the last: the first ones (what
/// this screen is for), the help and the last (quit, by convention) stay.
public enum FooterBar {
    public static func render(_ hints: [KeyHint], in rect: Rect, canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        var hints = hints
        func width(_ hint: KeyHint) -> Int { DisplayWidth.of(hint.key) + DisplayWidth.of(hint.label) + 3 }
        // Too many for the width: drop the hints that come latest, keeping the first (the view's
        // own keys come first), the last (quitting) and the help, the one key a newcomer needs.
        while hints.count > 3, hints.reduce(0, { $0 + width($1) }) > rect.width,
            let drop = hints.indices.dropLast(1).last(where: { $0 > 0 && !hints[$0].key.hasPrefix("?") })
        {
            hints.remove(at: drop)
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

    /// The key of the hint drawn at column `x` of the footer row `y` of `canvas` (its key or its
    /// label), for a click on it: the footer says the keys, and a click presses them.
    public static func key(at x: Int, row y: Int, of canvas: Canvas) -> Key? {
        guard (0..<canvas.size.height).contains(y), (0..<canvas.size.width).contains(x) else { return nil }
        var end = x
        while end >= 0, canvas[end, y].style != .footerKey { end -= 1 }
        guard end >= 0 else { return nil }
        // Past a label's two trailing spaces is the bar's empty end, not the hint.
        let between = (end + 1..<x + 1).map { canvas[$0, y].text }.joined()
        guard !between.contains("   ") else { return nil }
        while end + 1 < canvas.size.width, canvas[end + 1, y].style == .footerKey { end += 1 }
        var start = end
        while start > 0, canvas[start - 1, y].style == .footerKey { start -= 1 }
        return Key(label: (start...end).map { canvas[$0, y].text }.joined())
    }
}
