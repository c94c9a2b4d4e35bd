/// What the whole screen shows when the terminal is smaller than the layout needs.
public enum TooSmallNotice {
    public static func render(size: Size, minimum: Size, canvas: inout Canvas) {
        let bounds = canvas.bounds
        let lines = [
            Span("Terminal too small", .warning),
            Span("\(size.width)×\(size.height) — needs at least \(minimum.width)×\(minimum.height)", .normal),
            Span("Enlarge the window, or press Ctrl-C to quit.", .muted),
        ]
        let top = max(0, (bounds.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < bounds.height {
            canvas.write(line.text, in: Rect(x: 0, y: top + index, width: bounds.width, height: 1), style: line.style, alignment: .center)
        }
    }
}
