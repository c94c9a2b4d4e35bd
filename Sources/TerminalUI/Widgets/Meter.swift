/// An htop-style meter: `Label [||||||||||||||||||||||    ] 80% positive`, the filled part in
/// `style` and, when given, the rest of the whole in `restStyle` (thumbs down after thumbs up),
/// the text after the bar so that it hides no part of it. The rest is drawn with `-` rather than
/// `|`, so that the two parts differ without colours too (`NO_COLOR`).
public enum Meter {
    public static func render(
        label: String, filled numerator: Int, of denominator: Int, text: String, style: Style, restStyle: Style? = nil, in rect: Rect, canvas: inout Canvas
    ) {
        guard rect.width > 10 else { return }
        var x = rect.x
        x += canvas.write(label, x: x, y: rect.y, style: .accent, limit: rect.width)
        x += canvas.write(" [", x: x, y: rect.y, style: .border)
        let text = " " + text
        let barWidth = max(0, rect.maxX - x - 1 - DisplayWidth.of(text))
        let filled = denominator > 0 ? min(barWidth, (numerator * barWidth + denominator / 2) / denominator) : 0
        canvas.write(String(repeating: "|", count: filled), x: x, y: rect.y, style: style)
        if let restStyle, denominator > 0 {
            canvas.write(String(repeating: "-", count: barWidth - filled), x: x + filled, y: rect.y, style: restStyle)
        }
        canvas.write("]", x: x + barWidth, y: rect.y, style: .border)
        canvas.write(text, x: x + barWidth + 1, y: rect.y, style: .muted, limit: rect.maxX - x - barWidth - 1)
    }
}
