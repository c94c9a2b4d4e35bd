public import MarketCore
import PostgresNIO

extension ProductsStore {
    /// Counting matches stops here; beyond it the total is reported as a lower bound.
    public static let searchCountCap = 1_000

    /// Items with units on sale in `category` (or any), matching any of `keywords` (lower-cased)
    /// against their keywords and name words. Ranked by the number of keywords matched, then
    /// newest first (highest item number).
    ///
    /// The work is bounded by the page, not by the catalogue, wherever the ranking allows:
    /// - no keywords: a walk down the primary key, or the `(category, id)` index;
    /// - keywords: first the items that match *every* keyword, newest first, read from
    ///   `item_terms` (ordered by term, then item) as a merge of index ranges. They rank highest,
    ///   and for one keyword they are the whole answer;
    /// - when they do not fill the page: for two keywords, the items matching exactly one, as a
    ///   merge of two index walks; for three or more, every match is scored (cost grows with the
    ///   matches, read from the index alone).
    /// The total is counted concurrently on a second pooled connection, exactly up to
    /// ``searchCountCap`` and as a lower bound beyond it.
    public func search(category: CategoryFilter, keywords: [String], limit: Int, offset: Int) async throws(MarketError) -> Page<SearchHit> {
        let (hits, counted) = try await Database.concurrently(
            await self.searchPage(category: category, keywords: keywords, limit: limit, offset: offset),
            await self.searchCount(category: category, keywords: keywords)
        )
        return Page(
            items: hits,
            offset: offset,
            limit: limit,
            total: max(counted.total, offset + hits.count),
            totalIsExact: counted.exact
        )
    }

    private func searchPage(category: CategoryFilter, keywords: [String], limit: Int, offset: Int) async throws(MarketError) -> [SearchHit] {
        var binds = PostgresBindings()
        guard !keywords.isEmpty else {
            binds.append(Int64(limit))
            binds.append(Int64(offset))
            let clause = Self.categoryClause(category, column: "i.category", parameter: 3, binds: &binds)
            return try await self.searchHits(
                """
                SELECT 0, \(ItemRow.columns) FROM items AS i
                 WHERE i.quantity > 0\(clause)
                 ORDER BY i.id DESC LIMIT $1::int8 OFFSET $2::int8
                """,
                binds
            )
        }
        // $1…$k are the keywords, then limit, offset and the category if any.
        let k = keywords.count
        for keyword in keywords { binds.append(keyword) }
        binds.append(Int64(limit))
        binds.append(Int64(offset))
        let clause = Self.categoryClause(category, column: "t0.category", parameter: k + 3, binds: &binds)
        let joins = (1..<k).map { "JOIN item_terms AS t\($0) ON t\($0).item_id = t0.item_id AND t\($0).term = $\($0 + 1)::text" }
        let topTier = try await self.searchHits(
            """
            SELECT \(k)::int4, \(ItemRow.columns)
              FROM (SELECT t0.item_id FROM item_terms AS t0 \(joins.joined(separator: " "))
                     WHERE t0.term = $1::text\(clause)
                     ORDER BY t0.item_id DESC LIMIT $\(k + 1)::int8 OFFSET $\(k + 2)::int8) AS m
              JOIN items AS i ON i.id = m.item_id
             WHERE i.quantity > 0
             ORDER BY i.id DESC
            """,
            binds
        )
        guard k > 1, topTier.count < limit else { return topTier }

        // The page reaches past the items matching every keyword: how many of those come first?
        let everyCount = topTier.isEmpty && offset > 0 ? try await self.countMatchingEvery(category: category, keywords: keywords) : offset + topTier.count
        var rest = PostgresBindings()
        for keyword in keywords { rest.append(keyword) }
        rest.append(Int64(limit - topTier.count))
        rest.append(Int64(max(0, offset - everyCount)))
        if k == 2 {
            let a = Self.categoryClause(category, column: "a.category", parameter: 5, binds: &rest)
            let b = a.replacingOccurrences(of: "a.category", with: "b.category")
            return topTier + (try await self.searchHits(
                """
                SELECT 1, \(ItemRow.columns)
                  FROM (SELECT item_id FROM (
                            (SELECT a.item_id FROM item_terms AS a WHERE a.term = $1::text\(a)
                                AND (SELECT count(*) FROM item_terms AS x WHERE x.term = $2::text AND x.item_id = a.item_id) = 0
                              ORDER BY a.item_id DESC)
                            UNION ALL
                            (SELECT b.item_id FROM item_terms AS b WHERE b.term = $2::text\(b)
                                AND (SELECT count(*) FROM item_terms AS x WHERE x.term = $1::text AND x.item_id = b.item_id) = 0
                              ORDER BY b.item_id DESC)
                        ) AS one ORDER BY item_id DESC LIMIT $3::int8 OFFSET $4::int8) AS m
                  JOIN items AS i ON i.id = m.item_id
                 WHERE i.quantity > 0
                 ORDER BY i.id DESC
                """,
                rest
            ))
        }
        // Three or more keywords: score every match from the index, then take the page after the
        // items matching all of them.
        var scored = PostgresBindings()
        scored.append(keywords)
        scored.append(Int64(k))
        scored.append(Int64(limit - topTier.count))
        scored.append(Int64(max(0, offset - everyCount)))
        let scoredClause = Self.categoryClause(category, column: "category", parameter: 5, binds: &scored)
        return topTier + (try await self.searchHits(
            """
            SELECT m.score, \(ItemRow.columns)
              FROM (SELECT item_id, count(*)::int4 AS score FROM item_terms
                     WHERE term = ANY ($1::text[])\(scoredClause)
                     GROUP BY item_id HAVING count(*) < $2::int8
                     ORDER BY score DESC, item_id DESC LIMIT $3::int8 OFFSET $4::int8) AS m
              JOIN items AS i ON i.id = m.item_id
             WHERE i.quantity > 0
             ORDER BY m.score DESC, i.id DESC
            """,
            scored
        ))
    }

    /// How many items on sale match every keyword.
    private func countMatchingEvery(category: CategoryFilter, keywords: [String]) async throws(MarketError) -> Int {
        var binds = PostgresBindings()
        for keyword in keywords { binds.append(keyword) }
        let clause = Self.categoryClause(category, column: "t0.category", parameter: keywords.count + 1, binds: &binds)
        let joins = (1..<keywords.count).map { "JOIN item_terms AS t\($0) ON t\($0).item_id = t0.item_id AND t\($0).term = $\($0 + 1)::text" }
        let query = PostgresQuery(
            unsafeSQL: "SELECT count(*) FROM item_terms AS t0 \(joins.joined(separator: " ")) WHERE t0.term = $1::text\(clause)",
            binds: binds
        )
        return try await self.database.perform("searchCountEvery") { client in
            for try await count in try await client.query(query).decode(Int64.self) { return Int(count) }
            return 0
        }
    }

    private func searchHits(_ sql: String, _ binds: PostgresBindings) async throws(MarketError) -> [SearchHit] {
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await self.database.perform("search") { client in
            var hits: [SearchHit] = []
            for try await row in try await client.query(query) {
                let matched = try row.makeRandomAccess()[0].decode(Int32.self)
                hits.append(SearchHit(item: try ItemRow.item(from: row, skipping: 1), matchedKeywords: Int(matched)))
            }
            return hits
        }
    }

    /// The number of distinct matching items, exact while it stays within the cap. Reads at most
    /// `cap × keywords` index entries, so a broad search costs no more than a narrow one.
    private func searchCount(category: CategoryFilter, keywords: [String]) async throws(MarketError) -> (total: Int, exact: Bool) {
        var binds = PostgresBindings()
        let sql: String
        let entryLimit = Int64(Self.searchCountCap * max(keywords.count, 1) + 1)
        if keywords.isEmpty {
            binds.append(entryLimit)
            let clause = Self.categoryClause(category, column: "i.category", parameter: 2, binds: &binds)
            sql = "SELECT count(*), count(*) FROM (SELECT i.id AS item_id FROM items AS i WHERE i.quantity > 0\(clause) LIMIT $1::int8) AS s"
        } else {
            binds.append(keywords)
            binds.append(entryLimit)
            let clause = Self.categoryClause(category, column: "category", parameter: 3, binds: &binds)
            sql = """
                SELECT count(DISTINCT item_id), count(*)
                  FROM (SELECT item_id FROM item_terms WHERE term = ANY ($1::text[])\(clause) LIMIT $2::int8) AS s
                """
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await self.database.perform("searchCount") { client in
            for try await (distinct, entries) in try await client.query(query).decode((Int64, Int64).self) {
                let exact = entries < entryLimit
                return (exact ? Int(distinct) : max(Int(distinct), Self.searchCountCap), exact)
            }
            return (0, true)
        }
    }

    /// ` AND <column> = $n` with the category bound as parameter `n`, or nothing for any.
    private static func categoryClause(_ filter: CategoryFilter, column: String, parameter: Int, binds: inout PostgresBindings) -> String {
        guard case .only(let category) = filter else { return "" }
        binds.append(category.rawValue)
        return " AND \(column) = $\(parameter)::int4"
    }
}
