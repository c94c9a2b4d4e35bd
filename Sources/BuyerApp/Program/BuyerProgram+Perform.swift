import MarketCore

extension BuyerProgram {
    /// Carries out one command with the client and reports the outcome as a message.
    public func perform(_ command: BuyerCommand) async -> BuyerMessage? {
        let client = self.client
        do throws(MarketError) {
            switch command {
            case .connect:
                _ = try? await client.ping()
                return nil
            case .login(let request, let username, let password):
                return .loggedIn(request: request, profile: try await client.login(username: username, password: password))
            case .createAccount(let request, let username, let password, let name):
                _ = try await client.createAccount(username: username, password: password, name: name)
                return .accountCreated(request: request, username: username, password: password)
            case .logout(let request):
                try await client.logout()
                return .loggedOut(request: request)
            case .search(let request, let query, let offset):
                let page = try await client.search(category: query.category, keywords: query.keywords, limit: SearchScreen.pageSize, offset: offset)
                return .searched(request: request, query: query, page: page)
            case .loadItem(let request, let item):
                return .itemLoaded(request: request, detail: try await client.item(item))
            case .addToCart(let request, let item, let quantity):
                let inCart = try await client.addToCart(item, quantity: quantity)
                return .addedToCart(request: request, item: item, added: quantity, inCart: inCart)
            case .removeFromCart(let request, let item, let quantity):
                let left = try await client.removeFromCart(item, quantity: quantity)
                return .removedFromCart(request: request, item: item, removed: quantity, left: left)
            case .clearCart(let request):
                try await client.clearCart()
                return .cartCleared(request: request)
            case .saveCart(let request):
                return .cartSaved(request: request, lines: try await client.saveCart())
            case .loadCart(let request):
                return .cartLoaded(request: request, cart: try await client.cart())
            case .purchase(let request, let card):
                return .purchased(request: request, purchase: try await client.purchase(card: card))
            case .feedback(let request, let item, let vote):
                return .feedbackGiven(request: request, item: item, vote: vote, rating: try await client.provideFeedback(item, vote: vote))
            case .sellerRating(let request, let seller):
                return .sellerRatingLoaded(request: request, rating: try await client.sellerRating(seller))
            case .loadPurchases(let request, let offset):
                return .purchasesLoaded(request: request, page: try await client.purchases(limit: PurchasesScreen.pageSize, offset: offset))
            }
        } catch {
            self.logger.notice("request failed", metadata: ["code": "\(error.code)", "op": "\(Self.name(of: command))"])
            return .failed(request: command.request ?? 0, command: command, error: error)
        }
    }

    static func name(of command: BuyerCommand) -> String {
        switch command {
        case .connect: "connect"
        case .login: "login"
        case .createAccount: "createAccount"
        case .logout: "logout"
        case .search: "search"
        case .loadItem: "loadItem"
        case .addToCart: "addToCart"
        case .removeFromCart: "removeFromCart"
        case .clearCart: "clearCart"
        case .saveCart: "saveCart"
        case .loadCart: "loadCart"
        case .purchase: "purchase"
        case .feedback: "feedback"
        case .sellerRating: "sellerRating"
        case .loadPurchases: "loadPurchases"
        }
    }
}
