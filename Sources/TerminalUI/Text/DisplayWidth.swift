import CNCurses

/// How many terminal columns text takes, computed the way ncurses and terminals compute it
/// (`wcwidth`), so columns of names in any script line up.
///
/// A character (grapheme cluster) takes the width of the cells it is drawn in: 2 for CJK and
/// emoji, 1 for most others, 0 for a lone combining mark; a ZWJ sequence or a flag, which an
/// ncurses cell cannot hold whole, takes the width of its parts; see ``TerminalText``.
public enum DisplayWidth {
    /// Columns taken by one character once made safe for the terminal.
    public static func of(_ character: Character) -> Int {
        TerminalText.cells(for: character).reduce(0) { $0 + $1.width }
    }

    /// Columns taken by `text`.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += self.of(character) }
        return total
    }

    /// Columns taken by one Unicode scalar: `wcwidth`, with non-printable scalars as -1.
    public static func scalar(_ scalar: Unicode.Scalar) -> Int {
        UTF8Locale.ensure()
        if scalar.value < 0x80 { return (0x20..<0x7F).contains(scalar.value) ? 1 : -1 }
        return Int(market_wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    /// `text` cut to at most `width` columns, ending in `ellipsis` when something was cut.
    /// Never splits a wide character.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if self.of(text) <= width { return text }
        let room = width - self.of(ellipsis)
        guard room >= 0 else { return "" }
        var result = ""
        var used = 0
        for character in text {
            let columns = self.of(character)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// `text` broken into lines of at most `width` columns, at spaces where possible.
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if self.of(candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = word
            // A single word wider than the line is cut.
            while self.of(line) > width {
                var head = ""
                for character in line {
                    if self.of(head) + self.of(character) > width { break }
                    head.append(character)
                }
                lines.append(head)
                line = String(line.dropFirst(head.count))
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` truncated to `width` and padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        let cut = self.truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - self.of(cut)))
        switch alignment {
        case .left: return cut + padding
        case .right: return padding + cut
        case .center:
            let left = padding.count / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: padding.count - left)
        }
    }
}

/// Horizontal placement of text in a wider space.
public enum Alignment: Sendable, Hashable {
    case left
    case right
    case center
}
