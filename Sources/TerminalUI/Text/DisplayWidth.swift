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

    /// A sentence made to fit `width` columns by leaving out its aside and shortening what it
    /// quotes (“…”) before cutting its end: "Took 2 units of “<a long name>” off sale; 3 left."
    /// keeps what happened and loses part of the name, which the screen shows elsewhere. An aside
    /// is what follows the last " — " (a hint: "— 2 shows the cart."), and goes first; then the
    /// longest quotation is shortened, to no fewer than `keeping` columns; what still does not
    /// fit is cut at the end.
    public static func shorten(_ text: String, to width: Int, keeping: Int = 8) -> String {
        var text = text
        if self.of(text) > width, let dash = text.range(of: " — ", options: .backwards) {
            let ending = text.last.map { ".!?".contains($0) ? String($0) : "" } ?? ""
            text = String(text[..<dash.lowerBound])
            if let last = text.last, !".!?".contains(last) { text += ending }
        }
        var excess = self.of(text) - width
        while excess > 0 {
            let quotations = self.quotations(in: text).filter { self.of(text[$0]) > keeping }
            guard let longest = quotations.max(by: { self.of(text[$0]) < self.of(text[$1]) }) else { break }
            let inner = String(text[longest])
            let shortened = self.truncate(inner, to: max(keeping, self.of(inner) - excess))
            text.replaceSubrange(longest, with: shortened)
            excess = self.of(text) - width
        }
        return self.truncate(text, to: width)
    }

    /// The ranges of the text between each “ and its ”.
    private static func quotations(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var searchFrom = text.startIndex
        while let open = text[searchFrom...].firstIndex(of: "“"), let close = text[text.index(after: open)...].firstIndex(of: "”") {
            ranges.append(text.index(after: open)..<close)
            searchFrom = text.index(after: close)
        }
        return ranges
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
                    // At least one character a line, even one wider than it, or this never ends.
                    if !head.isEmpty, self.of(head) + self.of(character) > width { break }
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
