public import Logging
public import MarketClient
public import MarketCore

/// Loads the demo catalogue through the public API, once: accounts that exist are reused, items a
/// seller already has (by name) are not registered again, and shoppers who already bought
/// something do not shop again. Running it twice changes nothing the second time.
public struct DemoLoader: Sendable {
    /// What a load did.
    public struct Report: Sendable, Hashable {
        public var accountsCreated = 0
        public var itemsRegistered = 0
        public var itemsPresent = 0
        public var purchasesMade = 0
        public var votesGiven = 0
        /// The market's named categories, as the seller server said.
        public var categories: [CategoryName] = []

        /// True when nothing had to be created: the catalogue was there already.
        public var wasAlreadyLoaded: Bool { self.accountsCreated == 0 && self.itemsRegistered == 0 && self.purchasesMade == 0 }
    }

    public let catalog: DemoCatalog
    let sellerClient: @Sendable () -> SellerClient
    let buyerClient: @Sendable () -> BuyerClient
    let logger: Logger

    /// - Parameters: the two factories make a fresh client per account (each holds one session).
    public init(
        catalog: DemoCatalog = .standard,
        sellerClient: @escaping @Sendable () -> SellerClient,
        buyerClient: @escaping @Sendable () -> BuyerClient,
        logger: Logger = Logger(label: "market.demo")
    ) {
        self.catalog = catalog
        self.sellerClient = sellerClient
        self.buyerClient = buyerClient
        self.logger = logger
    }

    public func load() async throws(MarketError) -> Report {
        var report = Report()
        for seller in self.catalog.sellers {
            try await self.load(seller, into: &report)
        }
        let buyer = self.buyerClient()
        if try await self.ensureBuyer(DemoCatalog.demoBuyer, client: buyer) { report.accountsCreated += 1 }
        for (index, shopper) in self.catalog.shoppers.enumerated() {
            try await self.shop(as: shopper, number: index, into: &report)
        }
        // The demo buyer gets a small history too, with one item left to rate.
        try await self.shop(as: DemoCatalog.demoBuyer, number: self.catalog.shoppers.count, into: &report, rateAll: false)
        return report
    }

    private func load(_ seller: DemoCatalog.Seller, into report: inout Report) async throws(MarketError) {
        let client = self.sellerClient()
        defer { client.client.close() }
        do {
            _ = try await client.createAccount(username: seller.account.username, password: seller.account.password, name: seller.account.name)
            report.accountsCreated += 1
        } catch where error.code == .usernameTaken {
            // Loaded before: carry on and fill in whatever is missing.
        }
        try await client.login(username: seller.account.username, password: seller.account.password)
        if report.categories.isEmpty { report.categories = try await client.categories() }
        // How many items of each name the seller has: a name may be listed twice (new and used).
        var existing: [String: Int] = [:]
        var offset = 0
        while true {
            let page = try await client.items(limit: Paging.maximumLimit, offset: offset)
            for item in page.items { existing[item.name, default: 0] += 1 }
            offset += page.items.count
            if page.items.isEmpty || !page.hasMore { break }
        }
        for draft in seller.items {
            if let count = existing[draft.name], count > 0 {
                existing[draft.name] = count - 1
                report.itemsPresent += 1
                continue
            }
            _ = try await client.registerItem(draft)
            report.itemsRegistered += 1
        }
        try? await client.logout()
        self.logger.info("seller ready", metadata: ["seller": "\(seller.account.username)", "items": "\(seller.items.count)"])
    }

    /// Creates the account if needed; true when it was created.
    private func ensureBuyer(_ account: DemoCatalog.Account, client: BuyerClient) async throws(MarketError) -> Bool {
        do {
            _ = try await client.createAccount(username: account.username, password: account.password, name: account.name)
            return true
        } catch where error.code == .usernameTaken {
            return false
        }
    }

    /// One shopper buys a few items in two purchases and rates them, unless they already have.
    private func shop(as account: DemoCatalog.Account, number: Int, into report: inout Report, rateAll: Bool = true) async throws(MarketError) {
        let client = self.buyerClient()
        defer { client.client.close() }
        if try await self.ensureBuyer(account, client: client) { report.accountsCreated += 1 }
        try await client.login(username: account.username, password: account.password)
        guard try await client.purchases(limit: 1).purchases.items.isEmpty else {
            try? await client.logout()
            return
        }
        var random = SplitMix64(seed: 7919 &* UInt64(number + 1))
        let card = PaymentCard(holder: account.name, number: "4111 1111 1111 1111", expiry: "12/39")
        let words = ["coffee", "vinyl", "camera", "book", "garden", "kids", "audio", "camping", "wool", "tea"]
        for round in 0..<2 {
            let word = words[(number * 2 + round) % words.count]
            let hits = try await client.search(category: .any, keywords: [word], limit: 30).items
            guard !hits.isEmpty else { continue }
            var chosen: [Item] = []
            for _ in 0..<3 {
                let hit = hits[random.next(below: hits.count)].item
                if !chosen.contains(where: { $0.id == hit.id }), hit.quantity > 1 { chosen.append(hit) }
            }
            guard !chosen.isEmpty else { continue }
            try await client.clearCart()
            for item in chosen { try await client.addToCart(item.id, quantity: 1) }
            let purchase = try await client.purchase(card: card)
            report.purchasesMade += 1
            for (index, line) in purchase.lines.enumerated() where rateAll || index > 0 {
                // Mostly happy customers, as in real shops.
                let vote: Vote = random.next(below: 5) == 0 ? .down : .up
                do {
                    try await client.provideFeedback(line.itemID, vote: vote)
                    report.votesGiven += 1
                } catch where error.code == .alreadyRated {}
            }
        }
        try? await client.logout()
    }
}
