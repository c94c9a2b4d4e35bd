import MarketTesting
import Testing

/// Search must stay fast with a million items: every shape of search query has an index to use.
/// With sequential scans disabled, the planner falls back to a sequential scan only when no
/// index fits, so the plan shows whether one does.
@Suite(.timeLimit(.minutes(1))) struct SearchPlanTests {
    private static let shapes: [(String, String)] = [
        ("keywords, any category", "i.quantity > 0 AND i.terms && ARRAY['bike','red'] ORDER BY i.price, i.id LIMIT 20"),
        ("keywords in a category", "i.quantity > 0 AND i.terms && ARRAY['bike'] AND i.category = 3 ORDER BY i.price, i.id LIMIT 20"),
        ("category only", "i.quantity > 0 AND i.category = 3 ORDER BY i.price, i.id LIMIT 20 OFFSET 40"),
        ("everything on sale", "i.quantity > 0 ORDER BY i.price, i.id LIMIT 20"),
    ]

    @Test(arguments: shapes)
    func searchQueriesUseAnIndex(shape: String, whereClause: String) throws {
        let postgres = try TestPostgres.shared()
        let databases = try postgres.makeDatabases(prefix: "plan")
        let database = databases.products.database
        try postgres.query(
            """
            INSERT INTO items (category, seller_id, seller_name, name, keywords, terms, condition, price, quantity)
            SELECT g % 50, 1, 'S', 'Item ' || g, ARRAY['k' || (g % 500)], ARRAY['k' || (g % 500), 'item', g::text],
                   'new', 1 + (g % 1000), g % 7
              FROM generate_series(1, 20000) AS g
            """,
            database: database
        )
        try postgres.query("ANALYZE items", database: database)
        let plan = try postgres.query(
            "SET enable_seqscan = off; EXPLAIN SELECT i.id FROM items AS i WHERE \(whereClause)",
            database: database
        ).joined(separator: "\n")
        #expect(plan.contains("Index"), "\(shape):\n\(plan)")
        #expect(!plan.contains("Seq Scan"), "\(shape):\n\(plan)")
    }
}
