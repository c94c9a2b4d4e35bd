import MarketTesting
import Testing

/// The schema backs MarketCore's rules up: a row written around the servers, straight in SQL,
/// is refused when it breaks them (or when it would corrupt the search index).
@Suite(.timeLimit(.minutes(1))) struct SchemaConstraintTests {
    private static let insert =
        "INSERT INTO items (category, seller_id, seller_name, name, keywords, terms, condition, price, quantity) VALUES "

    /// A fresh products database holding one valid item.
    private static func databaseWithOneValidItem() async throws -> (TestPostgres, String) {
        let postgres = try await TestPostgres.shared()
        let database = try await postgres.makeDatabases(prefix: "rules").products.database
        try await postgres.query(Self.insert + "(1, 1, 'S', 'Lamp', ARRAY['oak'], ARRAY['oak', 'lamp'], 'new', 5, 1)", database: database)
        return (postgres, database)
    }

    /// Runs `statement` and expects it refused as a check violation (SQLSTATE 23514), the error
    /// the servers turn into `invalid_argument` naming the field; any other error, or none, fails.
    private static func expectCheckViolation(_ statement: String, rule: String, postgres: TestPostgres, database: String) async throws {
        // Anything but a check violation (the row accepted, another error) escapes the block.
        let outcome = try await postgres.query(
            """
            DO $$ BEGIN
                \(statement);
                RAISE EXCEPTION 'the row was accepted';
            EXCEPTION WHEN check_violation THEN
                NULL;
            END $$;
            SELECT 'refused'
            """,
            database: database
        )
        #expect(outcome == ["refused"], "\(rule)")
    }

    @Test(arguments: [
        ("a keyword with a space, which would pass for a pair of terms", "(1, 1, 'S', 'Lamp', ARRAY['oak lamp'], ARRAY['lamp'], 'new', 5, 1)"),
        ("an upper-case keyword", "(1, 1, 'S', 'Lamp', ARRAY['Oak'], ARRAY['lamp'], 'new', 5, 1)"),
        ("six keywords", "(1, 1, 'S', 'Lamp', ARRAY['a', 'b', 'c', 'd', 'e', 'f'], ARRAY['lamp'], 'new', 5, 1)"),
        ("an empty name", "(1, 1, 'S', '', ARRAY['oak'], ARRAY['lamp'], 'new', 5, 1)"),
        ("a negative quantity", "(1, 1, 'S', 'Lamp', ARRAY['oak'], ARRAY['lamp'], 'new', 5, -1)"),
        ("a price of zero", "(1, 1, 'S', 'Lamp', ARRAY['oak'], ARRAY['lamp'], 'new', 0, 1)"),
        ("an unknown condition", "(1, 1, 'S', 'Lamp', ARRAY['oak'], ARRAY['lamp'], 'mint', 5, 1)"),
    ])
    func rowsBreakingTheRulesAreRefused(rule: String, values: String) async throws {
        let (postgres, database) = try await Self.databaseWithOneValidItem()
        try await Self.expectCheckViolation(Self.insert + values, rule: rule, postgres: postgres, database: database)
        #expect(try await postgres.scalar("SELECT count(*) FROM items", database: database) == "1")
        // The valid item is indexed under each term and their pair.
        #expect(try await postgres.query("SELECT term FROM item_terms ORDER BY term", database: database) == ["lamp", "lamp oak", "oak"])
    }

    @Test(arguments: [
        ("an emptied name", "name = ''"),
        ("an upper-case keyword", "keywords = ARRAY['Oak']"),
        ("an unknown condition", "condition = 'mint'"),
        ("a negative category", "category = -1"),
        ("a negative quantity", "quantity = -1"),
        ("a negative vote count", "thumbs_down = -1"),
    ])
    func updatesBreakingTheRulesAreRefused(rule: String, assignment: String) async throws {
        let (postgres, database) = try await Self.databaseWithOneValidItem()
        try await Self.expectCheckViolation("UPDATE items SET \(assignment)", rule: rule, postgres: postgres, database: database)
        #expect(try await postgres.query("SELECT category, name, keywords, condition, quantity, thumbs_down FROM items", database: database) == ["1|Lamp|{oak}|new|1|0"])
        // What updates may change still changes.
        try await postgres.query("UPDATE items SET price = 7, quantity = 0, thumbs_up = 1", database: database)
        #expect(try await postgres.scalar("SELECT price FROM items", database: database) == "7.00")
    }
}
