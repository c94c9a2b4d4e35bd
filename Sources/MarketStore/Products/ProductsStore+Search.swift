public import MarketCore
import PostgresNIO

extension ProductsStore {
    /// Counting matches stops here; beyond it the total is reported as a lower bound.
    public static let searchCountCap = 10_000

    /// Items with units on sale in `category` (or any), matching any of `keywords` (lower-cased)
    /// against their keywords and name words. Ranked by the number of keywords matched, then
    /// price (low first), then item number (older first).
    ///
    /// Each shape of query is its own SQL text so that the planner can pick the matching index
    /// (GIN on `terms`, or B-tree on `(category, price, id)` / `(price, id)`). The page and the
    /// capped count run concurrently on two pooled connections.
    public func search(category: CategoryFilter, keywords: [String], limit: Int, offset: Int) async throws(MarketError) -> Page<SearchHit> {
        var page: PostgresQuery
        var count: PostgresQuery
        if keywords.isEmpty {
            page = "SELECT 0, \(unescaped: ItemRow.columns) FROM items AS i WHERE i.quantity > 0"
            count = "SELECT count(*) FROM (SELECT 1 FROM items AS i WHERE i.quantity > 0"
        } else {
            page = """
                SELECT (SELECT count(*) FROM unnest(\(keywords)::text[]) AS k WHERE k = ANY (i.terms))::integer,
                       \(unescaped: ItemRow.columns)
                  FROM items AS i WHERE i.quantity > 0 AND i.terms && $1::text[]
                """
            count = "SELECT count(*) FROM (SELECT 1 FROM items AS i WHERE i.quantity > 0 AND i.terms && \(keywords)::text[]"
        }
        if case .only(let category) = category {
            page.append(sql: " AND i.category = ", bind: category.rawValue)
            count.append(sql: " AND i.category = ", bind: category.rawValue)
        }
        page.sql += keywords.isEmpty ? " ORDER BY i.price, i.id" : " ORDER BY 1 DESC, i.price, i.id"
        page.append(sql: " LIMIT ", bind: Int64(limit))
        page.append(sql: " OFFSET ", bind: Int64(offset))
        count.append(sql: " LIMIT ", bind: Int64(Self.searchCountCap))
        count.sql += ") AS capped"

        let pageQuery = page
        let countQuery = count
        let (hits, counted) = try await Database.concurrently(
            await self.database.perform("search") { client in
                var hits: [SearchHit] = []
                for try await row in try await client.query(pageQuery) {
                    let matched = try row.makeRandomAccess()[0].decode(Int32.self)
                    hits.append(SearchHit(item: try ItemRow.item(from: row, skipping: 1), matchedKeywords: Int(matched)))
                }
                return hits
            },
            await self.database.perform("searchCount") { client in
                for try await count in try await client.query(countQuery).decode(Int64.self) { return Int(count) }
                return 0
            }
        )
        return Page(
            items: hits,
            offset: offset,
            limit: limit,
            total: max(counted, offset + hits.count),
            totalIsExact: counted < Self.searchCountCap
        )
    }
}

extension PostgresQuery {
    /// Appends `sql` followed by the next positional parameter, bound to `value`.
    mutating func append(sql: String, bind value: some PostgresDynamicTypeEncodable) {
        self.binds.append(value)
        self.sql += sql + "$\(self.binds.count)"
    }
}
