public import MarketCore
import Foundation
import PostgresNIO

extension ProductsStore {
    /// Buys the session's whole active cart at current prices, all or nothing (see
    /// `market_make_purchase` in `sql/products.sql`). Fails with `empty_cart`, or with
    /// `insufficient_stock` naming every line that is short.
    public func purchase(session: SessionKey, buyerID: BuyerID, cardHolder: String, cardLast4: String) async throws(MarketError) -> Purchase {
        try await self.database.perform("purchase") { client in
            do {
                let rows = try await client.query(
                    "SELECT * FROM market_make_purchase(\(session.buffer), \(buyerID.rawValue), \(cardHolder), \(cardLast4))"
                )
                var purchase: Purchase?
                for try await (id, at, total, item, category, name, seller, quantity, unit) in rows.decode(
                    (Int64, Date, Int64, Int64, Int32, String, Int64, Int32, Int64).self
                ) {
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
            }
        }
    }

    /// "item:wanted:available,…" → a sentence naming each short line.
    static func shortageMessage(_ detail: String) -> String {
        let parts = detail.split(separator: ",").compactMap { entry -> String? in
            let fields = entry.split(separator: ":")
            guard fields.count == 3 else { return nil }
            return "item \(fields[0]) has \(fields[2]) left (you want \(fields[1]))"
        }
        guard !parts.isEmpty else { return "Some items in your cart are no longer available in that quantity." }
        return "Not enough stock: " + parts.joined(separator: "; ") + ". Nothing was bought."
    }

    /// The buyer's purchases, newest first, each with its lines and the buyer's votes.
    public func purchases(buyerID: BuyerID, limit: Int, offset: Int) async throws(MarketError) -> Page<Purchase> {
        try await self.database.perform("purchases") { client in
            let buyer = buyerID.rawValue
            let rows = try await client.query(
                """
                SELECT t.total, p.id, p.purchased_at, (p.total * 100)::bigint, p.card_last4,
                       l.item_id, l.category, l.item_name, l.seller_id, l.quantity, (l.unit_price * 100)::bigint, f.vote
                  FROM (SELECT count(*) AS total FROM purchases WHERE buyer_id = \(buyer)) AS t
                  LEFT JOIN LATERAL (
                      SELECT * FROM purchases WHERE buyer_id = \(buyer) ORDER BY id DESC LIMIT \(Int64(limit)) OFFSET \(Int64(offset))
                  ) AS p ON true
                  LEFT JOIN purchase_lines l ON l.purchase_id = p.id
                  LEFT JOIN feedback f ON f.buyer_id = \(buyer) AND f.item_id = l.item_id
                 ORDER BY p.id DESC, l.item_id
                """
            )
            var purchases: [Purchase] = []
            var total = 0
            for try await row in rows {
                let (count, id, at, sum, last4, item, category, name, seller, quantity, unit, vote) = try row.decode(
                    (Int64, Int64?, Date?, Int64?, String?, Int64?, Int32?, String?, Int64?, Int32?, Int64?, Int16?).self
                )
                total = Int(count)
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
            return Page(items: purchases, offset: offset, limit: limit, total: total)
        }
    }

    /// The number of units the buyer has bought in all.
    public func itemsPurchased(buyerID: BuyerID) async throws(MarketError) -> Int {
        try await self.database.perform("itemsPurchased") { client in
            let rows = try await client.query("SELECT items_purchased FROM buyer_stats WHERE buyer_id = \(buyerID.rawValue)")
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }

    /// Records one vote for a purchased item and moves the item's and the seller's totals
    /// (see `market_provide_feedback`). Returns the item's totals after the vote.
    public func provideFeedback(buyerID: BuyerID, item id: ItemID, vote: Vote) async throws(MarketError) -> Rating {
        try await self.database.perform("provideFeedback") { client in
            do {
                let value: Int16 = vote == .up ? 1 : -1
                let rows = try await client.query(
                    "SELECT * FROM market_provide_feedback(\(buyerID.rawValue), \(id.number), \(id.category.rawValue), \(value))"
                )
                for try await (up, down) in rows.decode((Int32, Int32).self) {
                    return Rating(thumbsUp: Int(up), thumbsDown: Int(down))
                }
                throw MarketError(.internal, "The vote was not recorded.")
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
