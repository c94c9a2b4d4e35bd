import Foundation
public import MarketCore
import MarketProtocol
public import MarketStore

/// The buyer server's operations.
public struct BuyerService: Sendable {
    let customers: CustomersStore
    let products: ProductsStore
    let accounts: Accounts
    let authenticator: Authenticator
    /// The current month, for card expiry checks; injectable for tests.
    let currentMonth: @Sendable () -> YearMonth

    public init(
        customers: CustomersStore,
        products: ProductsStore,
        hasher: PasswordHasher,
        sessionPolicy: CustomersStore.SessionPolicy,
        sessionCache: SessionCache? = nil,
        currentMonth: @escaping @Sendable () -> YearMonth = BuyerService.utcMonth
    ) {
        self.customers = customers
        self.products = products
        self.accounts = Accounts(customers: customers, role: .buyer, hasher: hasher, policy: sessionPolicy)
        self.authenticator = Authenticator(customers: customers, role: .buyer, policy: sessionPolicy, cache: sessionCache)
        self.currentMonth = currentMonth
    }

    public func makeRouter() -> Router {
        var router = Router(authenticate: self.authenticator.authenticate)

        router.on(Ping.self) { _, _ in Ping.Result(role: .buyer) }

        router.on(ListCategories.self) { _, _, _ throws(MarketError) in
            ListCategories.Result(categories: try await self.products.categoryNames())
        }

        router.on(BuyerAPI.CreateAccount.self) { arguments, _ throws(MarketError) in
            BuyerAPI.CreateAccount.Result(accountID: BuyerID(try await self.accounts.create(arguments)))
        }

        router.on(BuyerAPI.Login.self) { arguments, context throws(MarketError) in
            let login = try await self.accounts.login(arguments)
            let buyer = BuyerID(login.account.accountID)
            do throws(MarketError) {
                // The session exists before its cart: the cart sweeper deletes only carts whose
                // session is gone, so it can never remove this one.
                try await self.products.startCart(session: login.key, buyerID: buyer)
            } catch {
                _ = try? await self.customers.deleteSession(key: login.key)
                throw error
            }
            return BuyerAPI.Login.Result(
                session: login.token,
                account: BuyerProfile(id: buyer, username: login.account.username, name: login.account.name),
                sessionTimeout: self.accounts.sessionTimeoutSeconds
            )
        }

        router.on(BuyerAPI.Logout.self) { _, session, context throws(MarketError) in
            try await self.accounts.logout(session, authenticator: self.authenticator)
            // The session is gone, so its cart is unreachable either way; if this fails the
            // sweeper removes it later.
            do throws(MarketError) {
                try await self.products.clearCart(session: session.key)
            } catch {
                context.logger.notice("cart of ended session left for the sweeper", metadata: ["market.error": "\(error.code)"])
            }
            return Nothing()
        }

        router.on(BuyerAPI.SearchItemsForSale.self) { arguments, _, _ throws(MarketError) in
            let keywords = try validated { () throws(FieldError) in
                try FieldRules.validatePaging(limit: arguments.limit, offset: arguments.offset)
                return try FieldRules.validateSearchKeywords(arguments.keywords)
            }
            return try await self.products.search(
                category: arguments.category,
                keywords: keywords,
                limit: arguments.limit,
                offset: arguments.offset,
                order: arguments.order
            )
        }

        router.on(BuyerAPI.GetItem.self) { arguments, _, _ throws(MarketError) in
            let (item, seller) = try await self.products.itemWithSeller(arguments.itemID)
            return BuyerAPI.GetItem.Result(item: item, seller: seller)
        }

        router.on(BuyerAPI.AddItemToCart.self) { change, session, _ throws(MarketError) in
            try validated { () throws(FieldError) in try FieldRules.validateQuantity(change.quantity, allowZero: false) }
            let quantity = try await self.products.addToCart(session: session.key, item: change.itemID, quantity: change.quantity)
            return BuyerAPI.CartLineState(itemID: change.itemID, quantityInCart: quantity)
        }

        router.on(BuyerAPI.RemoveItemFromCart.self) { change, session, _ throws(MarketError) in
            try validated { () throws(FieldError) in try FieldRules.validateQuantity(change.quantity, allowZero: false) }
            let quantity = try await self.products.removeFromCart(session: session.key, item: change.itemID, quantity: change.quantity)
            return BuyerAPI.CartLineState(itemID: change.itemID, quantityInCart: quantity)
        }

        router.on(BuyerAPI.SaveCart.self) { _, session, _ throws(MarketError) in
            BuyerAPI.SaveCart.Result(
                savedLines: try await self.products.saveCart(session: session.key, buyerID: BuyerID(session.owner.accountID))
            )
        }

        router.on(BuyerAPI.ClearCart.self) { _, session, _ throws(MarketError) in
            try await self.products.clearCart(session: session.key)
            return Nothing()
        }

        router.on(BuyerAPI.DisplayCart.self) { _, session, _ throws(MarketError) in
            try await self.products.cart(session: session.key, buyerID: BuyerID(session.owner.accountID))
        }

        router.on(BuyerAPI.MakePurchase.self) { arguments, session, _ throws(MarketError) in
            let card = try validated { () throws(FieldError) in
                try FieldRules.validateCard(arguments.card, currentMonth: self.currentMonth())
            }
            return try await self.products.purchase(
                session: session.key,
                buyerID: BuyerID(session.owner.accountID),
                cardHolder: card.holder,
                cardLast4: card.last4,
                expectedTotal: arguments.expectedTotal
            )
        }

        router.on(BuyerAPI.ProvideFeedback.self) { arguments, session, _ throws(MarketError) in
            let rating = try await self.products.provideFeedback(
                buyerID: BuyerID(session.owner.accountID),
                item: arguments.itemID,
                vote: arguments.vote
            )
            return BuyerAPI.ProvideFeedback.Result(itemRating: rating)
        }

        router.on(BuyerAPI.GetSellerRating.self) { arguments, _, _ throws(MarketError) in
            let seller = arguments.sellerID
            async let name = Result.capturing { () throws(MarketError) in try await self.customers.accountName(id: seller.rawValue, role: .seller) }
            async let totals = Result.capturing { () throws(MarketError) in try await self.products.sellerTotals(seller) }
            guard let found = try await name.get() else {
                throw MarketError(.notFound, "There is no seller \(seller).", field: "sellerID")
            }
            let (rating, sold) = try await totals.get()
            return SellerRating(sellerID: seller, name: found, rating: rating, itemsSold: sold)
        }

        router.on(BuyerAPI.GetBuyerPurchases.self) { page, session, _ throws(MarketError) in
            try validated { () throws(FieldError) in try FieldRules.validatePaging(limit: page.limit, offset: page.offset) }
            return try await self.products.purchases(buyerID: BuyerID(session.owner.accountID), limit: page.limit, offset: page.offset)
        }

        return router
    }

    /// The current month in UTC.
    @Sendable public static func utcMonth() -> YearMonth {
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return YearMonth(year: components.year ?? 2000, month: components.month ?? 1)
    }
}
