/// Every key of the current context, from the same key tables that drive the program, in a box
/// over the screen. Scrolls when the sections do not fit.
public struct HelpOverlay: Sendable, Hashable {
    public var sections: [HelpSection]
    public var offset: Int

    public init(sections: [HelpSection], offset: Int = 0) {
        self.sections = sections
        self.offset = offset
    }

    public enum Outcome: Sendable, Hashable {
        case scrolled
        case closed
        case ignored
    }

    /// The lines of the overlay: section titles and key/description pairs.
    public var lines: [(keys: String, text: String, isTitle: Bool)] {
        var lines: [(String, String, Bool)] = []
        for (index, section) in self.sections.enumerated() {
            if index > 0 { lines.append(("", "", false)) }
            lines.append(("", section.title, true))
            for entry in section.entries { lines.append((entry.keys, entry.help, false)) }
        }
        return lines
    }

    /// What the overlay's own keys do.
    public enum Action: Sendable, Hashable {
        case lineUp, lineDown, pageUp, pageDown, top, bottom, close
    }

    /// The footer while the overlay is open: the view's keys do nothing then.
    public static let hints = [KeyHint(key: "↑↓ PgUp PgDn", label: "Scroll"), KeyHint(key: "Esc", label: "Close")]

    /// The overlay's keys, for handling and for its own section.
    public static let keys = KeyMap<Action>("This help", [
        KeyBinding([.down, .character("j")], .lineDown, help: "Scroll down a line (the mouse wheel scrolls too)", label: "↓/j"),
        KeyBinding([.up, .character("k")], .lineUp, help: "Scroll up a line", label: "↑/k"),
        KeyBinding([.pageDown, .character(" ")], .pageDown, help: "Scroll down a page", label: "PgDn/Space"),
        KeyBinding(.pageUp, .pageUp, help: "Scroll up a page"),
        KeyBinding([.home, .character("g")], .top, help: "Back to the top", label: "Home/g"),
        KeyBinding([.end, .character("G")], .bottom, help: "To the end", label: "End/G"),
        KeyBinding([.escape, .character("q"), .character("?"), .enter, .function(1)], .close, help: "Close the help", label: "Esc/q/?"),
    ])

    /// Handles a key of the overlay drawn over `screen`.
    public mutating func handle(_ key: Key, in screen: Rect) -> Outcome {
        guard let action = Self.keys.action(for: key) else { return .ignored }
        let rowCount = self.rows(in: screen).count
        let page = self.visibleLines(in: screen, rowCount: rowCount)
        switch action {
        case .lineDown: self.scroll(by: 1, in: screen, rowCount: rowCount)
        case .lineUp: self.scroll(by: -1, in: screen, rowCount: rowCount)
        case .pageDown: self.scroll(by: page, in: screen, rowCount: rowCount)
        case .pageUp: self.scroll(by: -page, in: screen, rowCount: rowCount)
        case .top: self.offset = 0
        case .bottom: self.scroll(by: rowCount, in: screen, rowCount: rowCount)
        case .close: return .closed
        }
        return .scrolled
    }

    /// Scrolls by `lines` (negative: up), staying within the text; the keys and the mouse wheel.
    public mutating func scroll(by lines: Int, in screen: Rect) {
        self.scroll(by: lines, in: screen, rowCount: self.rows(in: screen).count)
    }

    private mutating func scroll(by lines: Int, in screen: Rect, rowCount: Int) {
        self.offset = min(max(0, rowCount - self.visibleLines(in: screen, rowCount: rowCount)), max(0, self.offset + lines))
    }

    /// The box's width over `screen`: as wide as the longest entry needs, within the screen.
    private func width(in screen: Rect) -> Int {
        let textWidth = self.lines.map { DisplayWidth.of($0.text) }.max() ?? 0
        return min(screen.width - 4, self.keyColumnWidth + textWidth + 8)
    }

    /// The lines as drawn in the box over `screen`: a description too long for the box goes on
    /// over the next lines, under itself, rather than being cut.
    public func rows(in screen: Rect) -> [(keys: String, text: String, isTitle: Bool)] {
        let textWidth = max(1, self.width(in: screen) - 6 - self.keyColumnWidth - 2)
        var rows: [(keys: String, text: String, isTitle: Bool)] = []
        for line in self.lines {
            guard !line.isTitle, DisplayWidth.of(line.text) > textWidth else {
                rows.append(line)
                continue
            }
            for (index, part) in DisplayWidth.wrap(line.text, to: textWidth).enumerated() {
                rows.append((index == 0 ? line.keys : "", part, false))
            }
        }
        return rows
    }

    /// The box the overlay takes over `screen`.
    public func frame(in screen: Rect) -> Rect { self.frame(in: screen, rowCount: self.rows(in: screen).count) }

    /// Lines that fit in the box over `screen`.
    public func visibleLines(in screen: Rect) -> Int { self.visibleLines(in: screen, rowCount: self.rows(in: screen).count) }

    /// The box for `rowCount` rows (``rows(in:)``, which the callers have at hand).
    private func frame(in screen: Rect, rowCount: Int) -> Rect {
        screen.centered(Size(width: self.width(in: screen), height: min(screen.height - 2, rowCount + 4)))
    }

    private func visibleLines(in screen: Rect, rowCount: Int) -> Int { max(1, self.frame(in: screen, rowCount: rowCount).height - 4) }

    private var keyColumnWidth: Int { min(18, self.lines.map { DisplayWidth.of($0.keys) }.max() ?? 0) }

    public func render(in screen: Rect, canvas: inout Canvas) {
        let lines = self.rows(in: screen)
        let box = self.frame(in: screen, rowCount: lines.count)
        canvas.box(box, style: .border, title: "Keys", fill: .dialog)
        let keyWidth = self.keyColumnWidth
        let inner = Rect(x: box.x + 3, y: box.y + 2, width: box.width - 6, height: box.height - 4)
        for row in 0..<inner.height {
            let index = self.offset + row
            guard index < lines.count else { break }
            let line = lines[index]
            let y = inner.y + row
            if line.isTitle {
                canvas.write(line.text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: .title)
            } else {
                canvas.write(line.keys, in: Rect(x: inner.x, y: y, width: keyWidth, height: 1), style: .accent)
                canvas.write(line.text, in: Rect(x: inner.x + keyWidth + 2, y: y, width: inner.width - keyWidth - 2, height: 1), style: .normal)
            }
        }
        let last = min(lines.count, self.offset + inner.height)
        let footer = lines.count > inner.height
            ? " \(self.offset + 1)–\(last) of \(lines.count) · \(last < lines.count ? "↓ PgDn more · " : "")Esc closes "
            : " Esc closes "
        canvas.write(footer, x: box.maxX - 2 - DisplayWidth.of(footer), y: box.maxY - 1, style: .muted)
    }
}
