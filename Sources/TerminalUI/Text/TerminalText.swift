/// Turns any text, including text other users typed, into what is safe to put on a terminal.
///
/// Names come from other people and may hold any Unicode. Nothing from them may reach the terminal
/// as a control character (an escape sequence could rewrite the screen), a bidirectional override
/// (it could disguise text), or a scalar whose width terminals disagree on in a way that would
/// shift the columns after it.
public enum TerminalText {
    /// What one character becomes in a cell: the scalars to draw and the columns they take.
    public struct CellText: Sendable, Hashable {
        public var text: String
        public var width: Int
    }

    /// The replacement shown for a character that cannot be drawn safely.
    public static let replacement = "\u{FFFD}"

    /// The cell form of `character`, or `nil` when it takes no room and should not be drawn (a
    /// combining mark with nothing to combine with, a zero-width format character).
    public static func cell(for character: Character) -> CellText? {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return nil }
        if self.isControl(first) { return CellText(text: self.replacement, width: 1) }
        let width = DisplayWidth.scalar(first)
        if width < 0 { return CellText(text: self.replacement, width: 1) }
        if width == 0 { return nil }
        var text = String(first)
        var extra = 0
        // Keep marks that combine into this cell (accents, variation selectors); drop anything
        // that would take a cell of its own or join the next one (ZWJ), and cap the count at what
        // an ncurses cell holds.
        while let next = scalars.next(), extra < 4 {
            guard !self.isControl(next), next.value != 0x200D, DisplayWidth.scalar(next) == 0 else { continue }
            text.unicodeScalars.append(next)
            extra += 1
        }
        return CellText(text: text, width: min(width, 2))
    }

    /// `text` with every character a terminal cannot show safely replaced or dropped, for logs and
    /// measurements that need the visible form.
    public static func sanitized(_ text: String) -> String {
        var result = ""
        for character in text {
            if let cell = self.cell(for: character) { result += cell.text }
        }
        return result
    }

    /// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional embedding,
    /// override and isolate controls.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
