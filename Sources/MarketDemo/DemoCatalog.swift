public import MarketCore

/// The demo catalogue: sellers with realistic items across eight categories, a demo seller and a
/// demo buyer, and a few shoppers whose purchases and votes give the sellers a rating. Fixed by a
/// seed, so every machine gets the same catalogue.
public struct DemoCatalog: Sendable {
    /// One demo account.
    public struct Account: Sendable, Hashable {
        public var username: String
        public var password: String
        public var name: String
    }

    /// A seller and the items they put on sale.
    public struct Seller: Sendable {
        public var account: Account
        public var items: [ItemDraft]
    }

    /// The categories the demo uses, by the names a fresh market gives them (`sql/products.sql`).
    public static let categories: [(number: Int32, name: String)] = [
        (1, "Books"), (2, "Electronics"), (3, "Home & kitchen"), (4, "Sports & outdoors"),
        (5, "Toys & games"), (6, "Clothing"), (7, "Music"), (8, "Garden"),
    ]

    public static let password = "market-demo"
    public static let demoSeller = Account(username: "demo-seller", password: password, name: "Ada's Corner Shop")
    public static let demoBuyer = Account(username: "demo", password: password, name: "Demo Buyer")

    public var sellers: [Seller]
    /// Buyers who buy and rate, so ratings are not all zero.
    public var shoppers: [Account]

    public var itemCount: Int { self.sellers.reduce(0) { $0 + $1.items.count } }

    /// The standard catalogue.
    public static let standard = DemoCatalog(seed: 20_261_125)

    public init(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let plan: [(Account, [Int32], Int)] = [
            (Self.demoSeller, [3, 5, 8], 36),
            (Account(username: "bookworm", password: Self.password, name: "Bookworm & Co."), [1], 48),
            (Account(username: "voltage", password: Self.password, name: "Voltage Electronics"), [2], 44),
            (Account(username: "tokyo-camera", password: Self.password, name: "東京カメラ"), [2, 7], 30),
            (Account(username: "oelmuehle", password: Self.password, name: "Ölmühle Weber"), [3, 8], 40),
            (Account(username: "trailhead", password: Self.password, name: "Trailhead Outfitters"), [4, 6], 44),
            (Account(username: "tinytoys", password: Self.password, name: "Tiny Toys"), [5], 32),
            (Account(username: "cafe-vinyl", password: Self.password, name: "Café Vinyl"), [7, 1], 34),
        ]
        self.sellers = plan.map { account, categories, count in
            // A name appears at most twice per seller: a new and a used copy, as in real shops.
            var conditions: [String: Condition] = [:]
            var listedTwice: Set<String> = []
            var items: [ItemDraft] = []
            var attempts = 0
            while items.count < count && attempts < count * 20 {
                attempts += 1
                let category = categories[random.next(below: categories.count)]
                var item = Self.makeItem(category: category, random: &random)
                if let first = conditions[item.name] {
                    guard listedTwice.insert(item.name).inserted else { continue }
                    item.condition = first == .new ? .used : .new
                } else {
                    conditions[item.name] = item.condition
                }
                items.append(item)
            }
            return Seller(account: account, items: items)
        }
        self.shoppers = [
            Account(username: "shopper-lena", password: Self.password, name: "Lena Fischer"),
            Account(username: "shopper-kenji", password: Self.password, name: "Kenji Sato"),
            Account(username: "shopper-maria", password: Self.password, name: "María José García"),
            Account(username: "shopper-omar", password: Self.password, name: "Omar Haddad"),
        ]
    }

    private static func makeItem(category: Int32, random: inout SplitMix64) -> ItemDraft {
        let products = Products.byCategory[category] ?? []
        let product = products[random.next(below: products.count)]
        let modifiers = Products.modifiers[category] ?? []
        let modifier = modifiers.isEmpty ? nil : modifiers[random.next(below: modifiers.count)]
        var name = product.name
        var keywords = product.keywords
        if let modifier, product.hasVariants, random.next(below: 2) == 0 {
            let candidate = modifier.word + " " + product.name
            if candidate.count <= FieldRules.maximumNameLength {
                name = candidate
                if let keyword = modifier.keyword, !keywords.contains(keyword), keywords.count < FieldRules.maximumKeywords {
                    keywords.append(keyword)
                }
            }
        }
        let cents = product.minimum * 100 + Int64(random.next(below: Int(max(1, (product.maximum - product.minimum) * 100))))
        // Prices end in .99, .50 or .00 like real shops.
        let endings: [Int64] = [99, 50, 0, 95, 49]
        let price = (cents / 100) * 100 + endings[random.next(below: endings.count)]
        let condition: Condition = random.next(below: 4) == 0 ? .used : .new
        let quantity = [1, 2, 3, 5, 8, 10, 12, 20, 25, 40][random.next(below: 10)]
        return ItemDraft(
            name: name, category: Category(rawValue: category)!, keywords: keywords,
            condition: condition, price: Money(cents: max(100, price)), quantity: quantity
        )
    }
}

extension SplitMix64 {
    /// A number in `0..<bound` (0 when `bound` < 1), by the remainder: not perfectly uniform,
    /// but it is what made the demo catalogue, which must stay the same.
    mutating func next(below bound: Int) -> Int {
        Int(self.next() % UInt64(max(1, bound)))
    }
}
