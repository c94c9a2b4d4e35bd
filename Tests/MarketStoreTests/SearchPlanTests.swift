import MarketTesting
import Testing

/// Search must stay fast with a million items: every shape of search query has an index to use.
/// With sequential scans disabled, the planner falls back to a sequential scan only when no
/// index fits, so the plan shows whether one does.
@Suite(.timeLimit(.minutes(1))) struct SearchPlanTests {
    private static let shapes: [(String, String)] = [
        ("one keyword", "SELECT t0.item_id FROM item_terms AS t0 WHERE t0.term = 'k7' ORDER BY t0.item_id DESC LIMIT 20"),
        (
            "every one of two keywords, in a category",
            "SELECT t0.item_id FROM item_terms AS t0 JOIN item_terms AS t1 ON t1.item_id = t0.item_id AND t1.term = 'item' WHERE t0.term = 'k7' AND t0.category = 7 ORDER BY t0.item_id DESC LIMIT 20"
        ),
        ("scored keywords", "SELECT item_id, count(*) FROM item_terms WHERE term = ANY (ARRAY['k7','k8','k9']) GROUP BY item_id"),
        ("capped count", "SELECT count(DISTINCT item_id) FROM (SELECT item_id FROM item_terms WHERE term = ANY (ARRAY['k7','k8']) LIMIT 2001) AS s"),
        ("category only", "SELECT i.id FROM items AS i WHERE i.quantity > 0 AND i.category = 3 ORDER BY i.id DESC LIMIT 20 OFFSET 40"),
        ("everything on sale", "SELECT i.id FROM items AS i WHERE i.quantity > 0 ORDER BY i.id DESC LIMIT 20"),
    ]

    @Test(arguments: shapes)
    func searchQueriesUseAnIndex(shape: String, statement: String) throws {
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
        try postgres.query("VACUUM ANALYZE items, item_terms", database: database)
        // The triggers keep the search index in step with the items on sale.
        #expect(try postgres.scalar("SELECT count(*) FROM item_terms", database: database) == String((20000 - 20000 / 7) * 3))
        let plan = try postgres.query(
            "SET enable_seqscan = off; EXPLAIN \(statement)",
            database: database
        ).joined(separator: "\n")
        #expect(plan.contains("Index"), "\(shape):\n\(plan)")
        #expect(!plan.contains("Seq Scan"), "\(shape):\n\(plan)")
    }
}
