/// What a seller types to narrow their own list of items (DisplayItemsForSale's `"find"`): an item
/// is found when every word typed is part of one of its words — its keywords and the words of its
/// name, as search sees them, so case and the accents of Latin letters do not matter. "lam bra"
/// finds "Brass desk lamp"; "cafe" finds "Café au lait bowl".
public struct ItemFind: Sendable, Hashable {
    /// The text as typed (trimmed, composed).
    public let text: String
    /// The words to look for, as search terms (``Text/searchTerm(_:)``), each once.
    public let words: [String]

    /// `text` checked by ``FieldRules/find``, with at least one word (text with no letters or
    /// digits would find everything).
    public init(_ text: String) throws(FieldError) {
        self.text = try FieldRules.find.validate(text)
        self.words = Text.matchWords(of: self.text)
        guard !self.words.isEmpty else {
            throw FieldError(field: "find", message: "Find looks for words of letters or digits, and “\(Text.shortened(self.text, to: 20))” has none.")
        }
    }

    /// Whether `item` is found: what the server's query decides, for rows a client holds.
    public func matches(_ item: Item) -> Bool {
        let terms = Text.itemTerms(name: item.name, keywords: item.keywords)
        return self.words.allSatisfy { word in terms.contains { $0.contains(word) } }
    }
}
