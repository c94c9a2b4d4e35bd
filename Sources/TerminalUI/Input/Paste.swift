/// Pasted text, as the keys that type it.
public enum Paste {
    /// The most characters of one paste that are typed; a field takes fewer still.
    public static let limit = 4096

    /// The keys that type `text` on one line: line breaks and tabs become spaces (a Windows line
    /// break one space), other control characters are dropped, and what is past ``limit`` too.
    /// Line breaks at the end go: copying a whole line (a password from a manager, a word from a
    /// terminal) takes its break along, which typed as a space would make the value wrong.
    public static func keys(typing text: String) -> [Key] {
        var keys: [Key] = []
        var text = Substring(text)
        while let last = text.last, last == "\r\n" || last == "\n" || last == "\r" { text.removeLast() }
        for character in text.prefix(Self.limit) {
            if character == "\r\n" || character == "\n" || character == "\r" || character == "\t" {
                keys.append(.character(" "))
            } else if !character.unicodeScalars.contains(where: TerminalText.isControl) {
                keys.append(.character(character))
            }
        }
        return keys
    }
}
