/// A one-line text input: any script, a cursor counted in characters as people count them, and the
/// usual editing keys (←/→, Home/End, ^A/^E, Backspace/Del, ^U, ^K, ^W, and readline's Alt-b,
/// Alt-f and Alt-d for words).
///
/// A value filled in beforehand (a quantity of 1, the current price) starts selected, as in a
/// dialog box anywhere: what is typed replaces it, Backspace clears it, and a cursor key keeps it
/// for editing.
public struct TextField: Sendable, Hashable {
    public var text: String
    /// Characters (grapheme clusters) before the cursor.
    public var cursor: Int
    /// Shows • for each character (passwords).
    public var isSecret: Bool
    /// The most characters accepted, so a paste cannot grow without bound.
    public var maximumLength: Int
    /// The whole text is selected: the next character typed replaces it.
    public var isSelected: Bool
    /// Characters were typed (or pasted) past ``maximumLength`` and dropped; cleared by deleting.
    public var overflowed = false

    public init(_ text: String = "", isSecret: Bool = false, maximumLength: Int = 256) {
        self.text = text
        self.cursor = text.count
        self.isSecret = isSecret
        self.maximumLength = maximumLength
        self.isSelected = !text.isEmpty
    }

    /// Editing operations, bound to keys by ``keys``.
    public enum Edit: Sendable, Hashable {
        case deleteBackward, deleteForward, left, right, start, end, clearToStart, clearToEnd, deleteWord
        case wordLeft, wordRight, deleteWordForward
    }

    /// The editing keys, for handling and for help. Printable characters are typed as they are.
    public static let keys = KeyMap<Edit>("Editing text", [
        KeyBinding([.left, .control("b")], .left, help: "Move the cursor left", label: "←"),
        KeyBinding([.right, .control("f")], .right, help: "Move the cursor right", label: "→"),
        KeyBinding([.home, .control("a")], .start, help: "Go to the start of the field", label: "Home/^A"),
        KeyBinding([.end, .control("e")], .end, help: "Go to the end of the field", label: "End/^E"),
        KeyBinding([.backspace, .control("h")], .deleteBackward, help: "Delete the character before the cursor", label: "Bksp"),
        KeyBinding([.delete, .control("d")], .deleteForward, help: "Delete the character under the cursor", label: "Del/^D"),
        KeyBinding(.alt("b"), .wordLeft, help: "Move to the start of the word (^← too)"),
        KeyBinding(.alt("f"), .wordRight, help: "Move past the end of the word (^→ too)"),
        KeyBinding(.control("w"), .deleteWord, help: "Delete the word before the cursor (Alt-Bksp too)"),
        KeyBinding(.alt("d"), .deleteWordForward, help: "Delete the word after the cursor"),
        KeyBinding(.control("u"), .clearToStart, help: "Delete everything before the cursor"),
        KeyBinding(.control("k"), .clearToEnd, help: "Delete everything after the cursor"),
    ])

    /// Applies an editing key. Returns false for keys that are not editing keys (Enter, Tab, Esc…),
    /// which the caller handles.
    public mutating func handle(_ key: Key) -> Bool {
        if self.isSelected, let outcome = self.handleSelected(key) { return outcome }
        let cursor = min(max(0, self.cursor), self.text.count)
        var before = String(self.text.prefix(cursor))
        var after = String(self.text.dropFirst(cursor))
        if let character = key.typedCharacter {
            guard self.text.count < self.maximumLength else {
                self.overflowed = true
                return true
            }
            before.append(character)
        } else if let edit = Self.keys.action(for: key) {
            switch edit {
            case .deleteBackward, .deleteForward, .clearToStart, .clearToEnd, .deleteWord, .deleteWordForward: self.overflowed = false
            case .left, .right, .start, .end, .wordLeft, .wordRight: break
            }
            switch edit {
            case .deleteBackward:
                guard !before.isEmpty else { return true }
                before.removeLast()
            case .deleteForward:
                guard !after.isEmpty else { return true }
                after.removeFirst()
            case .left:
                self.cursor = max(0, cursor - 1)
                return true
            case .right:
                self.cursor = min(self.text.count, cursor + 1)
                return true
            case .start:
                self.cursor = 0
                return true
            case .end:
                self.cursor = self.text.count
                return true
            case .wordLeft:
                self.cursor = before.count - Self.wordBefore(before)
                return true
            case .wordRight:
                self.cursor = cursor + Self.wordAfter(after)
                return true
            case .clearToStart:
                before = ""
            case .clearToEnd:
                after = ""
            case .deleteWord:
                before.removeLast(Self.wordBefore(before))
            case .deleteWordForward:
                after.removeFirst(Self.wordAfter(after))
            }
        } else {
            return false
        }
        self.text = before + after
        // Counting again matters: a combining mark typed after a letter joins it.
        self.cursor = before.count
        return true
    }

    /// A key while the whole text is selected: typing replaces it, deleting clears it, moving
    /// ends the selection at that end. Returns nil for keys that do as they always do.
    private mutating func handleSelected(_ key: Key) -> Bool? {
        if key.typedCharacter != nil {
            self.isSelected = false
            self.text = ""
            self.cursor = 0
            return nil
        }
        guard let edit = Self.keys.action(for: key) else { return nil }
        self.isSelected = false
        switch edit {
        case .deleteBackward, .deleteForward, .clearToStart, .clearToEnd, .deleteWord, .deleteWordForward:
            self.overflowed = false
            self.text = ""
            self.cursor = 0
        case .left, .start, .wordLeft:
            self.cursor = 0
        case .right, .end, .wordRight:
            self.cursor = self.text.count
        }
        return true
    }

    /// The characters from the end of `text` back to the start of its last word (spaces after
    /// the word included), as readline's Alt-b and ^W count them.
    private static func wordBefore(_ text: String) -> Int {
        let spaces = text.reversed().prefix { $0.isWhitespace }.count
        return spaces + text.reversed().dropFirst(spaces).prefix { !$0.isWhitespace }.count
    }

    /// The characters from the start of `text` past the end of its first word (spaces before
    /// the word included), as Alt-f and Alt-d count them.
    private static func wordAfter(_ text: String) -> Int {
        let spaces = text.prefix { $0.isWhitespace }.count
        return spaces + text.dropFirst(spaces).prefix { !$0.isWhitespace }.count
    }

    /// Draws the field in `rect` (one row), scrolled so the cursor shows. Returns where the cursor
    /// is on screen.
    @discardableResult
    public func render(in rect: Rect, canvas: inout Canvas, focused: Bool, placeholder: String? = nil) -> Point {
        let style: Style = focused ? .inputFocused : .input
        canvas.fill(rect, style: style)
        guard rect.width > 1 else { return Point(x: rect.x, y: rect.y) }
        let shown = self.isSecret ? String(repeating: "•", count: self.text.count) : self.text
        if shown.isEmpty, let placeholder, !focused {
            canvas.write(DisplayWidth.truncate(placeholder, to: rect.width - 1), x: rect.x + 1, y: rect.y, style: style == .input ? .input : style, limit: rect.width - 1)
            return Point(x: rect.x + 1, y: rect.y)
        }
        // Not being typed in, a field reads from its start, with … where it goes on (a text that
        // just fits is not scrolled to make room for a cursor that is not there).
        if !focused {
            canvas.write(DisplayWidth.truncate(shown, to: rect.width - 1), x: rect.x + 1, y: rect.y, style: style, limit: rect.width - 1)
            return Point(x: rect.x + 1, y: rect.y)
        }
        let characters = Array(shown)
        let (start, widthBeforeCursor) = self.scroll(of: characters, room: rect.width - 2)
        let visible = String(characters[start...])
        canvas.write(visible, x: rect.x + 1, y: rect.y, style: focused && self.isSelected ? .inputSelected : style, limit: rect.width - 1)
        return Point(x: rect.x + 1 + widthBeforeCursor, y: rect.y)
    }

    /// Where the cursor goes for a click `column` cells into a field drawn `width` wide by
    /// ``render(in:canvas:focused:placeholder:)``: before the character clicked on, or after the
    /// last one for a click past the text.
    public func cursor(forClickAtColumn column: Int, width: Int) -> Int {
        let characters = Array(self.isSecret ? String(repeating: "•", count: self.text.count) : self.text)
        var index = self.scroll(of: characters, room: width - 2).start
        var x = 1  // the blank before the text
        while index < characters.count {
            let next = x + DisplayWidth.of(characters[index])
            if column < next { return index }
            x = next
            index += 1
        }
        return characters.count
    }

    /// The first character shown, scrolled so that the cursor is inside a field with `room`
    /// cells for text (keeping as much text before it as fits), and the width before the cursor.
    private func scroll(of characters: [Character], room: Int) -> (start: Int, widthBeforeCursor: Int) {
        let cursor = min(max(0, self.cursor), characters.count)
        var start = 0
        var widthBeforeCursor = DisplayWidth.of(String(characters[0..<cursor]))
        while widthBeforeCursor > room, start < cursor {
            widthBeforeCursor -= DisplayWidth.of(characters[start])
            start += 1
        }
        return (start, widthBeforeCursor)
    }

    /// A click `column` cells into the field drawn `width` wide: the cursor goes there, and a
    /// value that was selected is not any more (``cursor(forClickAtColumn:width:)``).
    public mutating func click(atColumn column: Int, width: Int) {
        self.cursor = self.cursor(forClickAtColumn: column, width: width)
        self.isSelected = false
    }

    /// The keys that move the cursor to `position` (Home, then → as often as needed), for a
    /// click turned into key presses.
    public static func keys(toPlaceCursorAt position: Int) -> [Key] {
        [.home] + Array(repeating: .right, count: max(0, position))
    }
}
