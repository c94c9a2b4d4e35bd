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

    /// The cells `character` is drawn in: usually one, none when it takes no room and should not
    /// be drawn (a combining mark with nothing to combine with, a zero-width format character).
    ///
    /// An ncurses cell holds one scalar that takes room, plus marks that combine into it (accents,
    /// variation selectors). What Unicode builds from several such scalars is drawn the way
    /// Unicode says to show it where it cannot be shown whole: a ZWJ sequence as its parts side by
    /// side (👩‍💻 as 👩💻, not a lone 👩), a flag as its two letters (🇯🇵 as JP). A skin-tone
    /// modifier, which would show as a swatch of its own, is left out.
    public static func cells(for character: Character) -> [CellText] {
        let scalars = Array(character.unicodeScalars)
        guard !scalars.isEmpty else { return [] }
        if scalars.allSatisfy(self.isRegionalIndicator) {
            return scalars.map { CellText(text: String(UnicodeScalar(UInt8(0x41 + $0.value - 0x1F1E6))), width: 1) }
        }
        var cells: [CellText] = []
        var current: (text: String, width: Int, marks: Int)?
        var joined = true
        for scalar in scalars {
            if scalar.value == 0x200D {
                joined = true
                continue
            }
            defer { joined = false }
            let width = DisplayWidth.scalar(scalar)
            // A control is a character of its own; either way nothing of it reaches the terminal.
            if self.isControl(scalar) || width < 0 { return [CellText(text: self.replacement, width: 1)] }
            if width == 0 {
                // A mark joins the cell before it, up to what an ncurses cell holds; but not an
                // emoji presentation selector on a one-column picture (❤️, 1️⃣), which some
                // terminals then draw two columns wide and others one, nor the tags of a
                // subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿), which one cell cannot hold whole: the plain picture is drawn.
                if scalar.value == 0xFE0F && current?.width == 1 || (0xE0000...0xE007F).contains(scalar.value) { continue }
                if var cell = current, cell.marks < 4 {
                    cell.text.unicodeScalars.append(scalar)
                    cell.marks += 1
                    current = cell
                }
                continue
            }
            // A scalar that takes room starts a cell if it begins the character or follows a ZWJ
            // (a skin-tone modifier does neither).
            guard joined else { continue }
            if let cell = current { cells.append(CellText(text: cell.text, width: cell.width)) }
            current = (String(scalar), min(width, 2), 0)
        }
        if let cell = current { cells.append(CellText(text: cell.text, width: cell.width)) }
        return cells
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(scalar.value) }

    /// `text` with every character a terminal cannot show safely replaced or dropped, for logs and
    /// measurements that need the visible form.
    public static func sanitized(_ text: String) -> String {
        var result = ""
        for character in text {
            for cell in self.cells(for: character) { result += cell.text }
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
