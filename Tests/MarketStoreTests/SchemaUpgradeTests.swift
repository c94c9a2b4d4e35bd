import MarketStore
import MarketTesting
import MarketCore
import Testing

/// Applying a schema file again is harmless, and an upgrade brings older data in line.
@Suite(.timeLimit(.minutes(1))) struct SchemaUpgradeTests {
    private static let insert =
        "INSERT INTO items (category, seller_id, seller_name, name, keywords, terms, condition, price, quantity) VALUES "

    /// A fresh products database of the current schema.
    private static func freshDatabase() async throws -> (TestPostgres, String) {
        let postgres = try await TestPostgres.shared()
        return (postgres, try await postgres.makeDatabases(prefix: "upgrade").products.database)
    }

    /// Applies the schema again to `database` as if it were of schema `version`: the upgrade from it.
    private static func upgrade(_ database: String, from version: Int, postgres: TestPostgres) async throws {
        try await postgres.query("UPDATE market_schema SET version = \(version) WHERE name = 'products'", database: database)
        try await postgres.applySchema("products", to: database)
    }

    @Test func everySellersListedItemsAreCountedOnRegistrationAndOnUpgrade() async throws {
        let (postgres, database) = try await Self.freshDatabase()
        try await postgres.query(
            Self.insert + "(1, 7, 'S', 'Lamp', '{}', '{lamp}', 'new', 5, 1), (2, 7, 'S', 'Oak', '{}', '{oak}', 'new', 5, 0), (1, 8, 'T', 'Cup', '{}', '{cup}', 'used', 2, 3)",
            database: database
        )
        let counts = "SELECT seller_id, items_listed FROM seller_stats ORDER BY seller_id"
        #expect(try await postgres.query(counts, database: database) == ["7|2", "8|1"], "sold-out items count too")

        // A database of schema 6 had no counter: the upgrade counts what is there, once.
        try await postgres.query("UPDATE seller_stats SET items_listed = 0", database: database)
        try await Self.upgrade(database, from: 6, postgres: postgres)
        #expect(try await postgres.query(counts, database: database) == ["7|2", "8|1"])
        try await postgres.applySchema("products", to: database)
        #expect(try await postgres.query(counts, database: database) == ["7|2", "8|1"], "a second run changes nothing")
        #expect(try await postgres.scalar("SELECT version FROM market_schema WHERE name = 'products'", database: database) == "\(SchemaVersion.products)")
    }

    @Test func theUsualCategoriesAreNamedOnceAndAnOperatorsChoiceStays() async throws {
        let (postgres, database) = try await Self.freshDatabase()
        let names = "SELECT category || ' ' || name FROM category_names ORDER BY category"
        #expect(try await postgres.query(names, database: database).prefix(4) == ["0 Other", "1 Books", "2 Electronics", "3 Home & kitchen"])

        // The operator renames one and removes another: applying the schema again keeps that.
        try await postgres.query("UPDATE category_names SET name = 'Kitchen' WHERE category = 3", database: database)
        try await postgres.query("DELETE FROM category_names WHERE category = 0", database: database)
        try await postgres.applySchema("products", to: database)
        #expect(try await postgres.query(names, database: database).prefix(3) == ["1 Books", "2 Electronics", "3 Kitchen"])

        // A database of schema 10 had no names: the upgrade adds the usual ones, beside any there.
        try await postgres.query("DELETE FROM category_names WHERE category > 1", database: database)
        try await Self.upgrade(database, from: 10, postgres: postgres)
        #expect(try await postgres.query(names, database: database).prefix(4) == ["0 Other", "1 Books", "2 Electronics", "3 Home & kitchen"])
        await #expect(throws: (any Error).self, "names are unique whatever their case") {
            try await postgres.query("INSERT INTO category_names VALUES (40, 'BOOKS')", database: database)
        }
    }

    @Test func theTextRulesMoveFromCheckConstraintsToTheTriggerOnUpgrade() async throws {
        let (postgres, database) = try await Self.freshDatabase()
        let checks = "SELECT conname FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'c' ORDER BY conname"
        let numericChecks = ["items_price_check", "items_quantity_check", "items_thumbs_down_check", "items_thumbs_up_check"]
        #expect(try await postgres.query(checks, database: database) == numericChecks)

        // A database of schema 7 had the text rules as CHECK constraints, named by PostgreSQL.
        try await postgres.query(
            """
            ALTER TABLE items ADD CONSTRAINT items_category_check CHECK (category >= 0),
                              ADD CONSTRAINT items_name_check CHECK (char_length(name) BETWEEN 1 AND 256),
                              ADD CONSTRAINT items_keywords_check CHECK (market_valid_keywords(keywords)),
                              ADD CONSTRAINT items_condition_check CHECK (condition IN ('new', 'used'))
            """,
            database: database
        )
        try await Self.upgrade(database, from: 7, postgres: postgres)
        #expect(try await postgres.query(checks, database: database) == numericChecks)
        // The trigger checks them instead.
        await #expect(throws: (any Error).self) {
            try await postgres.query(Self.insert + "(1, 7, 'S', '', '{}', '{}', 'new', 5, 1)", database: database)
        }
    }

    @Test func theTermsOfOlderItemsLoseTheirAccentsOnUpgrade() async throws {
        let (postgres, database) = try await Self.freshDatabase()
        // Schema 9 stored terms as typed, accents and all.
        try await postgres.query(Self.insert + "(1, 7, 'S', 'Café crème', '{thé}', '{thé,café,crème}', 'new', 5, 1), (2, 7, 'S', 'Øl', '{}', '{øl}', 'new', 5, 1)", database: database)
        try await Self.upgrade(database, from: 9, postgres: postgres)
        #expect(try await postgres.query("SELECT name, terms FROM items ORDER BY id", database: database) == ["Café crème|{the,cafe,creme}", "Øl|{øl}"])
        let indexed = "SELECT term FROM item_terms WHERE term NOT LIKE '% %' ORDER BY term"
        #expect(try await postgres.query(indexed, database: database) == ["cafe", "creme", "the", "øl"], "indexed again, without the old terms")
        #expect(try await postgres.query("SELECT count(*) FROM item_terms WHERE term = 'cafe creme'", database: database) == ["1"], "and their pairs")
    }

    @Test func olderItemsWithChineseOrJapaneseNamesAreIndexedByTheirScriptsRunsOnUpgrade() async throws {
        let (postgres, database) = try await Self.freshDatabase()
        // Schema 12 indexed a word that changes script only whole.
        try await postgres.query(
            Self.insert + "(1, 7, 'S', '東京タワー Model', '{}', '{東京タワー,model}', 'new', 5, 1), (2, 7, 'S', '緑茶 tea', '{}', '{緑茶,tea}', 'new', 5, 1)",
            database: database
        )
        try await Self.upgrade(database, from: 12, postgres: postgres)
        let terms = try await postgres.query("SELECT terms FROM items ORDER BY id", database: database)
        #expect(terms == ["{東京タワー,model,タワー,東京}", "{緑茶,tea}"], "one script's words are whole already")
        #expect(try await postgres.query("SELECT count(*) FROM item_terms WHERE term = 'タワー'", database: database) == ["1"], "and indexed")
        try await postgres.applySchema("products", to: database)
        #expect(try await postgres.query("SELECT terms FROM items ORDER BY id", database: database) == terms, "once")
    }

    @Test func olderItemsWithFullWidthLettersAreIndexedAsASCIIOnUpgrade() async throws {
        let (postgres, database) = try await Self.freshDatabase()
        // Schema 14 stored full-width letters and digits as typed (lower-cased).
        try await postgres.query(
            Self.insert + "(1, 7, 'S', 'ＵＳＢ充電器 Ｍ２', '{ｃａｂｌｅ}', '{ｃａｂｌｅ,ｕｓｂ充電器,ｍ２,ｕｓｂ,充電器,cable}', 'new', 5, 1), (2, 7, 'S', 'Tea', '{}', '{tea}', 'new', 5, 1)",
            database: database
        )
        try await Self.upgrade(database, from: 14, postgres: postgres)
        let terms = try await postgres.query("SELECT terms FROM items ORDER BY id", database: database)
        #expect(terms == ["{cable,usb充電器,m2,usb,充電器}", "{tea}"], "as Text.itemTerms makes them now, each once")
        #expect(try await postgres.query("SELECT count(*) FROM item_terms WHERE term IN ('usb', 'm2', 'cable m2')", database: database) == ["3"], "and indexed, pairs too")
        #expect(try await postgres.query("SELECT count(*) FROM item_terms WHERE term = 'ｕｓｂ'", database: database) == ["0"])
        #expect(Text.itemTerms(name: "ＵＳＢ充電器 Ｍ２", keywords: ["ｃａｂｌｅ"]) == ["cable", "usb充電器", "m2", "usb", "充電器"], "the same terms")
    }
}

