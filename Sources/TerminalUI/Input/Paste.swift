/// Pasted text, as the keys that type it.
public enum Paste {
    /// The most characters of one paste that are typed; a field takes fewer still.
    public static let limit = 4096

    /// The keys that type `text` on one line: line breaks and tabs become spaces (a Windows line
    /// break one space), other control characters are dropped, and what is past ``limit`` too.
    public static func keys(typing text: String) -> [Key] {
        var keys: [Key] = []
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
