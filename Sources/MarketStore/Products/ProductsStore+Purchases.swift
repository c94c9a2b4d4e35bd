public import MarketCore
import Foundation
import PostgresNIO

extension ProductsStore {
    /// Buys the session's whole active cart at current prices, all or nothing (see
    /// `market_make_purchase` in `sql/products.sql`), and takes what it bought out of the buyer's
    /// saved cart. Fails with `empty_cart`, with `insufficient_stock` naming every line that is
    /// short, or with `price_changed` when the total is not `expectedTotal`.
    public func purchase(
        session: SessionKey,
        buyerID: BuyerID,
        cardHolder: String,
        cardLast4: String,
        expectedTotal: Money? = nil
    ) async throws(MarketError) -> Purchase {
        var bindings = PostgresBindings(session.buffer, buyerID.rawValue, cardHolder, cardLast4)
        if let expectedTotal { bindings.append(expectedTotal.cents) } else { bindings.appendNull() }
        let statement = MakePurchase(bindings: bindings)
        return try await self.database.perform("purchase", retryingConflicts: true) { client in
            do {
                var purchase: Purchase?
                for row in try await client.rows(statement) {
                    let (id, at, total, item, category, name, seller, quantity, unit) = try row.decode(
                        (Int64, Date, Int64, Int64, Int32, String, Int64, Int32, Int64).self
                    )
                    let line = PurchaseLine(
                        itemID: ItemID(category: Category(rawValue: max(category, 0))!, number: item),
                        name: name,
                        sellerID: SellerID(seller),
                        quantity: Int(quantity),
                        unitPrice: Money(cents: unit),
                        feedback: nil
                    )
                    if purchase == nil {
                        purchase = Purchase(id: id, purchasedAt: at, lines: [], total: Money(cents: total), cardLast4: cardLast4)
                    }
                    purchase?.lines.append(line)
                }
                guard let purchase else { throw MarketError(.internal, "The purchase was not recorded.") }
                return purchase
            } catch let error as PSQLError where error.sqlState == "MK001" {
                throw MarketError(.emptyCart, "Your cart is empty.")
            } catch let error as PSQLError where error.sqlState == "MK002" {
                throw MarketError(.insufficientStock, Self.shortageMessage(error.serverInfo?[.detail] ?? ""))
            } catch let error as PSQLError where error.sqlState == "MK005" {
                let now = (error.serverInfo?[.detail]).flatMap(Money.init).map { " is now \($0.grouped)" } ?? " changed"
                let confirmed = expectedTotal.map { ", not \($0.grouped)" } ?? ""
                throw MarketError(.priceChanged, "A price in your cart changed: the total\(now)\(confirmed). Nothing was bought; check the cart and pay again.")
            }
        }
    }

    /// The short lines (`[{"item", "name", "wanted", "available"}, …]`, or schema 8's
    /// "item:wanted:available,…") → a sentence naming each.
    static func shortageMessage(_ detail: String) -> String {
        let parts = Self.shortages(in: detail).map { line in
            let what = line.name.map { "“\($0)” (item \(line.item))" } ?? "item \(line.item)"
            return line.available == 0
                ? "\(what) is sold out (you want \(line.wanted))"
                : "\(what) has \(line.available) left (you want \(line.wanted))"
        }
        guard !parts.isEmpty else { return "Some items in your cart are no longer available in that quantity." }
        return "Not enough stock: " + parts.joined(separator: "; ") + ". Nothing was bought; take the missing units out of the cart and pay again."
    }

    private static func shortages(in detail: String) -> [(item: String, name: String?, wanted: Int, available: Int)] {
        if let lines = try? JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [[String: Any]] {
            return lines.compactMap { line in
                guard let item = line["item"] as? String, let wanted = line["wanted"] as? Int, let available = line["available"] as? Int
                else { return nil }
                return (item, line["name"] as? String, wanted, available)
            }
        }
        return detail.split(separator: ",").compactMap { entry in
            let fields = entry.split(separator: ":")
            guard fields.count == 3, let wanted = Int(fields[1]), let available = Int(fields[2]) else { return nil }
            return (String(fields[0]), nil, wanted, available)
        }
    }

    /// The buyer's purchases, newest first, each with its lines and the buyer's votes, and the
    /// units the buyer has bought in all, in one round trip.
    public func purchases(buyerID: BuyerID, limit: Int, offset: Int) async throws(MarketError) -> PurchaseHistory {
        let statement = Purchases(bindings: PostgresBindings(buyerID.rawValue, Int64(limit), Int64(offset)))
        return try await self.database.perform("purchases") { client in
            var purchases: [Purchase] = []
            var total = 0
            var bought = 0
            for row in try await client.rows(statement) {
                let (count, units, id, at, sum, last4, item, category, name, seller, quantity, unit, vote) = try row.decode(
                    (Int64, Int64, Int64?, Date?, Int64?, String?, Int64?, Int32?, String?, Int64?, Int32?, Int64?, Int16?).self
                )
                total = Int(count)
                bought = Int(units)
                guard let id, let at, let sum, let last4, let item, let category, let name, let seller, let quantity, let unit
                else { continue }
                let line = PurchaseLine(
                    itemID: ItemID(category: Category(rawValue: max(category, 0))!, number: item),
                    name: name,
                    sellerID: SellerID(seller),
                    quantity: Int(quantity),
                    unitPrice: Money(cents: unit),
                    feedback: vote.map { $0 > 0 ? .up : .down }
                )
                if purchases.last?.id == id {
                    purchases[purchases.count - 1].lines.append(line)
                } else {
                    purchases.append(Purchase(id: id, purchasedAt: at, lines: [line], total: Money(cents: sum), cardLast4: last4))
                }
            }
            return PurchaseHistory(purchases: Page(items: purchases, offset: offset, limit: limit, total: total), itemsPurchased: bought)
        }
    }

    /// Records one vote for a purchased item and moves the item's and the seller's totals
    /// (see `market_provide_feedback`). Returns the item's totals after the vote.
    public func provideFeedback(buyerID: BuyerID, item id: ItemID, vote: Vote) async throws(MarketError) -> Rating {
        let statement = ProvideFeedback(
            bindings: PostgresBindings(buyerID.rawValue, id.number, id.category.rawValue, Int16(vote == .up ? 1 : -1))
        )
        return try await self.database.perform("provideFeedback") { client in
            do {
                guard let row = try await client.firstRow(statement) else {
                    throw MarketError(.internal, "The vote was not recorded.")
                }
                let (up, down) = try row.decode((Int32, Int32).self)
                return Rating(thumbsUp: Int(up), thumbsDown: Int(down))
            } catch let error as PSQLError where error.sqlState == "MK404" {
                throw MarketError.noSuchItem(id)
            } catch let error as PSQLError where error.sqlState == "MK003" {
                throw MarketError(.notPurchased, "You can rate only items you have bought; item \(id) is not among them.", field: "itemID")
            } catch let error as PSQLError where error.sqlState == "MK004" {
                throw MarketError(.alreadyRated, "You have already rated item \(id).", field: "itemID")
            }
        }
    }
}

// MARK: - Statements

private struct MakePurchase: Statement {
    static let sql = "SELECT * FROM market_make_purchase($1::bytea, $2::int8, $3::text, $4::text, $5::int8::numeric / 100)"
    let bindings: PostgresBindings
}

/// The buyer's number of purchases and units bought first, then one row per purchase line of the
/// page (with the buyer's vote), or one row of nulls for an empty page. A buyer who has never
/// bought anything has no `buyer_stats` row: zero units.
private struct Purchases: Statement {
    static let sql = """
        SELECT t.total, t.bought, p.id, p.purchased_at, (p.total * 100)::bigint, p.card_last4,
               l.item_id, l.category, l.item_name, l.seller_id, l.quantity, (l.unit_price * 100)::bigint, f.vote
          FROM (SELECT count(*) AS total,
                       coalesce((SELECT items_purchased FROM buyer_stats WHERE buyer_id = $1::int8), 0) AS bought
                  FROM purchases WHERE buyer_id = $1::int8) AS t
          LEFT JOIN LATERAL (
              SELECT * FROM purchases WHERE buyer_id = $1::int8 ORDER BY id DESC LIMIT $2::int8 OFFSET $3::int8
          ) AS p ON true
          LEFT JOIN purchase_lines l ON l.purchase_id = p.id
          LEFT JOIN feedback f ON f.buyer_id = $1::int8 AND f.item_id = l.item_id
         ORDER BY p.id DESC, l.item_id
        """
    let bindings: PostgresBindings
}

private struct ProvideFeedback: Statement {
    static let sql = "SELECT * FROM market_provide_feedback($1::int8, $2::int8, $3::int4, $4::int2)"
    let bindings: PostgresBindings
}
