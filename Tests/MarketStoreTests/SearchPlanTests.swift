@testable import MarketStore
import MarketTesting
import Testing

/// Search must stay fast with a million items: every statement a search runs has an index to use,
/// with the one plan the pools keep for all parameters (`plan_cache_mode = force_generic_plan`).
/// With sequential scans disabled, the planner falls back to one only when no index fits, so the
/// plan shows whether one does.
@Suite(.timeLimit(.minutes(1))) struct SearchPlanTests {
    /// Each statement as the server prepares it, and arguments to explain it with.
    private static let statements: [(String, String, String)] = [
        ("browse", SearchSQL.browse(inCategory: false), "20, 40"),
        ("browse a category", SearchSQL.browse(inCategory: true), "20, 40, 3"),
        ("one keyword", SearchSQL.term(inCategory: false), "'k7', 20, 0"),
        ("one keyword in a category", SearchSQL.term(inCategory: true), "'k7', 20, 0, 7"),
        ("both of two keywords", SearchSQL.pair(inCategory: false), "'k7', 'item', 20, 0"),
        ("both of two keywords in a category", SearchSQL.pair(inCategory: true), "'k7', 'item', 20, 0, 7"),
        ("every keyword", SearchSQL.every(inCategory: false), "'k7', 'item', ARRAY['k7', 'item', '7'], 320, 20, 0, 3"),
        ("every keyword in a category", SearchSQL.every(inCategory: true), "'k7', 'item', ARRAY['k7', 'item', '7'], 320, 20, 0, 3, 7"),
        ("count of every keyword", SearchSQL.countEvery(inCategory: false), "ARRAY['k7', 'item']"),
        ("count of every keyword in a category", SearchSQL.countEvery(inCategory: true), "ARRAY['k7', 'item'], 7"),
        ("exactly one of two", SearchSQL.exactlyOne(inCategory: false), "'k7', 'item', 20, 0"),
        ("exactly one of two in a category", SearchSQL.exactlyOne(inCategory: true), "'k7', 'item', 20, 0, 7"),
        ("scored", SearchSQL.scored(inCategory: false), "ARRAY['k7', 'k8', 'k9'], 3, 20, 0"),
        ("scored in a category", SearchSQL.scored(inCategory: true), "ARRAY['k7', 'k8', 'k9'], 3, 20, 0, 7"),
        ("capped count of items on sale", SearchSQL.countBrowse(inCategory: false), "1001"),
        ("capped count of a category", SearchSQL.countBrowse(inCategory: true), "1001, 3"),
        ("capped count of matches", SearchSQL.countAny(inCategory: false), "ARRAY['k7', 'k8'], 2001"),
        ("capped count of matches in a category", SearchSQL.countAny(inCategory: true), "ARRAY['k7', 'k8'], 2001, 7"),
    ]

    /// Counting items on sale up to the cap in any order: a scan that stops at the cap reads no
    /// more than an index would (neither knows which items are sold out).
    private static let boundedScans: Set<String> = ["capped count of items on sale"]

    /// 20,000 items, a seventh of them sold out, loaded once for every case: loading them per
    /// case (18 databases, 2 million trigger-maintained index rows) took most of a minute on a
    /// loaded two-core machine.
    private static let catalogue = Task { () async throws -> (postgres: TestPostgres, database: String) in
        let postgres = try await TestPostgres.shared()
        let database = try await postgres.makeDatabases(prefix: "plan").products.database
        try await postgres.query(
            """
            INSERT INTO items (category, seller_id, seller_name, name, keywords, terms, condition, price, quantity)
            SELECT g % 50, 1, 'S', 'Item ' || g, ARRAY['k' || (g % 500)], ARRAY['k' || (g % 500), 'item', g::text],
                   'new', 1 + (g % 1000), g % 7
              FROM generate_series(1, 20000) AS g
            """,
            database: database
        )
        try await postgres.query("VACUUM ANALYZE items, item_terms", database: database)
        return (postgres, database)
    }

    @Test func theTriggersIndexEveryItemOnSaleUnderItsTermsAndTheirPairs() async throws {
        let (postgres, database) = try await Self.catalogue.value
        // Three terms each, and their three pairs.
        #expect(try await postgres.scalar("SELECT count(*) FROM item_terms", database: database) == String((20000 - 20000 / 7) * 6))
        #expect(try await postgres.scalar("SELECT count(*) FROM item_terms WHERE term = 'item k7'", database: database) == "34", "40 items have k7, 6 of them sold out")
    }

    @Test(arguments: statements)
    func searchStatementsUseAnIndex(shape: String, sql: String, arguments: String) async throws {
        let (postgres, database) = try await Self.catalogue.value
        let plan = try await postgres.query(
            """
            SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan;
            PREPARE statement AS \(sql);
            EXPLAIN EXECUTE statement(\(arguments))
            """,
            database: database
        ).joined(separator: "\n")
        if Self.boundedScans.contains(shape) {
            #expect(plan.contains("Limit"), "\(shape):\n\(plan)")
        } else {
            #expect(plan.contains("Index"), "\(shape):\n\(plan)")
            #expect(!plan.contains("Seq Scan"), "\(shape):\n\(plan)")
        }
    }
}
