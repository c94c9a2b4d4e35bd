/// An item as stored and shown: its attributes, what is left on sale, its feedback and its seller.
public struct Item: Sendable, Hashable, Codable, Identifiable {
    public var id: ItemID
    public var name: String
    public var keywords: [String]
    public var condition: Condition
    public var price: Money
    /// Units still on sale. Zero hides the item from search; its seller still sees it.
    public var quantity: Int
    public var rating: Rating
    public var sellerID: SellerID
    public var sellerName: String

    public init(
        id: ItemID, name: String, keywords: [String], condition: Condition, price: Money, quantity: Int,
        rating: Rating = .none, sellerID: SellerID, sellerName: String
    ) {
        self.id = id
        self.name = name
        self.keywords = keywords
        self.condition = condition
        self.price = price
        self.quantity = quantity
        self.rating = rating
        self.sellerID = sellerID
        self.sellerName = sellerName
    }
}

/// What a seller supplies to put an item on sale. Validate with ``ItemDraft/validated()``.
public struct ItemDraft: Sendable, Hashable, Codable {
    public var name: String
    public var category: Category
    public var keywords: [String]
    public var condition: Condition
    public var price: Money
    public var quantity: Int

    public init(name: String, category: Category, keywords: [String], condition: Condition, price: Money, quantity: Int) {
        self.name = name
        self.category = category
        self.keywords = keywords
        self.condition = condition
        self.price = price
        self.quantity = quantity
    }

    /// The draft with its text normalised (keywords lower-cased, duplicates removed), or the
    /// first rule it breaks.
    public func validated() throws(FieldError) -> ItemDraft {
        var draft = self
        draft.name = try FieldRules.itemName.validate(self.name)
        draft.keywords = try FieldRules.validateKeywords(self.keywords)
        try FieldRules.validatePrice(self.price)
        try FieldRules.validateQuantity(self.quantity, field: "quantity", allowZero: true)
        return draft
    }
}
