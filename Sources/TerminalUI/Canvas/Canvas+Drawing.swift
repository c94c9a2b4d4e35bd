extension Canvas {
    /// Line characters for frames.
    public enum Line {
        public static let horizontal = "─"
        public static let vertical = "│"
        public static let topLeft = "╭"
        public static let topRight = "╮"
        public static let bottomLeft = "╰"
        public static let bottomRight = "╯"
        public static let teeLeft = "├"
        public static let teeRight = "┤"
    }

    /// Draws a rounded frame around `rect` (its outermost cells) with an optional title in the top
    /// edge, and fills the inside with `fill` when given.
    public mutating func box(_ rect: Rect, style: Style = .border, title: String? = nil, titleStyle: Style = .dialogTitle, fill: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        if let fill { self.fill(rect.insetBy(dx: 1, dy: 1), style: fill) }
        let inner = rect.width - 2
        self.write(Line.topLeft + String(repeating: Line.horizontal, count: inner) + Line.topRight, x: rect.x, y: rect.y, style: style)
        self.write(Line.bottomLeft + String(repeating: Line.horizontal, count: inner) + Line.bottomRight, x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            self.write(Line.vertical, x: rect.x, y: y, style: style)
            self.write(Line.vertical, x: rect.maxX - 1, y: y, style: style)
        }
        if let title, inner > 4 {
            let text = " " + DisplayWidth.truncate(title, to: inner - 4) + " "
            self.write(text, x: rect.x + 2, y: rect.y, style: titleStyle)
        }
    }

    /// Draws a horizontal rule across `rect`'s first row.
    public mutating func rule(_ rect: Rect, style: Style = .border) {
        guard rect.width > 0 else { return }
        self.write(String(repeating: Line.horizontal, count: rect.width), x: rect.x, y: rect.y, style: style)
    }

    /// Writes spans one after another on a row within `limit` columns; when they do not fit, the
    /// last column shows "…" (in the style of the span it cuts) so a cut never passes for the end
    /// of a word. Returns columns used.
    @discardableResult
    public mutating func write(spans: [Span], x: Int, y: Int, limit: Int) -> Int {
        guard limit > 0 else { return 0 }
        let fits = Span.width(spans) <= limit
        let room = fits ? limit : limit - 1
        var used = 0
        var cutStyle = spans.first?.style ?? .normal
        for span in spans where used < room {
            used += self.write(span.text, x: x + used, y: y, style: span.style, limit: room - used)
            cutStyle = span.style
        }
        if !fits { used += self.write("…", x: x + used, y: y, style: cutStyle, limit: 1) }
        return used
    }
}

/// A piece of text with its style, for lines that mix styles.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }

    /// Columns the spans take together.
    public static func width(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}
