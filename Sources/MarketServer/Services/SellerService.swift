import MarketCore
import MarketProtocol
public import MarketStore

/// The seller server's operations.
public struct SellerService: Sendable {
    let products: ProductsStore
    let accounts: Accounts
    let authenticator: Authenticator
    let activity: SellerActivityWatch

    public init(
        customers: CustomersStore, products: ProductsStore, hasher: PasswordHasher, sessionPolicy: CustomersStore.SessionPolicy, sessionCache: SessionCache? = nil,
        activity: SellerActivityWatch
    ) {
        self.products = products
        self.activity = activity
        self.accounts = Accounts(customers: customers, role: .seller, hasher: hasher, policy: sessionPolicy)
        self.authenticator = Authenticator(customers: customers, role: .seller, policy: sessionPolicy, cache: sessionCache)
    }

    public func makeRouter() -> Router {
        var router = Router(authenticate: self.authenticator.authenticate)

        router.on(Ping.self) { _, _ in Ping.Result(role: .seller) }

        router.on(ListCategories.self) { _, _, _ throws(MarketError) in
            ListCategories.Result(categories: try await self.products.categoryNames())
        }

        router.on(SellerAPI.CreateAccount.self) { arguments, _ throws(MarketError) in
            SellerAPI.CreateAccount.Result(accountID: SellerID(try await self.accounts.create(arguments)))
        }

        router.on(SellerAPI.Login.self) { arguments, _ throws(MarketError) in
            let login = try await self.accounts.login(arguments)
            return SellerAPI.Login.Result(
                session: login.token,
                account: SellerProfile(id: SellerID(login.account.accountID), username: login.account.username, name: login.account.name),
                sessionTimeout: self.accounts.sessionTimeoutSeconds
            )
        }

        router.on(SellerAPI.Logout.self) { _, session, _ throws(MarketError) in
            try await self.accounts.logout(session, authenticator: self.authenticator)
            return Nothing()
        }

        router.on(SellerAPI.GetSellerRating.self) { _, session, _ throws(MarketError) in
            try await self.rating(of: session)
        }

        router.on(SellerAPI.RegisterItemForSale.self) { draft, session, _ throws(MarketError) in
            let valid = try validated { () throws(FieldError) in try draft.validated() }
            let item = try await self.products.registerItem(valid, sellerID: SellerID(session.owner.accountID), sellerName: session.owner.name)
            self.activity.changed(by: item.sellerID, in: session.key)
            return SellerAPI.RegisterItemForSale.Result(item: item)
        }

        router.on(SellerAPI.ChangeItemPrice.self) { arguments, session, _ throws(MarketError) in
            try validated { () throws(FieldError) in try FieldRules.validatePrice(arguments.price) }
            let item = try await self.products.changePrice(of: arguments.itemID, sellerID: SellerID(session.owner.accountID), to: arguments.price)
            self.activity.changed(by: item.sellerID, in: session.key)
            return SellerAPI.ChangeItemPrice.Result(item: item)
        }

        router.on(SellerAPI.UpdateUnitsForSale.self) { arguments, session, _ throws(MarketError) in
            try validated { () throws(FieldError) in
                try FieldRules.validateQuantity(arguments.remove, field: "remove", allowZero: false)
            }
            let item = try await self.products.removeUnits(arguments.remove, of: arguments.itemID, sellerID: SellerID(session.owner.accountID))
            self.activity.changed(by: item.sellerID, in: session.key)
            return SellerAPI.UpdateUnitsForSale.Result(item: item)
        }

        router.on(SellerAPI.AddUnitsForSale.self) { arguments, session, _ throws(MarketError) in
            try validated { () throws(FieldError) in
                try FieldRules.validateQuantity(arguments.add, field: "add", allowZero: false)
            }
            let item = try await self.products.addUnits(arguments.add, of: arguments.itemID, sellerID: SellerID(session.owner.accountID))
            self.activity.changed(by: item.sellerID, in: session.key)
            return SellerAPI.AddUnitsForSale.Result(item: item)
        }

        router.on(SellerAPI.DisplayItemsForSale.self) { page, session, _ throws(MarketError) in
            let find = try Self.find(in: page)
            return try await self.items(page, find: find, of: SellerID(session.owner.accountID))
        }

        router.on(SellerAPI.AwaitSellerActivity.self) { arguments, session, _ throws(MarketError) in
            try await self.awaitActivity(arguments, session: session)
        }

        return router
    }

    private func rating(of session: Session) async throws(MarketError) -> SellerRating {
        let seller = SellerID(session.owner.accountID)
        let totals = try await self.products.sellerTotals(seller)
        return SellerRating(sellerID: seller, name: session.owner.name, rating: totals.rating, itemsSold: totals.itemsSold)
    }

    /// Subscribes (and has announcements heard) before reading the totals, so news that comes
    /// between the read and the wait ends the wait at once instead of being missed.
    private func awaitActivity(_ arguments: SellerAPI.AwaitSellerActivity.Arguments, session: Session) async throws(MarketError) -> SellerAPI.AwaitSellerActivity.Result {
        let range = SellerAPI.AwaitSellerActivity.waitRange
        guard range.contains(arguments.wait) else {
            throw MarketError(.invalidArgument, "“wait” must be \(range.lowerBound) to \(range.upperBound) seconds.", field: "wait")
        }
        // The page's arguments are checked before waiting, not after.
        var find: ItemFind?
        if let page = arguments.page { find = try Self.find(in: page) }
        let seller = SellerID(session.owner.accountID)
        let ticket = await self.activity.ready(self.activity.subscribe(seller, session: session.key))
        var rating: SellerRating
        do {
            rating = try await self.rating(of: session)
        } catch {
            self.activity.unsubscribe(ticket)
            throw error
        }
        if rating.activity == arguments.after {
            await self.activity.wait(ticket, atMost: .seconds(arguments.wait))
            // Ended because the client went away: nobody to read the totals for.
            guard !Task.isCancelled else { throw MarketError(.unavailable, "The wait was cancelled.") }
            rating = try await self.rating(of: session)
        } else {
            self.activity.unsubscribe(ticket)
        }
        // The page comes with every answer, news or not: changes the seller made from another
        // session are not activity, and this is how a dashboard still sees them within a wait.
        guard let page = arguments.page else {
            return SellerAPI.AwaitSellerActivity.Result(rating: rating, items: nil)
        }
        return SellerAPI.AwaitSellerActivity.Result(rating: rating, items: try await self.items(page, find: find, of: seller))
    }

    /// Checks a page's arguments (paging, what to find) and returns what to find: `nil` for
    /// every item.
    private static func find(in page: SellerAPI.DisplayItemsForSale.Arguments) throws(MarketError) -> ItemFind? {
        try validated { () throws(FieldError) -> ItemFind? in
            try FieldRules.validatePaging(limit: page.limit, offset: page.offset)
            guard let text = page.find else { return nil }
            return try ItemFind(text)
        }
    }

    private func items(_ page: SellerAPI.DisplayItemsForSale.Arguments, find: ItemFind?, of seller: SellerID) async throws(MarketError) -> Page<Item> {
        try await self.products.sellerItems(seller, limit: page.limit, offset: page.offset, order: page.order, find: find)
    }
}
