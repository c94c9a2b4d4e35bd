/// What the whole screen shows when the terminal is smaller than the layout needs.
public enum TooSmallNotice {
    public static func render(size: Size, minimum: Size, canvas: inout Canvas) {
        let bounds = canvas.bounds
        let lines = [
            Span("Terminal too small", .warning),
            Span("\(size.width)×\(size.height) — needs at least \(minimum.width)×\(minimum.height)", .normal),
            Span("Enlarge the window, or press Ctrl-C to quit.", .muted),
        ]
        // Wrapped, not cut: this is what a small window shows, so it has to be read whole there.
        let rows = lines.flatMap { line in DisplayWidth.wrap(line.text, to: max(1, bounds.width - 2)).map { Span($0, line.style) } }
        let top = max(0, (bounds.height - rows.count) / 2)
        for (index, row) in rows.enumerated() where top + index < bounds.height {
            canvas.write(row.text, in: Rect(x: 0, y: top + index, width: bounds.width, height: 1), style: row.style, alignment: .center)
        }
    }
}
