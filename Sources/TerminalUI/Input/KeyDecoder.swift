import CNCurses

/// Turns what `get_wch` returns into ``Key``s.
enum KeyDecoder {
    /// A character `get_wch` returned as text (not a key code).
    static func character(_ value: UInt32) -> TerminalEvent? {
        switch value {
        case 3: return .key(.control("c"))
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            return .key(.control(Character(Unicode.Scalar(UInt8(value) + UInt8(ascii: "a") - 1))))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value), !TerminalText.isControl(scalar) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// What Esc followed at once by the character `value` is: Alt with that character (Alt-Bksp
    /// deletes a word back, as ^W does), or nil when it is Esc and then a key of its own (another
    /// Esc, Enter, a control character).
    static func afterEscape(_ value: UInt32) -> Key? {
        if value == 8 || value == 127 { return .control("w") }
        guard value != 27, case .key(.character(let character))? = self.character(value) else { return nil }
        return .alt(character)
    }

    /// A key code `get_wch` returned with `KEY_CODE_YES`.
    static func keyCode(_ code: Int32, functionKey: (Int32) -> Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case market_key_word_left(): return .alt("b")
        case market_key_word_right(): return .alt("f")
        default:
            for number in 1...12 where code == functionKey(Int32(number)) { return .function(number) }
            return nil
        }
    }
}
