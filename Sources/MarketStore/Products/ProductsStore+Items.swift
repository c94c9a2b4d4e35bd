public import MarketCore
import PostgresNIO

extension ProductsStore {
    /// Puts a validated draft on sale and returns the stored item.
    public func registerItem(_ draft: ItemDraft, sellerID: SellerID, sellerName: String) async throws(MarketError) -> Item {
        let terms = Text.itemTerms(name: draft.name, keywords: draft.keywords)
        let statement = RegisterItem(
            bindings: PostgresBindings(
                draft.category.rawValue, sellerID.rawValue, sellerName, draft.name, draft.keywords, terms,
                draft.condition.rawValue, draft.price.cents, Int32(draft.quantity)
            )
        )
        return try await self.database.perform("registerItem") { client in
            guard let row = try await client.firstRow(statement) else { throw MarketError(.internal, "The item was not stored.") }
            return try ItemRow.item(from: row)
        }
    }

    /// Changes the price of one of the seller's items.
    public func changePrice(of id: ItemID, sellerID: SellerID, to price: Money) async throws(MarketError) -> Item {
        let statement = ChangePrice(bindings: PostgresBindings(id.number, id.category.rawValue, sellerID.rawValue, price.cents))
        return try await self.database.perform("changePrice") { client in
            guard let row = try await client.firstRow(statement) else {
                throw MarketError(.notFound, "You have no item \(id).", field: "itemID")
            }
            return try ItemRow.item(from: row)
        }
    }

    /// Takes `count` units of one of the seller's items off sale; never below zero.
    public func removeUnits(_ count: Int, of id: ItemID, sellerID: SellerID) async throws(MarketError) -> Item {
        try await self.changeUnits(by: -count, of: id, sellerID: sellerID) { available in
            MarketError(
                .insufficientStock,
                available == 0
                    ? "Item \(id) has no units on sale any more; nothing was removed."
                    : "Item \(id) has only \(Self.units(available)) on sale; cannot remove \(count).",
                field: "remove"
            )
        }
    }

    /// Puts `count` more units of one of the seller's items on sale; never more than
    /// ``FieldRules/maximumQuantity`` in all.
    public func addUnits(_ count: Int, of id: ItemID, sellerID: SellerID) async throws(MarketError) -> Item {
        try await self.changeUnits(by: count, of: id, sellerID: sellerID) { available in
            MarketError(
                .invalidArgument,
                "Item \(id) has \(Self.units(available)) on sale; adding \(Text.grouped(count)) would make more than \(Text.grouped(FieldRules.maximumQuantity)).",
                field: "add"
            )
        }
    }

    /// Moves the units on sale of one of the seller's items by `change`, if they stay within 0 and
    /// the maximum; `refusal` says why not, given the units on sale.
    private func changeUnits(
        by change: Int, of id: ItemID, sellerID: SellerID, refusal: @Sendable @escaping (Int) -> MarketError
    ) async throws(MarketError) -> Item {
        let statement = ChangeUnits(
            bindings: PostgresBindings(id.number, id.category.rawValue, sellerID.rawValue, Int32(change), Int32(FieldRules.maximumQuantity))
        )
        return try await self.database.perform(change < 0 ? "removeUnits" : "addUnits") { client in
            guard let row = try await client.firstRow(statement) else { throw MarketError(.internal, "The item was not updated.") }
            let (available, changed) = try row.decode((Int32?, Int64?).self)
            guard let available else {
                throw MarketError(.notFound, "You have no item \(id).", field: "itemID")
            }
            guard changed != nil else { throw refusal(Int(available)) }
            return try ItemRow.item(from: row, after: Int32?.self).1
        }
    }

    private static func units(_ count: Int) -> String { count == 1 ? "1 unit" : "\(Text.grouped(count)) units" }

    /// The seller's items, including those with no units left: newest first, or in `order`; all
    /// of them, or those `find` finds (the page's total then counts those).
    public func sellerItems(_ sellerID: SellerID, limit: Int, offset: Int, order: ItemOrder? = nil, find: ItemFind? = nil) async throws(MarketError) -> Page<Item> {
        var bindings = PostgresBindings(sellerID.rawValue, Int64(limit), Int64(offset))
        if let find {
            // Newest first is the order of item numbers, descending: no key, and the tie-break.
            bindings.append(order?.key.rawValue)
            bindings.append(order?.descending ?? true)
            bindings.append(find.words)
            return try await self.sellerItems(SellerItemsFound(bindings: bindings), limit: limit, offset: offset)
        }
        guard let order else {
            return try await self.sellerItems(SellerItems(bindings: bindings), limit: limit, offset: offset)
        }
        bindings.append(order.key.rawValue)
        bindings.append(order.descending)
        return try await self.sellerItems(SellerItemsInOrder(bindings: bindings), limit: limit, offset: offset)
    }

    private func sellerItems(_ statement: some Statement, limit: Int, offset: Int) async throws(MarketError) -> Page<Item> {
        try await self.database.perform("sellerItems") { client in
            var items: [Item] = []
            var total = 0
            for row in try await client.rows(statement) {
                let (count, first) = try row.decode((Int64, Int64?).self)
                total = Int(count)
                guard first != nil else { continue }  // an empty page's one row
                items.append(try ItemRow.item(from: row, after: Int64.self).1)
            }
            return Page(items: items, offset: offset, limit: limit, total: total)
        }
    }

    /// One item, or `not_found`.
    public func item(_ id: ItemID) async throws(MarketError) -> Item {
        try await self.itemWithSeller(id).0
    }

    /// One item together with its seller's totals, in one round trip.
    public func itemWithSeller(_ id: ItemID) async throws(MarketError) -> (Item, SellerRating) {
        let statement = ItemWithSeller(bindings: PostgresBindings(id.number, id.category.rawValue))
        return try await self.database.perform("itemWithSeller") { client in
            guard let row = try await client.firstRow(statement) else { throw MarketError.noSuchItem(id) }
            let (up, down, sold, itemID, category, name, keywords, condition, cents, quantity, itemUp, itemDown, sellerID, sellerName) = try row.decode(
                (Int64, Int64, Int64, Int64, Int32, String, [String], String, Int64, Int32, Int32, Int32, Int64, String).self
            )
            let item = ItemRow.item((itemID, category, name, keywords, condition, cents, quantity, itemUp, itemDown, sellerID, sellerName))
            let seller = SellerRating(
                sellerID: item.sellerID,
                name: item.sellerName,
                rating: Rating(thumbsUp: Int(up), thumbsDown: Int(down)),
                itemsSold: Int(sold)
            )
            return (item, seller)
        }
    }

    /// A seller's feedback totals and units sold (zeros before the first sale or vote).
    public func sellerTotals(_ sellerID: SellerID) async throws(MarketError) -> (rating: Rating, itemsSold: Int) {
        let statement = SellerTotals(bindings: PostgresBindings(sellerID.rawValue))
        return try await self.database.perform("sellerTotals") { client in
            guard let row = try await client.firstRow(statement) else { return (Rating.none, 0) }
            let (up, down, sold) = try row.decode((Int64, Int64, Int64).self)
            return (Rating(thumbsUp: Int(up), thumbsDown: Int(down)), Int(sold))
        }
    }
}

extension ProductsStore {
    /// Calls `onActivity` with every seller whose units sold or votes move from now on (the
    /// database announces each change at commit), until the connection breaks (then it throws)
    /// or the task is cancelled.
    public func watchSellerActivity(onListening: @escaping @Sendable () -> Void, onActivity: @escaping @Sendable (SellerID) -> Void) async throws {
        try await self.database.listen(on: "market_seller_activity", onListening: onListening) { payload in
            if let id = Int64(payload) { onActivity(SellerID(id)) }
        }
    }
}

// MARK: - Statements

private struct RegisterItem: Statement {
    static let sql = """
        INSERT INTO items AS i (category, seller_id, seller_name, name, keywords, terms, condition, price, quantity)
        VALUES ($1::int4, $2::int8, $3::text, $4::text, $5::text[], $6::text[], $7::text, $8::int8::numeric / 100, $9::int4)
        RETURNING \(ItemRow.columns)
        """
    let bindings: PostgresBindings
}

private struct ChangePrice: Statement {
    static let sql = """
        UPDATE items AS i SET price = $4::int8::numeric / 100
         WHERE i.id = $1::int8 AND i.category = $2::int4 AND i.seller_id = $3::int8
        RETURNING \(ItemRow.columns)
        """
    let bindings: PostgresBindings
}

/// The first column is the units on sale before the change (null: no such item of this seller);
/// the item columns follow, as changed, or null when the change would take the units out of
/// 0 … $5 (the item as the seller's other sessions left it: the update re-reads the row).
private struct ChangeUnits: Statement {
    static let sql = """
        WITH target AS (
            SELECT id, quantity FROM items WHERE id = $1::int8 AND category = $2::int4 AND seller_id = $3::int8
        ), changed AS (
            UPDATE items AS i SET quantity = i.quantity + $4::int4
              FROM target t WHERE i.id = t.id AND i.quantity + $4::int4 BETWEEN 0 AND $5::int4
            RETURNING \(ItemRow.columns)
        )
        SELECT (SELECT quantity FROM target), changed.* FROM (SELECT 1) AS one LEFT JOIN changed ON true
        """
    let bindings: PostgresBindings
}

/// The total first, then one row per item of the page (or one row of nulls for an empty page).
/// The total is the seller's listed-items counter, not a count; the page walks the seller's index
/// newest first (ordering by `seller_id` as well leaves the planner no other index that gives the
/// order: the primary key, walked backwards and filtered by seller, reads every seller's newest
/// items to find one seller's).
private struct SellerItems: Statement {
    static let sql = """
        SELECT t.total, \(ItemRow.columns)
          FROM (SELECT coalesce((SELECT items_listed FROM seller_stats WHERE seller_id = $1::int8), 0) AS total) AS t
          LEFT JOIN LATERAL (
              SELECT * FROM items WHERE seller_id = $1::int8 ORDER BY seller_id DESC, id DESC LIMIT $2::int8 OFFSET $3::int8
          ) AS i ON true
         ORDER BY i.id DESC
        """
    let bindings: PostgresBindings
}

/// ``SellerItems`` in the order of an ``ItemOrder``: `$4` is the key's wire name, `$5` whether
/// it is descending. The seller's items are read through the seller's index and sorted (a
/// seller's list is short next to the catalogue; an index per key would make every price and
/// unit change a non-HOT update).
private struct SellerItemsInOrder: Statement {
    static let sql = """
        SELECT t.total, \(ItemRow.columns)
          FROM (SELECT coalesce((SELECT items_listed FROM seller_stats WHERE seller_id = $1::int8), 0) AS total) AS t
          LEFT JOIN LATERAL (
              SELECT * FROM items WHERE seller_id = $1::int8
               \(orderBy)
               LIMIT $2::int8 OFFSET $3::int8
          ) AS i ON true
        """
    let bindings: PostgresBindings

    /// The order of `$4` (a key's wire name; null for none) and `$5` (descending). Each key has
    /// its own sort expression, null unless chosen, so one generic plan serves every key; ties
    /// fall to the item number in the same direction.
    static let orderBy = """
        ORDER BY
                  CASE WHEN NOT $5::bool THEN CASE $4::text WHEN 'name' THEN market_search_term(lower(name)) WHEN 'condition' THEN condition
                      WHEN 'seller' THEN market_search_term(lower(seller_name)) END END COLLATE "C" ASC,
                  CASE WHEN $5::bool THEN CASE $4::text WHEN 'name' THEN market_search_term(lower(name)) WHEN 'condition' THEN condition
                      WHEN 'seller' THEN market_search_term(lower(seller_name)) END END COLLATE "C" DESC,
                  CASE WHEN NOT $5::bool THEN CASE $4::text WHEN 'id' THEN category WHEN 'category' THEN category
                      WHEN 'units' THEN quantity WHEN 'thumbsUp' THEN thumbs_up WHEN 'thumbsDown' THEN thumbs_down END END ASC,
                  CASE WHEN $5::bool THEN CASE $4::text WHEN 'id' THEN category WHEN 'category' THEN category
                      WHEN 'units' THEN quantity WHEN 'thumbsUp' THEN thumbs_up WHEN 'thumbsDown' THEN thumbs_down END END DESC,
                  CASE WHEN NOT $5::bool AND $4::text = 'price' THEN price END ASC,
                  CASE WHEN $5::bool AND $4::text = 'price' THEN price END DESC,
                  CASE WHEN NOT $5::bool THEN id END ASC,
                  CASE WHEN $5::bool THEN id END DESC
        """
}

/// The items of ``SellerItemsInOrder`` that every word of `$6` is part of a term of (an
/// ``ItemFind``), and how many they are. The seller's items are read through the seller's index
/// and their terms checked: a seller's list is short next to the catalogue.
private struct SellerItemsFound: Statement {
    static let sql = """
        WITH found AS MATERIALIZED (
            SELECT * FROM items AS f
             WHERE f.seller_id = $1::int8
               AND NOT EXISTS (SELECT FROM unnest($6::text[]) AS w (word)
                                WHERE NOT EXISTS (SELECT FROM unnest(f.terms) AS t (term) WHERE strpos(t.term, w.word) > 0)))
        SELECT t.total, \(ItemRow.columns)
          FROM (SELECT count(*) AS total FROM found) AS t
          LEFT JOIN LATERAL (
              SELECT * FROM found
               \(SellerItemsInOrder.orderBy)
               LIMIT $2::int8 OFFSET $3::int8
          ) AS i ON true
        """
    let bindings: PostgresBindings
}

private struct ItemWithSeller: Statement {
    static let sql = """
        SELECT coalesce(s.thumbs_up, 0), coalesce(s.thumbs_down, 0), coalesce(s.items_sold, 0), \(ItemRow.columns)
          FROM items AS i LEFT JOIN seller_stats AS s ON s.seller_id = i.seller_id
         WHERE i.id = $1::int8 AND i.category = $2::int4
        """
    let bindings: PostgresBindings
}

private struct SellerTotals: Statement {
    static let sql = "SELECT thumbs_up, thumbs_down, items_sold FROM seller_stats WHERE seller_id = $1::int8"
    let bindings: PostgresBindings
}
