import MarketClient
import MarketCore
import MarketTesting
import Synchronization

let password = "correct horse"
let validCard = PaymentCard(holder: "Ada Lovelace", number: "4111 1111 1111 1111", expiry: "12/39")

private let usernameCounter = Mutex(0)

/// A username no other test uses.
func uniqueUsername(_ prefix: String) -> String {
    let number = usernameCounter.withLock { value -> Int in
        value += 1
        return value
    }
    return "\(prefix)\(number)"
}

extension TestMarket {
    /// A new seller account, logged in.
    func loggedInSeller(name: String = "Sam Seller") async throws -> (SellerClient, SellerProfile) {
        let client = self.sellerClient()
        let username = uniqueUsername("seller")
        _ = try await client.createAccount(username: username, password: password, name: name)
        return (client, try await client.login(username: username, password: password))
    }

    /// A new buyer account, logged in.
    func loggedInBuyer(name: String = "Bea Buyer") async throws -> (BuyerClient, BuyerProfile, String) {
        let client = self.buyerClient()
        let username = uniqueUsername("buyer")
        _ = try await client.createAccount(username: username, password: password, name: name)
        return (client, try await client.login(username: username, password: password), username)
    }

    /// Another connection in `buyer`'s session, so two calls of one session run side by side.
    func buyerClient(inSessionOf buyer: BuyerClient) -> BuyerClient {
        let client = self.buyerClient()
        client.client.session = buyer.client.session
        return client
    }

    /// Another connection in `seller`'s session.
    func sellerClient(inSessionOf seller: SellerClient) -> SellerClient {
        let client = self.sellerClient()
        client.client.session = seller.client.session
        return client
    }
}

func draft(
    _ name: String,
    category: Int32 = 1,
    keywords: [String] = [],
    price: Money = 10,
    quantity: Int = 5,
    condition: Condition = .new
) -> ItemDraft {
    ItemDraft(name: name, category: Category(rawValue: category)!, keywords: keywords, condition: condition, price: price, quantity: quantity)
}

/// Runs `body` and returns the MarketError it throws, or records an issue if it succeeds.
@discardableResult
func expectError<T>(_ code: ErrorCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws(MarketError) -> T) async -> MarketError? {
    do {
        _ = try await body()
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
        return error
    }
}

import Testing
