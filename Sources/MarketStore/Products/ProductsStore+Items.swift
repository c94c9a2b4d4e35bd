public import MarketCore
import PostgresNIO

extension ProductsStore {
    /// Puts a validated draft on sale and returns the stored item.
    public func registerItem(_ draft: ItemDraft, sellerID: SellerID, sellerName: String) async throws(MarketError) -> Item {
        var terms = draft.keywords
        for word in Text.searchWords(of: draft.name) where !terms.contains(word) { terms.append(word) }
        let terms_ = terms
        return try await self.database.perform("registerItem") { client in
            let rows = try await client.query(
                """
                INSERT INTO items AS i (category, seller_id, seller_name, name, keywords, terms, condition, price, quantity)
                VALUES (\(draft.category.rawValue), \(sellerID.rawValue), \(sellerName), \(draft.name), \(draft.keywords),
                        \(terms_), \(draft.condition.rawValue), \(draft.price.cents)::numeric / 100, \(Int32(draft.quantity)))
                RETURNING \(unescaped: ItemRow.columns)
                """
            )
            for try await row in rows { return try ItemRow.item(from: row) }
            throw MarketError(.internal, "The item was not stored.")
        }
    }

    /// Changes the price of one of the seller's items.
    public func changePrice(of id: ItemID, sellerID: SellerID, to price: Money) async throws(MarketError) -> Item {
        try await self.database.perform("changePrice") { client in
            let rows = try await client.query(
                """
                UPDATE items AS i SET price = \(price.cents)::numeric / 100
                 WHERE i.id = \(id.number) AND i.category = \(id.category.rawValue) AND i.seller_id = \(sellerID.rawValue)
                RETURNING \(unescaped: ItemRow.columns)
                """
            )
            for try await row in rows { return try ItemRow.item(from: row) }
            throw MarketError(.notFound, "You have no item \(id).", field: "itemID")
        }
    }

    /// Takes `count` units of one of the seller's items off sale; never below zero.
    public func removeUnits(_ count: Int, of id: ItemID, sellerID: SellerID) async throws(MarketError) -> Item {
        try await self.database.perform("removeUnits") { client in
            let rows = try await client.query(
                """
                WITH target AS (
                    SELECT id, quantity FROM items
                     WHERE id = \(id.number) AND category = \(id.category.rawValue) AND seller_id = \(sellerID.rawValue)
                ), changed AS (
                    UPDATE items AS i SET quantity = i.quantity - \(Int32(count))
                      FROM target t WHERE i.id = t.id AND i.quantity >= \(Int32(count))
                    RETURNING \(unescaped: ItemRow.columns)
                )
                SELECT (SELECT quantity FROM target), changed.* FROM (SELECT 1) AS one LEFT JOIN changed ON true
                """
            )
            for try await row in rows {
                let columns = row.makeRandomAccess()
                guard let available = try columns[0].decode(Int32?.self) else {
                    throw MarketError(.notFound, "You have no item \(id).", field: "itemID")
                }
                guard try columns[1].decode(Int64?.self) != nil else {
                    throw MarketError(
                        .insufficientStock,
                        "Item \(id) has only \(available) unit\(available == 1 ? "" : "s") on sale; cannot remove \(count).",
                        field: "remove"
                    )
                }
                return try ItemRow.item(from: row, skipping: 1)
            }
            throw MarketError(.internal, "The item was not updated.")
        }
    }

    /// The seller's items, newest first, including those with no units left.
    public func sellerItems(_ sellerID: SellerID, limit: Int, offset: Int) async throws(MarketError) -> Page<Item> {
        try await self.database.perform("sellerItems") { client in
            let rows = try await client.query(
                """
                SELECT t.total, \(unescaped: ItemRow.columns)
                  FROM (SELECT count(*) AS total FROM items WHERE seller_id = \(sellerID.rawValue)) AS t
                  LEFT JOIN LATERAL (
                      SELECT * FROM items WHERE seller_id = \(sellerID.rawValue)
                       ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)
                  ) AS i ON true
                 ORDER BY i.id DESC
                """
            )
            var items: [Item] = []
            var total = 0
            for try await row in rows {
                let columns = row.makeRandomAccess()
                total = Int(try columns[0].decode(Int64.self))
                if try columns[1].decode(Int64?.self) != nil {
                    items.append(try ItemRow.item(from: row, skipping: 1))
                }
            }
            return Page(items: items, offset: offset, limit: limit, total: total)
        }
    }

    /// One item, or `not_found`.
    public func item(_ id: ItemID) async throws(MarketError) -> Item {
        try await self.database.perform("item") { client in
            let rows = try await client.query(
                "SELECT \(unescaped: ItemRow.columns) FROM items AS i WHERE i.id = \(id.number) AND i.category = \(id.category.rawValue)"
            )
            for try await row in rows { return try ItemRow.item(from: row) }
            throw MarketError.noSuchItem(id)
        }
    }

    /// One item together with its seller's totals, in one round trip.
    public func itemWithSeller(_ id: ItemID) async throws(MarketError) -> (Item, SellerRating) {
        try await self.database.perform("itemWithSeller") { client in
            let rows = try await client.query(
                """
                SELECT coalesce(s.thumbs_up, 0), coalesce(s.thumbs_down, 0), coalesce(s.items_sold, 0), \(unescaped: ItemRow.columns)
                  FROM items AS i LEFT JOIN seller_stats AS s ON s.seller_id = i.seller_id
                 WHERE i.id = \(id.number) AND i.category = \(id.category.rawValue)
                """
            )
            for try await row in rows {
                let (up, down, sold) = try row.decode((Int64, Int64, Int64).self)
                let item = try ItemRow.item(from: row, skipping: 3)
                let seller = SellerRating(
                    sellerID: item.sellerID,
                    name: item.sellerName,
                    rating: Rating(thumbsUp: Int(up), thumbsDown: Int(down)),
                    itemsSold: Int(sold)
                )
                return (item, seller)
            }
            throw MarketError.noSuchItem(id)
        }
    }

    /// A seller's feedback totals and units sold (zeros before the first sale or vote).
    public func sellerTotals(_ sellerID: SellerID) async throws(MarketError) -> (rating: Rating, itemsSold: Int) {
        try await self.database.perform("sellerTotals") { client in
            let rows = try await client.query(
                "SELECT thumbs_up, thumbs_down, items_sold FROM seller_stats WHERE seller_id = \(sellerID.rawValue)"
            )
            for try await (up, down, sold) in rows.decode((Int64, Int64, Int64).self) {
                return (Rating(thumbsUp: Int(up), thumbsDown: Int(down)), Int(sold))
            }
            return (Rating.none, 0)
        }
    }
}
