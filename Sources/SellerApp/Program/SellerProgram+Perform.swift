import MarketCore

extension SellerProgram {
    /// Carries out one command with the client and reports the outcome as a message.
    public func perform(_ command: SellerCommand) async -> SellerMessage? {
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
            case .loadItems(let request, let offset):
                return .itemsLoaded(request: request, page: try await client.items(limit: ItemsScreen.pageSize, offset: offset))
            case .loadRating(let request):
                return .ratingLoaded(request: request, rating: try await client.rating())
            case .register(let request, let draft):
                return .registered(request: request, item: try await client.registerItem(draft))
            case .changePrice(let request, let item, let price):
                return .priceChanged(request: request, item: try await client.changePrice(of: item, to: price))
            case .removeUnits(let request, let item, let count):
                return .unitsRemoved(request: request, item: try await client.removeUnits(count, of: item), removed: count)
            }
        } catch {
            self.logger.notice("request failed", metadata: ["code": "\(error.code)", "op": "\(Self.name(of: command))"])
            return .failed(request: command.request ?? 0, command: command, error: error)
        }
    }

    static func name(of command: SellerCommand) -> String {
        switch command {
        case .connect: "connect"
        case .login: "login"
        case .createAccount: "createAccount"
        case .logout: "logout"
        case .loadItems: "loadItems"
        case .loadRating: "loadRating"
        case .register: "register"
        case .changePrice: "changePrice"
        case .removeUnits: "removeUnits"
        }
    }
}
