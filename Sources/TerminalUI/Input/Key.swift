/// A key press, decoded from whatever the terminal sent.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    /// A printable character (any script).
    case character(Character)
    /// Ctrl with a letter, e.g. `.control("c")` for Ctrl-C. Always lower-case.
    case control(Character)
    /// Alt (Meta) with a character, as terminals send it: Esc and the character at once. Ctrl-←
    /// and Ctrl-→ come as Alt-b and Alt-f, which mean a word left and right in text fields.
    case alt(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete, backspace
    case enter, tab, backTab, escape
    /// F1…F12.
    case function(Int)

    /// How the key is written in help and in the footer.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let letter): "^" + letter.uppercased()
        case .alt(let character): "Alt-" + String(character)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .insert: "Ins"
        case .delete: "Del"
        case .backspace: "Bksp"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .function(let number): "F\(number)"
        }
    }

    /// The key a footer or help label names (``description``'s own words): the first of
    /// alternatives written "Tab/↓"; nil for a label that names no one key ("←→").
    public init?(label: String) {
        let first = label == "/" ? label : String(label.split(separator: "/").first ?? "")
        let named: [String: Key] = [
            "Space": .character(" "), "↑": .up, "↓": .down, "←": .left, "→": .right, "Home": .home, "End": .end,
            "PgUp": .pageUp, "PgDn": .pageDown, "Ins": .insert, "Del": .delete, "Bksp": .backspace,
            "Enter": .enter, "Tab": .tab, "S-Tab": .backTab, "Esc": .escape,
        ]
        if let key = named[first] {
            self = key
        } else if first.count == 1, let character = first.first {
            self = .character(character)
        } else if first.count == 2, first.hasPrefix("^"), let letter = first.last, letter.isLetter {
            self = .control(Character(letter.lowercased()))
        } else if first.hasPrefix("F"), let number = Int(first.dropFirst()), (1...12).contains(number) {
            self = .function(number)
        } else {
            return nil
        }
    }

    /// The character this key types into a text field, if any.
    public var typedCharacter: Character? {
        if case .character(let character) = self { return character }
        return nil
    }

    /// Ctrl-C: always quits, whatever is on screen.
    public static let interrupt = Key.control("c")
}
