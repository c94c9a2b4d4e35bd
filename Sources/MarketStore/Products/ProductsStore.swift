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

    /// The Swift types of ``columns``, in order.
    typealias Columns = (Int64, Int32, String, [String], String, Int64, Int32, Int32, Int32, Int64, String)

    /// Decodes a row that starts with the item columns.
    static func item(from row: PostgresRow) throws -> Item {
        self.item(try row.decode(Columns.self))
    }

    /// Decodes a row that starts with one column of its own, then the item columns.
    static func item<Leading: PostgresDecodable>(from row: PostgresRow, after _: Leading.Type) throws -> (Leading, Item) {
        let (leading, id, category, name, keywords, condition, cents, quantity, up, down, seller, sellerName) = try row.decode(
            (Leading, Int64, Int32, String, [String], String, Int64, Int32, Int32, Int32, Int64, String).self
        )
        return (leading, self.item((id, category, name, keywords, condition, cents, quantity, up, down, seller, sellerName)))
    }

    /// The item of decoded columns. (Rows are decoded as whole tuples, in one pass over their
    /// cells: looking cells up by index first copies every cell of the row, names included.)
    static func item(_ columns: Columns) -> Item {
        let (id, category, name, keywords, condition, cents, quantity, up, down, seller, sellerName) = columns
        return Item(
            id: ItemID(category: Category(rawValue: max(category, 0))!, number: id),
            name: name,
            keywords: keywords,
            condition: Condition(rawValue: condition) ?? .used,
            price: Money(cents: cents),
            quantity: Int(quantity),
            rating: Rating(thumbsUp: Int(up), thumbsDown: Int(down)),
            sellerID: SellerID(seller),
            sellerName: sellerName
        )
    }
}

extension MarketError {
    static func noSuchItem(_ id: ItemID) -> MarketError {
        MarketError(.notFound, "There is no item \(id).", field: "itemID")
    }
}
