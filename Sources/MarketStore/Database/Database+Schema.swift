public import MarketCore

extension Database {
    /// The schema version found in the database, or `nil` when the schema was never applied, so a
    /// server started against an empty database can say so at once instead of failing every request.
    public func schemaVersion(_ name: String) async throws(MarketError) -> Int32? {
        try await self.perform("schemaVersion") { client in
            // The table itself may be missing: ask the catalogue first, so that case is an answer
            // rather than an "undefined table" error.
            let exists = try await client.query("SELECT to_regclass('market_schema') IS NOT NULL")
            for try await present in exists.decode(Bool.self) where !present { return nil }
            let rows = try await client.query("SELECT version FROM market_schema WHERE name = \(name)")
            for try await version in rows.decode(Int32.self) { return version }
            return nil
        }
    }
}

/// The schema versions this build of MarketStore expects (see `sql/`).
public enum SchemaVersion {
    public static let customers: Int32 = 2
    public static let products: Int32 = 15
}
