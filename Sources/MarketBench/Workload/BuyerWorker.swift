import MarketClient
import MarketCore

/// One benchmark buyer: its own connection, account and session; searches, browses, fills and
/// empties its cart, checks out and rates what it bought. It tracks its cart so that every call
/// it makes is one that should succeed (the benchmark expects zero errors).
struct BuyerWorker: Sendable {
    enum Operation: String, CaseIterable, Sendable {
        case searchItemsForSale = "SearchItemsForSale"
        case getItem = "GetItem"
        case displayCart = "DisplayCart"
        case addItemToCart = "AddItemToCart"
        case removeItemFromCart = "RemoveItemFromCart"
        case getSellerRating = "GetSellerRating"
        case getBuyerPurchases = "GetBuyerPurchases"
        case saveCart = "SaveCart"
        case makePurchase = "MakePurchase"
        case provideFeedback = "ProvideFeedback"
        case clearCart = "ClearCart"
    }

    /// The buyer mix: reads 70 %, writes 30 %.
    static let mix = OperationMix<Operation>([
        (.searchItemsForSale, 25),
        (.getItem, 20),
        (.displayCart, 10),
        (.addItemToCart, 10),
        (.removeItemFromCart, 4),
        (.getSellerRating, 10),
        (.getBuyerPurchases, 5),
        (.saveCart, 5),
        (.makePurchase, 5),
        (.provideFeedback, 3),
        (.clearCart, 3),
    ])

    static let card = PaymentCard(holder: "Bench Buyer", number: "4111 1111 1111 1111", expiry: "12/39")

    let client: BuyerClient
    let catalogue: [ItemID]
    let sellers: [SellerID]
    var generator: SplitMix64
    var cart: [ItemID: Int] = [:]
    var rateable: [ItemID] = []
    var rated: Set<ItemID> = []

    init(client: BuyerClient, index: Int, catalogue: [ItemID], sellers: [SellerID]) {
        self.client = client
        self.catalogue = catalogue
        self.sellers = sellers
        self.generator = SplitMix64(seed: UInt64(index) &* 104_729 &+ 3)
    }

    /// Runs one operation of the mix (or, when its precondition is missing — an empty cart, nothing
    /// left to rate — the operation that creates it) and records how long it took.
    mutating func step(into recorder: inout LatencyRecorder) async {
        var operation = Self.mix.pick(using: &self.generator)
        switch operation {
        case .removeItemFromCart where self.cart.isEmpty, .makePurchase where self.cart.isEmpty: operation = .addItemToCart
        case .provideFeedback where self.rateable.isEmpty: operation = .getItem
        default: break
        }
        let name = "Buyer.\(operation.rawValue)"
        let clock = ContinuousClock()
        let start = clock.now
        do {
            switch operation {
            case .searchItemsForSale:
                let category: CategoryFilter =
                    Bool.random(using: &self.generator)
                    ? .any : .only(Category(rawValue: Int32.random(in: 0..<Int32(Catalogue.categories), using: &self.generator))!)
                _ = try await self.client.search(category: category, keywords: Catalogue.searchKeywords(using: &self.generator), limit: 20)
            case .getItem:
                _ = try await self.client.item(self.catalogue.randomElement(using: &self.generator)!)
            case .displayCart:
                _ = try await self.client.cart()
            case .addItemToCart:
                let item = self.catalogue.randomElement(using: &self.generator)!
                try await self.client.addToCart(item, quantity: 1)
                self.cart[item, default: 0] += 1
            case .removeItemFromCart:
                let item = self.cart.keys.sorted { $0.number < $1.number }.randomElement(using: &self.generator)!
                try await self.client.removeFromCart(item, quantity: 1)
                self.cart[item]! -= 1
                if self.cart[item] == 0 { self.cart[item] = nil }
            case .getSellerRating:
                _ = try await self.client.sellerRating(self.sellers.randomElement(using: &self.generator)!)
            case .getBuyerPurchases:
                _ = try await self.client.purchases(limit: 10)
            case .saveCart:
                try await self.client.saveCart()
            case .makePurchase:
                let purchase = try await self.client.purchase(card: Self.card)
                for line in purchase.lines where !self.rated.contains(line.itemID) && !self.rateable.contains(line.itemID) {
                    self.rateable.append(line.itemID)
                }
                self.cart = [:]
            case .provideFeedback:
                let item = self.rateable.removeLast()
                self.rated.insert(item)
                try await self.client.provideFeedback(item, vote: Bool.random(using: &self.generator) ? .up : .down)
            case .clearCart:
                try await self.client.clearCart()
                self.cart = [:]
            }
            recorder.record(name, nanoseconds: (clock.now - start).nanoseconds)
        } catch {
            recorder.recordError(name, message: "\(error.code): \(error.message)")
        }
    }
}
