/// An item's identity: ⟨category, number⟩. The number is unique on its own and assigned by the
/// server; the category is part of the identity, so a lookup must name both.
///
/// On the wire: `{"category": 3, "number": 17}`. For people: `3-17`.
public struct ItemID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var category: Category
    public var number: Int64

    public init(category: Category, number: Int64) {
        self.category = category
        self.number = number
    }

    /// Parses the human form `category-number`, e.g. `3-17`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let raw = Int32(parts[0]), let category = Category(rawValue: raw),
            let number = Int64(parts[1]), number > 0
        else { return nil }
        self.init(category: category, number: number)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.category, lhs.number) < (rhs.category, rhs.number)
    }

    public var description: String { "\(self.category)-\(self.number)" }
}
