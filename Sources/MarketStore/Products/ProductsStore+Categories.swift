public import MarketCore
import PostgresNIO

extension ProductsStore {
    /// The market's named categories, by number.
    public func categoryNames() async throws(MarketError) -> [CategoryName] {
        let statement = ListCategoryNames(bindings: PostgresBindings())
        return try await self.database.perform("categoryNames") { client in
            try await client.rows(statement).compactMap { row in
                let (number, name) = try row.decode((Int32, String).self)
                return Category(rawValue: number).map { CategoryName(category: $0, name: name) }
            }
        }
    }
}

// MARK: - Statements

private struct ListCategoryNames: Statement {
    static let sql = "SELECT category, name FROM category_names ORDER BY category"
    let bindings: PostgresBindings
}
