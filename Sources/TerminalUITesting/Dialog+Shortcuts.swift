public import TerminalUI

extension Dialog {
    /// Letters that begin more than one button: typing one presses neither, so a dialog should
    /// have none.
    public var lettersOfSeveralButtons: Set<Character> {
        var seen: Set<Character> = []
        var clashes: Set<Character> = []
        for button in self.buttons {
            guard let letter = button.lowercased().first else { continue }
            if !seen.insert(letter).inserted { clashes.insert(letter) }
        }
        return clashes
    }
}
