public import MarketCore
import PostgresNIO

extension ProductsStore {
    /// Counting matches stops here; beyond it the total is reported as a lower bound.
    public static let searchCountCap = 1_000

    /// How many of the newest items matching the first two keywords are checked for the others
    /// before a search falls back to intersecting whole posting lists, beyond the page itself.
    static let searchWindow = 300

    /// Items with units on sale in `category` (or any), matching any of `keywords` (lower-cased)
    /// against their keywords and name words. Ranked by the number of keywords matched, then
    /// newest first (highest item number).
    ///
    /// The work is bounded by the page, not by the catalogue, wherever the ranking allows:
    /// - no keywords: a walk down the primary key, or the `(category, id)` index;
    /// - one keyword: a walk down that term's range of `item_terms`;
    /// - several: first the items that match *every* keyword. `item_terms` also holds every pair
    ///   of an item's terms, so for two keywords those items are one range, however common each
    ///   word is. For more, the newest few hundred items of the first two keywords' pair are
    ///   checked for the others; when the page is not filled from them (the words rarely go
    ///   together), the GIN index on `items.terms` intersects the posting lists.
    ///   When those items do not fill the page: for two keywords, the items matching exactly one,
    ///   as a merge of two index walks; for three or more, the items matching some keywords but
    ///   not all, scored: those matching two or more are the ranges of the keywords' pairs, and
    ///   those matching one a merge of walks down each keyword's range (cost grows with the pairs'
    ///   matches and the page's depth, not with each word's).
    /// Every shape is a statement prepared once per pooled connection. The total is counted
    /// concurrently on a second pooled connection, exactly up to ``searchCountCap`` and as a lower
    /// bound beyond it.
    ///
    /// With an `order`, the best ``Paging/sortedSearchWindow`` matches in that ranking are sorted by it
    /// (ties keep the ranking) and the page is cut from them; the total is then their number.
    /// Sorting is the buyer's own act, not the hot path: one bounded read of the ranking, sorted
    /// here, serves it without an index per key (which would make every price and unit change a
    /// non-HOT update).
    public func search(category: CategoryFilter, keywords: [String], limit: Int, offset: Int, order: ItemOrder? = nil) async throws(MarketError) -> Page<SearchHit> {
        // As the terms are stored: without the accents of Latin letters ("cafe" finds "café").
        let keywords = Text.searchTerms(keywords)
        if let order {
            let ranked = try await self.searchPage(category: category, keywords: keywords, limit: Paging.sortedSearchWindow, offset: 0)
            let sorted = order.sorted(ranked, item: \.item)
            return Page(items: Array(sorted.dropFirst(offset).prefix(limit)), offset: offset, limit: limit, total: sorted.count)
        }
        let (hits, counted) = try await Database.concurrently(
            await self.searchPage(category: category, keywords: keywords, limit: limit, offset: offset),
            await self.searchCount(category: category, keywords: keywords)
        )
        // A page that is not full is the last: the results end with it, so its end is the exact
        // total, however far the count went. (An empty page past the first says only that they
        // end at or before its offset.)
        if hits.count < limit, !hits.isEmpty || offset == 0 {
            return Page(items: hits, offset: offset, limit: limit, total: offset + hits.count)
        }
        return Page(
            items: hits,
            offset: offset,
            limit: limit,
            total: max(counted.total, offset + hits.count),
            totalIsExact: counted.exact
        )
    }

    private func searchPage(category: CategoryFilter, keywords: [String], limit: Int, offset: Int) async throws(MarketError) -> [SearchHit] {
        let scope = SearchScope(category)
        guard let first = keywords.first else {
            return try await self.hits(scope, Browse.self, BrowseInCategory.self, PostgresBindings(Int64(limit), Int64(offset)))
        }
        let k = keywords.count
        guard k > 1 else {
            return try await self.hits(scope, Term.self, TermInCategory.self, PostgresBindings(first, Int64(limit), Int64(offset)))
        }
        let topTier: [SearchHit]
        if k == 2 {
            topTier = try await self.hits(scope, Pair.self, PairInCategory.self, PostgresBindings(first, keywords[1], Int64(limit), Int64(offset)))
        } else {
            let window = Int64(Self.searchWindow + offset + limit)
            topTier = try await self.hits(
                scope,
                Every.self,
                EveryInCategory.self,
                PostgresBindings(first, keywords[1], keywords, window, Int64(limit), Int64(offset), Int32(k))
            )
        }
        guard topTier.count < limit else { return topTier }

        // The page reaches past the items matching every keyword: how many of those come first?
        let everyCount = topTier.isEmpty && offset > 0 ? try await self.countMatchingEvery(scope, keywords) : offset + topTier.count
        let restLimit = Int64(limit - topTier.count)
        let restOffset = Int64(max(0, offset - everyCount))
        if k == 2 {
            return topTier + (try await self.hits(scope, ExactlyOne.self, ExactlyOneInCategory.self, PostgresBindings(first, keywords[1], restLimit, restOffset)))
        }
        return topTier + (try await self.hits(scope, Scored.self, ScoredInCategory.self, PostgresBindings(keywords, Int64(k), restLimit, restOffset)))
    }

    /// How many items on sale match every keyword.
    private func countMatchingEvery(_ scope: SearchScope, _ keywords: [String]) async throws(MarketError) -> Int {
        let bindings = scope.bind(PostgresBindings(keywords))
        return try await self.database.perform("searchCountEvery") { client in
            let row = try await scope.isAll ? client.firstRow(CountEvery(bindings: bindings)) : client.firstRow(CountEveryInCategory(bindings: bindings))
            return Int(try row?.decode(Int64.self) ?? 0)
        }
    }

    /// Runs the page statement of `scope` (one of two prepared variants) and decodes its hits:
    /// the number of keywords matched, then the item columns.
    private func hits<All: SearchStatement, InCategory: SearchStatement>(
        _ scope: SearchScope,
        _ all: All.Type,
        _ inCategory: InCategory.Type,
        _ bindings: PostgresBindings
    ) async throws(MarketError) -> [SearchHit] {
        let bindings = scope.bind(bindings)
        return try await self.database.perform("search") { client in
            let rows = try await scope.isAll ? client.rows(All(bindings: bindings)) : client.rows(InCategory(bindings: bindings))
            return try rows.map { row in
                let (matched, item) = try ItemRow.item(from: row, after: Int32.self)
                return SearchHit(item: item, matchedKeywords: Int(matched))
            }
        }
    }

    /// The number of distinct matching items, exact while it stays within the cap. Reads at most
    /// `cap × keywords` index entries, so a broad search costs no more than a narrow one.
    private func searchCount(category: CategoryFilter, keywords: [String]) async throws(MarketError) -> (total: Int, exact: Bool) {
        let scope = SearchScope(category)
        let entryLimit = Int64(Self.searchCountCap * max(keywords.count, 1) + 1)
        let bindings = scope.bind(keywords.isEmpty ? PostgresBindings(entryLimit) : PostgresBindings(keywords, entryLimit))
        return try await self.database.perform("searchCount") { client in
            let row: PostgresRow?
            switch (keywords.isEmpty, scope.isAll) {
            case (true, true): row = try await client.firstRow(CountBrowse(bindings: bindings))
            case (true, false): row = try await client.firstRow(CountBrowseInCategory(bindings: bindings))
            case (false, true): row = try await client.firstRow(CountAny(bindings: bindings))
            case (false, false): row = try await client.firstRow(CountAnyInCategory(bindings: bindings))
            }
            guard let (distinct, entries) = try row?.decode((Int64, Int64).self) else { return (0, true) }
            let exact = entries < entryLimit
            return (exact ? Int(distinct) : max(Int(distinct), Self.searchCountCap), exact)
        }
    }
}

/// Every search statement comes in two prepared variants: for any category, and for one (bound
/// as the last parameter), so each keeps a plan that uses the right index.
private struct SearchScope: Sendable {
    let category: Category?

    init(_ filter: CategoryFilter) {
        if case .only(let category) = filter { self.category = category } else { self.category = nil }
    }

    var isAll: Bool { self.category == nil }

    func bind(_ bindings: PostgresBindings) -> PostgresBindings {
        guard let category else { return bindings }
        var bindings = bindings
        bindings.append(category.rawValue)
        return bindings
    }

    /// ` AND <column> = $<parameter>::int4` for the in-category variant of a statement.
    static func filter(_ inCategory: Bool, _ column: String, parameter: Int) -> String {
        inCategory ? " AND \(column) = $\(parameter)::int4" : ""
    }
}

private protocol SearchStatement: Statement {
    init(bindings: PostgresBindings)
}

// MARK: - Statements
//
// Each SQL text is built once (a static stored property) and names its parameters' types, as
// every prepared statement here must. The first column of a page is the number of keywords
// matched; the item columns follow.

/// Internal, not private, so that `SearchPlanTests` can show each statement's plan.
enum SearchSQL {
    /// No keywords: newest first. $1 limit, $2 offset, [$3 category].
    static func browse(inCategory: Bool) -> String {
        """
        SELECT 0::int4, \(ItemRow.columns) FROM items AS i
         WHERE i.quantity > 0\(SearchScope.filter(inCategory, "i.category", parameter: 3))
         ORDER BY i.id DESC LIMIT $1::int8 OFFSET $2::int8
        """
    }

    /// One keyword: its range of `item_terms`, newest first. $1 term, $2 limit, $3 offset,
    /// [$4 category].
    static func term(inCategory: Bool) -> String {
        self.range(of: "$1::text", matched: 1, firstParameter: 2, inCategory: inCategory)
    }

    /// Two keywords: the items matching both, newest first: the range of their pair in
    /// `item_terms`. $1 and $2 the keywords, $3 limit, $4 offset, [$5 category].
    static func pair(inCategory: Bool) -> String {
        self.range(of: "market_term_pair($1::text, $2::text)", matched: 2, firstParameter: 3, inCategory: inCategory)
    }

    /// The items on sale under one `item_terms` term, newest first, each counted as matching
    /// `matched` keywords. Limit, offset and category are parameters from `firstParameter` on.
    private static func range(of term: String, matched: Int, firstParameter n: Int, inCategory: Bool) -> String {
        """
        SELECT \(matched)::int4, \(ItemRow.columns)
          FROM (SELECT t.item_id FROM item_terms AS t
                 WHERE t.term = \(term)\(SearchScope.filter(inCategory, "t.category", parameter: n + 2))
                 ORDER BY t.item_id DESC LIMIT $\(n)::int8 OFFSET $\(n + 1)::int8) AS m
          JOIN items AS i ON i.id = m.item_id
         WHERE i.quantity > 0
         ORDER BY i.id DESC
        """
    }

    /// Three or more keywords: the items matching every one, newest first. $1 and $2 the first two
    /// keywords, $3 all of them, $4 the window, $5 limit, $6 offset, $7 the number of keywords,
    /// [$8 category].
    ///
    /// `hits` checks the newest `$4` items matching the first two keywords (their pair's range)
    /// for the others, which fills the page at once when the words often go together. Only when
    /// it does not, and the pair has more items than the window, are the whole posting lists
    /// intersected by the GIN index on `items.terms` — cheap exactly when the words rarely go
    /// together.
    static func every(inCategory: Bool) -> String {
        let termFilter = SearchScope.filter(inCategory, "category", parameter: 8)
        let itemFilter = SearchScope.filter(inCategory, "i.category", parameter: 8)
        return """
            WITH hits AS MATERIALIZED (
                    SELECT i.id FROM (SELECT item_id FROM item_terms
                                       WHERE term = market_term_pair($1::text, $2::text)\(termFilter)
                                       ORDER BY item_id DESC LIMIT $4::int8) AS recent
                      JOIN items AS i ON i.id = recent.item_id
                     WHERE i.terms @> $3::text[] AND i.quantity > 0
                     ORDER BY recent.item_id DESC LIMIT $5::int8 + $6::int8),
                 settled AS MATERIALIZED (
                    SELECT (SELECT count(*) FROM hits) >= $5::int8 + $6::int8
                        OR (SELECT count(*) FROM (SELECT FROM item_terms
                                                   WHERE term = market_term_pair($1::text, $2::text)\(termFilter)
                                                   LIMIT $4::int8) AS w) < $4::int8 AS done)
            SELECT $7::int4, \(ItemRow.columns)
              FROM (SELECT id FROM hits WHERE (SELECT done FROM settled)
                    UNION ALL
                    SELECT i.id FROM items AS i
                     WHERE i.terms @> $3::text[] AND i.quantity > 0\(itemFilter) AND NOT (SELECT done FROM settled)
                    ORDER BY id DESC LIMIT $5::int8 OFFSET $6::int8) AS m
              JOIN items AS i ON i.id = m.id
             ORDER BY i.id DESC
            """
    }

    /// How many items on sale match every keyword. $1 the keywords, [$2 category].
    static func countEvery(inCategory: Bool) -> String {
        """
        SELECT count(*) FROM items AS i
         WHERE i.terms @> $1::text[] AND i.quantity > 0\(SearchScope.filter(inCategory, "i.category", parameter: 2))
        """
    }

    /// Two keywords: the items matching exactly one, newest first, as a merge of two index walks.
    /// (The other keyword is ruled out by a correlated count, not `NOT EXISTS`: an anti-join may
    /// be planned as a hash join that reads both ranges whole.)
    /// $1 and $2 the keywords, $3 limit, $4 offset, [$5 category].
    static func exactlyOne(inCategory: Bool) -> String {
        let a = SearchScope.filter(inCategory, "a.category", parameter: 5)
        let b = SearchScope.filter(inCategory, "b.category", parameter: 5)
        return """
            SELECT 1::int4, \(ItemRow.columns)
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
            """
    }

    /// Three or more keywords: the items matching some but not all, best scored first, then
    /// newest. $1 the keywords, $2 their number, $3 limit, $4 offset, [$5 category].
    ///
    /// An item matching two keywords or more lies in the range of their pair in `item_terms`:
    /// `multi` is the union of the pairs' ranges, each item scored by probing its entries. An
    /// item matching exactly one is in no pair's range: each keyword's range is walked newest
    /// first, skipping `multi`, for no more items than the page needs. (Scoring every entry of
    /// every keyword instead read whole ranges of common words: 30 to 200 ms with a million
    /// items.)
    static func scored(inCategory: Bool) -> String {
        let pairFilter = SearchScope.filter(inCategory, "category", parameter: 5)
        let termFilter = SearchScope.filter(inCategory, "t.category", parameter: 5)
        return """
            WITH multi AS MATERIALIZED (
                    SELECT m.item_id AS id,
                           (SELECT count(*) FROM item_terms AS x
                             WHERE x.term = ANY ($1::text[]) AND x.item_id = m.item_id)::int4 AS score
                      FROM (SELECT DISTINCT p.item_id
                              FROM unnest($1::text[]) WITH ORDINALITY AS a (term, n)
                              JOIN unnest($1::text[]) WITH ORDINALITY AS b (term, n) ON a.n < b.n
                             CROSS JOIN LATERAL (SELECT item_id FROM item_terms
                                                  WHERE term = market_term_pair(a.term, b.term)\(pairFilter)) AS p) AS m)
            SELECT r.score, \(ItemRow.columns)
              FROM (SELECT score, id FROM multi WHERE score < $2::int8
                    UNION ALL
                    SELECT 1, one.item_id
                      FROM unnest($1::text[]) AS k (term)
                     CROSS JOIN LATERAL (SELECT t.item_id FROM item_terms AS t
                                          WHERE t.term = k.term\(termFilter) AND t.item_id NOT IN (SELECT id FROM multi)
                                          ORDER BY t.item_id DESC LIMIT $3::int8 + $4::int8) AS one
                    ORDER BY score DESC, id DESC LIMIT $3::int8 OFFSET $4::int8) AS r
              JOIN items AS i ON i.id = r.id
             WHERE i.quantity > 0
             ORDER BY r.score DESC, i.id DESC
            """
    }

    /// Items on sale, counted up to $1, [$2 category]; both columns are that count.
    static func countBrowse(inCategory: Bool) -> String {
        """
        SELECT count(*), count(*)
          FROM (SELECT FROM items AS i
                 WHERE i.quantity > 0\(SearchScope.filter(inCategory, "i.category", parameter: 2)) LIMIT $1::int8) AS s
        """
    }

    /// Distinct items among the first $2 index entries of the keywords $1, and the entries read,
    /// [$3 category].
    static func countAny(inCategory: Bool) -> String {
        """
        SELECT count(DISTINCT item_id), count(*)
          FROM (SELECT item_id FROM item_terms
                 WHERE term = ANY ($1::text[])\(SearchScope.filter(inCategory, "category", parameter: 3)) LIMIT $2::int8) AS s
        """
    }
}

private struct Browse: SearchStatement {
    static let sql = SearchSQL.browse(inCategory: false)
    let bindings: PostgresBindings
}

private struct BrowseInCategory: SearchStatement {
    static let sql = SearchSQL.browse(inCategory: true)
    let bindings: PostgresBindings
}

private struct Term: SearchStatement {
    static let sql = SearchSQL.term(inCategory: false)
    let bindings: PostgresBindings
}

private struct TermInCategory: SearchStatement {
    static let sql = SearchSQL.term(inCategory: true)
    let bindings: PostgresBindings
}

private struct Pair: SearchStatement {
    static let sql = SearchSQL.pair(inCategory: false)
    let bindings: PostgresBindings
}

private struct PairInCategory: SearchStatement {
    static let sql = SearchSQL.pair(inCategory: true)
    let bindings: PostgresBindings
}

private struct Every: SearchStatement {
    static let sql = SearchSQL.every(inCategory: false)
    let bindings: PostgresBindings
}

private struct EveryInCategory: SearchStatement {
    static let sql = SearchSQL.every(inCategory: true)
    let bindings: PostgresBindings
}

private struct CountEvery: SearchStatement {
    static let sql = SearchSQL.countEvery(inCategory: false)
    let bindings: PostgresBindings
}

private struct CountEveryInCategory: SearchStatement {
    static let sql = SearchSQL.countEvery(inCategory: true)
    let bindings: PostgresBindings
}

private struct ExactlyOne: SearchStatement {
    static let sql = SearchSQL.exactlyOne(inCategory: false)
    let bindings: PostgresBindings
}

private struct ExactlyOneInCategory: SearchStatement {
    static let sql = SearchSQL.exactlyOne(inCategory: true)
    let bindings: PostgresBindings
}

private struct Scored: SearchStatement {
    static let sql = SearchSQL.scored(inCategory: false)
    let bindings: PostgresBindings
}

private struct ScoredInCategory: SearchStatement {
    static let sql = SearchSQL.scored(inCategory: true)
    let bindings: PostgresBindings
}

private struct CountBrowse: SearchStatement {
    static let sql = SearchSQL.countBrowse(inCategory: false)
    let bindings: PostgresBindings
}

private struct CountBrowseInCategory: SearchStatement {
    static let sql = SearchSQL.countBrowse(inCategory: true)
    let bindings: PostgresBindings
}

private struct CountAny: SearchStatement {
    static let sql = SearchSQL.countAny(inCategory: false)
    let bindings: PostgresBindings
}

private struct CountAnyInCategory: SearchStatement {
    static let sql = SearchSQL.countAny(inCategory: true)
    let bindings: PostgresBindings
}
