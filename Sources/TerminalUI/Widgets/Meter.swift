/// An htop-style meter: `Label [|||||||||||         ] 80%`, the filled part in `style`.
public enum Meter {
    public static func render(label: String, filled numerator: Int, of denominator: Int, text: String, style: Style, in rect: Rect, canvas: inout Canvas) {
        guard rect.width > 10 else { return }
        var x = rect.x
        x += canvas.write(label, x: x, y: rect.y, style: .accent, limit: rect.width)
        x += canvas.write(" [", x: x, y: rect.y, style: .border)
        let barWidth = max(0, rect.maxX - x - 1)
        let filled = denominator > 0 ? min(barWidth, (numerator * barWidth + denominator / 2) / denominator) : 0
        canvas.write(String(repeating: "|", count: filled), x: x, y: rect.y, style: style)
        let label = " " + text
        let textX = x + max(0, barWidth - DisplayWidth.of(label))
        canvas.write(label, x: textX, y: rect.y, style: .muted, limit: barWidth)
        canvas.write("]", x: x + barWidth, y: rect.y, style: .border)
    }
}
