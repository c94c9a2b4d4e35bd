/// A category's name: what people read beside its number. An item's category is a number, and a
/// seller may list an item in any; the market names the usual ones (`sql/products.sql`), and
/// ListCategories tells the clients.
public struct CategoryName: Sendable, Hashable, Codable {
    public var category: Category
    public var name: String

    public init(category: Category, name: String) {
        self.category = category
        self.name = name
    }
}

/// The market's named categories, for a client: a name beside a number, and a category typed as
/// a name ("kitchen") read as its number.
public struct CategoryNames: Sendable, Hashable {
    /// Every named category, by number.
    public let all: [CategoryName]
    private let names: [Category: String]

    public init(_ names: [CategoryName]) {
        self.all = names.sorted { $0.category < $1.category }
        self.names = Dictionary(names.map { ($0.category, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Before the server has said (or when it names none): numbers only.
    public static let none = CategoryNames([])

    public func name(of category: Category) -> String? { self.names[category] }

    /// How to write `category` in a field so that it reads back as it: its name, unless that
    /// name would read as another category (an operator's name such as "42"), else its number.
    public func text(for category: Category) -> String {
        guard let name = self.names[category], self.category(typed: name) == .success(category) else { return category.description }
        return name
    }

    /// "3 Home & kitchen", or "3" for a category without a name.
    public func label(of category: Category) -> String {
        self.names[category].map { "\(category) \($0)" } ?? category.description
    }

    /// A category as a person types it: its number, or its name or the start of its words
    /// ("home", "kit", "sports out"), with case and the accents of Latin letters ignored, or both
    /// as the clients show them ("3 Home & kitchen"). `nil` for blank text; a name that fits no
    /// category, or more than one, is a problem that says so.
    public func category(typed text: String, field: String = "category") -> Result<Category, FieldError>? {
        let text = Text.trimmingWhitespace(Text.halfWidth(text))
        guard !text.isEmpty else { return nil }
        if let (category, name) = self.numberAndName(text) {
            guard self.named(category, fits: name) else {
                let message = self.names[category].map { "Category \(category) is called “\($0)”, not “\(name)”." }
                    ?? "Category \(category) has no name: type just \(category)."
                return .failure(FieldError(field: field, message: message))
            }
            return .success(category)
        }
        if text.allSatisfy(\.isASCIIDigit) || (text.hasPrefix("-") && text.count > 1 && text.dropFirst().allSatisfy(\.isASCIIDigit)) {
            guard let number = Int32(text), let category = Category(rawValue: number) else {
                return .failure(FieldError(field: field, message: "Category numbers go from 0 to \(Text.grouped(Category.maximum))."))
            }
            return .success(category)
        }
        let typed = Text.matchWords(of: text)
        guard !typed.isEmpty else {
            return .failure(FieldError(field: field, message: "Type a category's number or name."))
        }
        let named = self.candidates(typed: text)
        // A name typed in full wins over the longer names it begins ("Music" over "Music gear").
        let exact = named.filter { Text.matchWords(of: $0.name) == typed }
        let fits = exact.count == 1 ? exact : named
        switch fits.count {
        case 1:
            return .success(fits[0].category)
        case 0:
            return .failure(FieldError(field: field, message: "No category is called “\(text)”" + (self.all.isEmpty ? ": type a number." : ".")))
        default:
            return .failure(FieldError(field: field, message: "“\(text)” fits \(named.count) names: type more of one."))
        }
    }

    /// The named categories that fit `text` as typed so far, for a list to choose from: every
    /// one for blank text, those whose number starts with the digits typed, or those with a word
    /// starting with each word typed (as ``category(typed:field:)`` reads them).
    public func candidates(typed text: String) -> [CategoryName] {
        let text = Text.trimmingWhitespace(text)
        if text.isEmpty { return self.all }
        if text.allSatisfy(\.isASCIIDigit) {
            let digits = Int64(text).map(String.init) ?? text  // "08" is 8
            return self.all.filter { $0.category.description.hasPrefix(digits) }
        }
        if let (category, name) = self.numberAndName(text) {
            return self.all.filter { $0.category == category && self.named(category, fits: name) }
        }
        let typed = Text.matchWords(of: text)
        guard !typed.isEmpty else { return [] }
        return self.all.filter { Self.words(of: $0.name, start: typed) }
    }

    /// "3 Home & kitchen" (or "3 home"): a number, then words, as a label reads.
    private func numberAndName(_ text: String) -> (Category, String)? {
        guard let space = text.firstIndex(where: \.isWhitespace) else { return nil }
        let digits = text[..<space]
        guard digits.allSatisfy(\.isASCIIDigit), let number = Int32(digits), let category = Category(rawValue: number) else { return nil }
        return (category, Text.trimmingWhitespace(String(text[space...])))
    }

    /// Whether `category` has a name with a word starting with each word of `typed`.
    private func named(_ category: Category, fits typed: String) -> Bool {
        guard let name = self.names[category] else { return false }
        return Self.words(of: name, start: Text.matchWords(of: typed))
    }

    private static func words(of name: String, start typed: [String]) -> Bool {
        let words = Text.matchWords(of: name)
        return typed.allSatisfy { word in words.contains { $0.hasPrefix(word) } }
    }
}
