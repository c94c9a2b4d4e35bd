import NIOCore
public import MarketCore
import PostgresNIO

extension ProductsStore {
    /// Fills a new session's active cart with a copy of the buyer's saved cart.
    public func startCart(session: SessionKey, buyerID: BuyerID) async throws(MarketError) {
        try await self.database.perform("startCart") { client in
            try await client.execute(
                """
                INSERT INTO cart_lines (session_key, item_id, quantity, added_at)
                SELECT \(session.buffer), item_id, quantity, added_at FROM saved_cart_lines WHERE buyer_id = \(buyerID.rawValue)
                ON CONFLICT DO NOTHING
                """
            )
        }
    }

    /// Adds units of an item to the active cart. Fails with `not_found` for an unknown item and
    /// `insufficient_stock` when the cart would then hold more units than are on sale.
    /// Returns the units of the item now in the cart.
    public func addToCart(session: SessionKey, item id: ItemID, quantity: Int) async throws(MarketError) -> Int {
        let statement = AddToCart(
            bindings: PostgresBindings(session.buffer, id.number, id.category.rawValue, Int32(quantity), Int32(Cart.maximumLines))
        )
        return try await self.database.perform("addToCart", retryingConflicts: true) { client in
            guard let row = try await client.firstRow(statement) else { throw MarketError(.internal, "The cart was not updated.") }
            let (available, inCart, before, lines) = try row.decode((Int32?, Int32?, Int32?, Int64).self)
            guard let available else { throw MarketError.noSuchItem(id) }
            if let inCart { return Int(inCart) }
            let already = Int(before ?? 0)
            if before == nil, lines >= Cart.maximumLines, available >= quantity {
                throw MarketError(
                    .cartFull,
                    "Your cart already holds \(Cart.maximumLines) different items, the most a cart can; check out or remove one first."
                )
            }
            let message =
                if available == 0 { "It is sold out; nothing was added." }
                else if already > 0 {
                    "Only \(available) unit\(available == 1 ? " is" : "s are") on sale and your cart already holds \(already); cannot add \(quantity) more."
                } else { "Only \(available) unit\(available == 1 ? " is" : "s are") on sale; cannot add \(quantity)." }
            throw MarketError(.insufficientStock, message, field: "quantity")
        }
    }
    /// Removes units of an item from the active cart, dropping the line at zero. Removing more
    /// than the cart holds is an error. Returns the units left in the cart.
    public func removeFromCart(session: SessionKey, item id: ItemID, quantity: Int) async throws(MarketError) -> Int {
        let statement = RemoveFromCart(bindings: PostgresBindings(session.buffer, id.number, id.category.rawValue, Int32(quantity)))
        return try await self.database.perform("removeFromCart", retryingConflicts: true) { client in
            guard let row = try await client.firstRow(statement) else { throw MarketError(.internal, "The cart was not updated.") }
            let (held, left) = try row.decode((Int32?, Int32?).self)
            guard let held else {
                throw MarketError(.notFound, "Item \(id) is not in your cart.", field: "itemID")
            }
            guard let left else {
                throw MarketError(
                    .invalidArgument,
                    "Your cart holds only \(held) unit\(held == 1 ? "" : "s") of item \(id); cannot remove \(quantity).",
                    field: "quantity"
                )
            }
            return Int(left)
        }
    }
    /// Replaces the buyer's saved cart with the session's active cart. Returns the lines saved.
    public func saveCart(session: SessionKey, buyerID: BuyerID) async throws(MarketError) -> Int {
        let statement = SaveCart(bindings: PostgresBindings(session.buffer, buyerID.rawValue))
        return try await self.database.perform("saveCart", retryingConflicts: true) { client in
            Int(try await client.firstRow(statement)?.decode(Int32.self) ?? 0)
        }
    }
    /// Empties the session's active cart.
    public func clearCart(session: SessionKey) async throws(MarketError) {
        let statement = ClearCart(bindings: PostgresBindings(session.buffer))
        try await self.database.perform("clearCart", retryingConflicts: true) { client in
            _ = try await client.rows(statement)
        }
    }
    /// The session's active cart at current prices, in the order lines were added, and whether it
    /// holds what `buyerID`'s saved cart holds (another session of the buyer may have saved a
    /// different one since).
    public func cart(session: SessionKey, buyerID: BuyerID) async throws(MarketError) -> Cart {
        let statement = CartLines(bindings: PostgresBindings(session.buffer, buyerID.rawValue))
        return try await self.database.perform("cart") { client in
            var lines: [CartLine] = []
            var isSaved = false
            for row in try await client.rows(statement) {
                // One row even for an empty cart, with the line's columns null.
                let (isSame, item, category, name, quantity, cents, available, seller) = try row.decode(
                    (Bool, Int64?, Int32?, String?, Int32?, Int64?, Int32?, Int64?).self
                )
                isSaved = isSame
                guard let item, let category, let name, let quantity, let cents, let available, let seller else { continue }
                lines.append(
                    CartLine(
                        itemID: ItemID(category: Category(rawValue: max(category, 0))!, number: item),
                        name: name,
                        quantity: Int(quantity),
                        unitPrice: Money(cents: cents),
                        available: Int(available),
                        sellerID: SellerID(seller)
                    )
                )
            }
            return Cart(lines: lines, isSaved: isSaved)
        }
    }
    /// Up to `limit` session keys that have cart lines, after `after` (for sweeping in batches).
    public func cartSessions(after: SessionKey?, limit: Int) async throws(MarketError) -> [SessionKey] {
        try await self.database.perform("cartSessions") { client in
            let start = after?.buffer ?? ByteBuffer()
            let rows = try await client.query(
                """
                SELECT DISTINCT session_key FROM cart_lines WHERE session_key > \(start)
                 ORDER BY session_key LIMIT \(Int64(limit))
                """
            )
            var keys: [SessionKey] = []
            for try await buffer in rows.decode(ByteBuffer.self) {
                if let key = SessionKey(buffer: buffer) { keys.append(key) }
            }
            return keys
        }
    }

    /// Deletes the active carts of sessions that no longer exist. Returns the lines deleted.
    public func deleteCarts(of sessions: [SessionKey]) async throws(MarketError) -> Int {
        guard !sessions.isEmpty else { return 0 }
        return try await self.database.perform("deleteCarts", retryingConflicts: true) { client in
            let rows = try await client.query(
                """
                WITH locked AS (
                    SELECT session_key, item_id FROM cart_lines WHERE session_key = ANY(\(sessions.map(\.buffer)))
                     ORDER BY session_key, item_id FOR UPDATE
                ), gone AS (
                    DELETE FROM cart_lines c USING locked
                     WHERE c.session_key = locked.session_key AND c.item_id = locked.item_id RETURNING 1
                )
                SELECT count(*) FROM gone
                """
            )
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }
}

// MARK: - Statements

/// Inserts or increments the line only while the cart would not hold more than is on sale, and a
/// new line only while the cart has fewer than $5 lines (a bound that adds of one session running
/// at the same time can overshoot, each having counted before the others inserted; a purchase's
/// total still holds 99 lines of the dearest item in the largest quantity). Returns the units on sale (null:
/// no such item), the units now in the cart (null: refused), the units the cart held before, and
/// the lines it held.
private struct AddToCart: Statement {
    static let sql = """
        WITH item AS (
            SELECT id, quantity FROM items WHERE id = $2::int8 AND category = $3::int4
        ), cart AS (
            SELECT count(*) AS lines, count(*) FILTER (WHERE item_id = $2::int8) > 0 AS holds
              FROM cart_lines WHERE session_key = $1::bytea
        ), added AS (
            INSERT INTO cart_lines AS c (session_key, item_id, quantity)
            SELECT $1::bytea, item.id, $4::int4 FROM item, cart
             WHERE item.quantity >= $4::int4 AND (cart.holds OR cart.lines < $5::int4)
            ON CONFLICT (session_key, item_id) DO UPDATE SET quantity = c.quantity + EXCLUDED.quantity
             WHERE c.quantity + EXCLUDED.quantity <= (SELECT quantity FROM item)
            RETURNING c.quantity
        )
        SELECT (SELECT quantity FROM item), (SELECT quantity FROM added),
               (SELECT quantity FROM cart_lines WHERE session_key = $1::bytea AND item_id = $2::int8),
               (SELECT lines FROM cart)
        """
    let bindings: PostgresBindings
}

/// Returns the units the line held (null: not in the cart) and the units left (null: refused):
/// `market_remove_from_cart`, which locks the line before it changes it.
private struct RemoveFromCart: Statement {
    static let sql = "SELECT held, units_left FROM market_remove_from_cart($1::bytea, $2::int8, $3::int4, $4::int4)"
    let bindings: PostgresBindings
}

private struct SaveCart: Statement {
    static let sql = "SELECT market_save_cart($1::bytea, $2::int8)"
    let bindings: PostgresBindings
}

/// The lines are locked in item order first, as a checkout locks them, and then deleted: a plain
/// DELETE takes its locks in whatever order it meets the rows.
private struct ClearCart: Statement {
    static let sql = """
        DELETE FROM cart_lines c USING (
            SELECT session_key, item_id FROM cart_lines WHERE session_key = $1::bytea ORDER BY item_id FOR UPDATE
        ) AS locked
         WHERE c.session_key = locked.session_key AND c.item_id = locked.item_id
        """
    let bindings: PostgresBindings
}

/// The lines of session $1's cart, each with whether the cart matches buyer $2's saved one (a
/// single row of nulls but that when the cart is empty).
private struct CartLines: Statement {
    static let sql = """
        WITH active AS (SELECT item_id, quantity, added_at FROM cart_lines WHERE session_key = $1::bytea),
             saved AS (SELECT item_id, quantity FROM saved_cart_lines WHERE buyer_id = $2::int8),
             same AS (SELECT NOT EXISTS (SELECT item_id, quantity FROM active EXCEPT SELECT item_id, quantity FROM saved)
                         AND NOT EXISTS (SELECT item_id, quantity FROM saved EXCEPT SELECT item_id, quantity FROM active) AS v)
        SELECT same.v, c.item_id, i.category, i.name, c.quantity, (i.price * 100)::bigint, i.quantity, i.seller_id
          FROM same LEFT JOIN (active c JOIN items i ON i.id = c.item_id) ON true
         ORDER BY c.added_at, c.item_id
        """
    let bindings: PostgresBindings
}
