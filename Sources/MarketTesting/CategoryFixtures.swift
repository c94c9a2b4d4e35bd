public import MarketCore

extension CategoryNames {
    /// The names a fresh products database gives the usual categories (`sql/products.sql`), for
    /// tests of the clients that answer ListCategories as a server would.
    public static let fresh = CategoryNames(
        [(0, "Other"), (1, "Books"), (2, "Electronics"), (3, "Home & kitchen"), (4, "Sports & outdoors"), (5, "Toys & games"), (6, "Clothing"), (7, "Music"), (8, "Garden")]
            .map { CategoryName(category: Category(rawValue: $0.0)!, name: $0.1) }
    )
}
