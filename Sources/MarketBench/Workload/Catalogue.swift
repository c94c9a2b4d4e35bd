import MarketCore

/// Realistic-looking items for the sellers to register and the buyers to look for.
enum Catalogue {
    static let nouns = [
        "lamp", "chair", "desk", "kettle", "bike", "guitar", "camera", "jacket", "boots", "watch",
        "tent", "drill", "mixer", "phone", "tablet", "novel", "atlas", "teapot", "rug", "mirror",
    ]
    static let adjectives = ["red", "vintage", "compact", "steel", "oak", "wool", "travel", "classic", "mini", "pro"]
    static let categories = 20

    static func draft(seller: Int, index: Int) -> ItemDraft {
        let noun = self.nouns[(seller * 7 + index) % self.nouns.count]
        let adjective = self.adjectives[(seller + index * 3) % self.adjectives.count]
        return ItemDraft(
            name: "\(adjective.capitalized) \(noun) \(index + 1)",
            category: Category(rawValue: Int32((seller + index) % self.categories))!,
            keywords: [noun, adjective],
            condition: index.isMultiple(of: 3) ? .used : .new,
            price: Money(cents: Int64(499 + (seller * 131 + index * 977) % 50_000)),
            quantity: 1_000_000
        )
    }

    static func searchKeywords(using generator: inout some RandomNumberGenerator) -> [String] {
        var words = [self.nouns.randomElement(using: &generator)!]
        if Bool.random(using: &generator) { words.append(self.adjectives.randomElement(using: &generator)!) }
        return words
    }
}
