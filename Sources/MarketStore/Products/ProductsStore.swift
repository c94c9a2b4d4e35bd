import MarketCore
import PostgresNIO

/// The products database: items, carts, purchases, feedback and the totals that move with them.
/// All of its SQL is in this type's files; multi-step changes are single statements or the
/// functions in `sql/products.sql`, so each runs in one transaction and one round trip.
public struct ProductsStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }
}

/// The item columns every item query selects, in the order ``ItemRow`` decodes them.
enum ItemRow {
    static let columns =
        "i.id, i.category, i.name, i.keywords, i.condition, (i.price * 100)::bigint, i.quantity, i.thumbs_up, i.thumbs_down, i.seller_id, i.seller_name"

    /// Decodes the item columns starting at column `offset`.
    static func item(from row: PostgresRow, skipping offset: Int = 0) throws -> Item {
        let cells = row.makeRandomAccess()
        let category = try cells[offset + 1].decode(Int32.self)
        return Item(
            id: ItemID(category: Category(rawValue: max(category, 0))!, number: try cells[offset].decode(Int64.self)),
            name: try cells[offset + 2].decode(String.self),
            keywords: try cells[offset + 3].decode([String].self),
            condition: Condition(rawValue: try cells[offset + 4].decode(String.self)) ?? .used,
            price: Money(cents: try cells[offset + 5].decode(Int64.self)),
            quantity: Int(try cells[offset + 6].decode(Int32.self)),
            rating: Rating(
                thumbsUp: Int(try cells[offset + 7].decode(Int32.self)),
                thumbsDown: Int(try cells[offset + 8].decode(Int32.self))
            ),
            sellerID: SellerID(try cells[offset + 9].decode(Int64.self)),
            sellerName: try cells[offset + 10].decode(String.self)
        )
    }
}

extension MarketError {
    static func noSuchItem(_ id: ItemID) -> MarketError {
        MarketError(.notFound, "There is no item \(id).", field: "itemID")
    }
}
