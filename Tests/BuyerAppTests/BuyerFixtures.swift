import MarketTesting
import BuyerApp
import Foundation
import MarketClient
import MarketCore
import MarketProtocol
import TerminalUI
import TerminalUITesting

/// Sample data and helpers that bring the storefront into a state through its own update function.
enum BuyerFixtures {
    static let profile = BuyerProfile(id: BuyerID(3), username: "bea", name: "Bea Buyer")
    static let month = YearMonth(year: 2026, month: 11)
    static let utc = TimeZone(identifier: "UTC")!

    static func item(_ number: Int64, _ name: String, category: Int32 = 3, price: String, quantity: Int, seller: (Int64, String) = (7, "Ölmühle Weber"), up: Int = 0, down: Int = 0, condition: Condition = .new) -> Item {
        Item(
            id: ItemID(category: Category(rawValue: category)!, number: number), name: name, keywords: ["demo"], condition: condition,
            price: Money(price)!, quantity: quantity, rating: Rating(thumbsUp: up, thumbsDown: down), sellerID: SellerID(seller.0), sellerName: seller.1
        )
    }

    static let hits: [SearchHit] = [
        SearchHit(item: item(12, "Pour-over Coffee Kit", price: "22.50", quantity: 8, up: 5), matchedKeywords: 2),
        SearchHit(item: item(31, "Café crème mug €", price: "12.50", quantity: 7, seller: (9, "Zoë Müller 東京"), up: 12, down: 1), matchedKeywords: 1),
        SearchHit(item: item(40, "Espresso Machine", price: "1249.00", quantity: 2, seller: (4, "Voltage Electronics"), up: 3, condition: .used), matchedKeywords: 1),
        SearchHit(item: item(41, "東京カメラ Film Camera", category: 2, price: "189.99", quantity: 1, seller: (5, "東京カメラ"), up: 9, down: 2), matchedKeywords: 1),
    ]

    static let cart = Cart(lines: [
        CartLine(itemID: hits[0].item.id, name: hits[0].item.name, quantity: 2, unitPrice: Money("22.50")!, available: 8, sellerID: SellerID(7)),
        CartLine(itemID: hits[3].item.id, name: hits[3].item.name, quantity: 1, unitPrice: Money("189.99")!, available: 1, sellerID: SellerID(5)),
    ])

    /// A cart asking for more than is on sale: one line short, one sold out since.
    static let shortCart = Cart(lines: [
        CartLine(itemID: hits[0].item.id, name: hits[0].item.name, quantity: 2, unitPrice: Money("22.50")!, available: 8, sellerID: SellerID(7)),
        CartLine(itemID: hits[3].item.id, name: hits[3].item.name, quantity: 2, unitPrice: Money("189.99")!, available: 1, sellerID: SellerID(5)),
        CartLine(itemID: hits[2].item.id, name: hits[2].item.name, quantity: 1, unitPrice: Money("1249.00")!, available: 0, sellerID: SellerID(4)),
    ])

    static let purchases = PurchaseHistory(purchases: Page(items: [
        Purchase(id: 18, purchasedAt: Date(timeIntervalSince1970: 1_795_000_000), lines: [
            PurchaseLine(itemID: hits[1].item.id, name: hits[1].item.name, sellerID: SellerID(9), quantity: 1, unitPrice: Money("12.50")!, feedback: .up),
            PurchaseLine(itemID: hits[0].item.id, name: hits[0].item.name, sellerID: SellerID(7), quantity: 3, unitPrice: Money("22.50")!, feedback: nil),
        ], total: Money("80.00")!, cardLast4: "1111"),
        Purchase(id: 11, purchasedAt: Date(timeIntervalSince1970: 1_794_000_000), lines: [
            PurchaseLine(itemID: hits[2].item.id, name: hits[2].item.name, sellerID: SellerID(4), quantity: 1, unitPrice: Money("1199.00")!, feedback: .down),
        ], total: Money("1199.00")!, cardLast4: "4242"),
    ], offset: 0, limit: 20, total: 2), itemsPurchased: 5)

    static let program = BuyerProgram(
        client: BuyerClient(configuration: .init(host: "127.0.0.1", port: 9, reconnectsAutomatically: false))
    )

    static func started(size: Size = Size(width: 120, height: 36)) -> BuyerState {
        var state = BuyerState(server: "127.0.0.1:7002", currentMonth: month, timeZone: utc)
        _ = self.program.update(&state, .resize(size))
        _ = self.program.update(&state, .message(.account(.connection(.connected))))
        return state
    }

    /// Logged in, with search results, a cart and purchases loaded.
    static func loggedIn(size: Size = Size(width: 120, height: 36), hits: [SearchHit] = Self.hits, cart: Cart = Self.cart, total: Int? = nil) -> BuyerState {
        var state = self.started(size: size)
        let commands = self.program.update(&state, .message(.account(.loggedIn(request: 900, profile: self.profile))))
        for command in commands { self.answer(command, &state, hits: hits, cart: cart, total: total) }
        state.search.isEditing = false
        state.shell.status = nil
        return state
    }

    /// From the views: opens the cart's checkout, fills in a valid card and confirms the form, so
    /// the payment question is on show and the next Enter pays.
    static func fillInCheckout(_ state: inout BuyerState) {
        self.showCart(&state)
        // Opening the checkout fetches the cart again: answered with the cart as it is.
        let cart = state.cart.cart ?? .empty
        for command in self.program.press([.character("c")], &state) { self.answer(command, &state, cart: cart) }
        self.program.fill(["4111 1111 1111 1111", "04/29"], &state)
        _ = self.program.press([.enter], &state)
        self.readTheQuestion(&state)
    }

    /// Lets the moment pass in which the payment question, just up, drops keys.
    static func readTheQuestion(_ state: inout BuyerState) {
        for _ in 0..<BuyerProgram.paymentQuestionHoldTicks { _ = self.program.update(&state, .tick) }
    }

    /// Presses each of `keys` (sort keys, in the results) and answers the search each sends as a
    /// server would: `hits` in the order asked for.
    static func sort(_ keys: [Key], _ state: inout BuyerState, hits: [SearchHit] = Self.hits, total: Int? = nil) {
        for key in keys {
            for command in self.program.press([key], &state) {
                guard case .search(let request, let query, let offset, let order) = command else { continue }
                let sorted = order.map { order in hits.sorted { order.precedes($0.item, $1.item) ?? false } } ?? hits
                let page = Page(items: sorted, offset: offset, limit: SearchScreen.pageSize, total: total ?? hits.count)
                _ = self.program.update(&state, .message(.searched(request: request, query: query, page: page)))
            }
        }
    }

    /// Switches to the purchases view and answers the fetch it makes with the fixtures' purchases.
    static func showPurchases(_ state: inout BuyerState) {
        for command in self.program.press([.character("3")], &state) { self.answer(command, &state) }
    }

    /// Switches to the cart view and answers the fetch it makes with the cart already on screen.
    static func showCart(_ state: inout BuyerState) {
        let cart = state.cart.cart ?? .empty
        for command in self.program.press([.character("2")], &state) { self.answer(command, &state, cart: cart) }
    }

    /// Answers `command` as a server with the fixtures would; returns what the answer led to.
    @discardableResult
    static func answer(_ command: BuyerCommand, _ state: inout BuyerState, hits: [SearchHit] = Self.hits, cart: Cart = Self.cart, total: Int? = nil) -> [BuyerCommand] {
        switch command {
        case .search(let request, let query, let offset, _):
            return self.program.update(&state, .message(.searched(request: request, query: query, page: Page(items: hits, offset: offset, limit: 50, total: total ?? hits.count))))
        case .loadCart(let request):
            return self.program.update(&state, .message(.cartLoaded(request: request, cart: cart)))
        case .loadPurchases(let request, _):
            return self.program.update(&state, .message(.purchasesLoaded(request: request, history: self.purchases)))
        case .loadItem(let request, let id):
            let item = hits.first { $0.item.id == id }?.item ?? hits[0].item
            let seller = SellerRating(sellerID: item.sellerID, name: item.sellerName, rating: Rating(thumbsUp: 120, thumbsDown: 7), itemsSold: 1_204)
            return self.program.update(&state, .message(.itemLoaded(request: request, detail: BuyerAPI.GetItem.Result(item: item, seller: seller))))
        case .account(.loadCategories):
            return self.program.update(&state, .message(.account(.categories(.fresh))))
        default:
            return []
        }
    }
}
