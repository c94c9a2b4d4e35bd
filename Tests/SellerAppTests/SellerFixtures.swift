import MarketTesting
import Foundation
import MarketClient
import MarketCore
import SellerApp
import TerminalUI
import TerminalUITesting

/// Sample data and helpers that bring the dashboard into a state through its own update function.
enum SellerFixtures {
    static let profile = SellerProfile(id: SellerID(7), username: "zoe", name: "Zoë Müller 東京")

    static let rating = SellerRating(sellerID: SellerID(7), name: "Zoë Müller 東京", rating: Rating(thumbsUp: 42, thumbsDown: 5), itemsSold: 318)

    static func item(_ number: Int64, _ name: String, category: Int32 = 3, price: String, quantity: Int, up: Int = 0, down: Int = 0, condition: Condition = .new, keywords: [String] = []) -> Item {
        Item(
            id: ItemID(category: Category(rawValue: category)!, number: number), name: name, keywords: keywords, condition: condition,
            price: Money(price)!, quantity: quantity, rating: Rating(thumbsUp: up, thumbsDown: down), sellerID: SellerID(7), sellerName: "Zoë Müller 東京"
        )
    }

    static let items: [Item] = [
        item(31, "Café crème mug €", price: "12.50", quantity: 7, up: 12, down: 1, keywords: ["mug", "coffee"]),
        item(30, "Espresso Machine", price: "1249.00", quantity: 2, up: 3, condition: .used),
        item(29, "東京カメラ Film Camera 35mm", category: 2, price: "189.99", quantity: 1, up: 9, down: 2),
        item(28, "Bonsai Tree 🌳", category: 8, price: "45.00", quantity: 0, up: 4),
        item(27, "Olive Oil 1L", price: "9.95", quantity: 25, up: 14),
        item(26, "Chef's Knife", price: "89.50", quantity: 4, down: 1),
    ]

    static let program = SellerProgram(
        client: SellerClient(configuration: .init(host: "127.0.0.1", port: 9, reconnectsAutomatically: false)),
        timeOfDay: { "10:43" }
    )

    /// A dashboard that has started at `size` and is connected.
    static func started(size: Size = Size(width: 120, height: 36)) -> SellerState {
        var state = SellerState(server: "127.0.0.1:7001")
        _ = self.program.update(&state, .resize(size))
        _ = self.program.update(&state, .message(.account(.connection(.connected))))
        return state
    }

    /// Logged in with `items` and the rating loaded.
    static func loggedIn(size: Size = Size(width: 120, height: 36), items: [Item] = Self.items, total: Int? = nil) -> SellerState {
        var state = self.started(size: size)
        let commands = self.program.update(&state, .message(.account(.loggedIn(request: 900, profile: self.profile))))
        for command in commands { self.answer(command, &state, items: items, total: total) }
        state.shell.status = nil
        return state
    }

    /// Answers a load as a server with `items` would; returns what the answer led to.
    @discardableResult
    static func answer(_ command: SellerCommand, _ state: inout SellerState, items: [Item] = Self.items, total: Int? = nil) -> [SellerCommand] {
        switch command {
        case .loadItems(let request, let offset, _):
            let page = Page(items: items, offset: offset, limit: ItemsScreen.pageSize, total: total ?? items.count)
            return self.program.update(&state, .message(.itemsLoaded(request: request, page: page)))
        case .loadRating(let request):
            return self.program.update(&state, .message(.ratingLoaded(request: request, rating: self.rating)))
        case .account(.loadCategories):
            return self.program.update(&state, .message(.account(.categories(.fresh))))
        default:
            return []
        }
    }

    /// Opens the new-item form and types name, category, keywords and price (condition New, one unit).
    static func fillInRegisterForm(_ state: inout SellerState, name: String, category: String, keywords: String, price: String) {
        _ = self.program.press([.character("n")], &state)
        self.program.fill([name, category, keywords], &state)
        _ = self.program.press([.tab, .tab], &state)
        _ = self.program.type(price, &state)
    }

    /// Shows the rating view, answering the fetch it makes with ``rating``.
    static func showRating(_ state: inout SellerState) {
        for command in self.program.press([.character("2")], &state) {
            if case .loadRating(let request) = command {
                _ = self.program.update(&state, .message(.ratingLoaded(request: request, rating: self.rating)))
            }
        }
    }
}

extension SellerCommand {
    var isItemsLoad: Bool { if case .loadItems = self { true } else { false } }
}

