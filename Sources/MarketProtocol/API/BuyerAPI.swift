public import MarketCore

/// The buyer server's operations.
public enum BuyerAPI {
    /// Every buyer operation's wire name, for routing tables and documentation checks.
    public static let operationNames: [String] = [
        Ping.name, CreateAccount.name, Login.name, Logout.name, ListCategories.name, SearchItemsForSale.name, GetItem.name,
        AddItemToCart.name, RemoveItemFromCart.name, SaveCart.name, ClearCart.name, DisplayCart.name,
        MakePurchase.name, ProvideFeedback.name, GetSellerRating.name, GetBuyerPurchases.name,
    ]

    public typealias CreateAccount = AccountAPI<BuyerTag>.CreateAccount
    /// Starts a session whose active cart is a copy of the buyer's saved cart.
    public typealias Login = AccountAPI<BuyerTag>.Login
    /// Ends the calling session and discards its active cart; the saved cart stays.
    public typealias Logout = AccountAPI<BuyerTag>.Logout

    /// Items with units on sale, ranked by matched keywords, then newest first (highest item
    /// number).
    public enum SearchItemsForSale: MarketOperation {
        public static let name = "SearchItemsForSale"
        public static var isIdempotent: Bool { true }
        /// The category (or any) and keywords, a page (`limit`, `offset`), and optionally an
        /// order other than the ranking: on the wire `"sort"` (an ``ItemOrder/Key``) and
        /// `"descending"` (default false).
        public struct Arguments: Sendable, Hashable, Codable {
            public var category: CategoryFilter
            public var keywords: [String]
            public var limit: Int
            public var offset: Int
            public var order: ItemOrder?

            public init(category: CategoryFilter, keywords: [String] = [], limit: Int = Paging.defaultLimit, offset: Int = 0, order: ItemOrder? = nil) {
                self.category = category
                self.keywords = keywords
                self.limit = limit
                self.offset = offset
                self.order = order
            }

            private enum CodingKeys: String, CodingKey {
                case category, keywords, limit, offset, sort, descending
            }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                self.category = try container.decode(CategoryFilter.self, forKey: .category)
                self.keywords = try container.decodeIfPresent([String].self, forKey: .keywords) ?? []
                self.limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? Paging.defaultLimit
                self.offset = try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0
                self.order = try container.decodeOrder(sort: .sort, descending: .descending)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(self.category, forKey: .category)
                try container.encode(self.keywords, forKey: .keywords)
                try container.encode(self.limit, forKey: .limit)
                try container.encode(self.offset, forKey: .offset)
                try container.encode(self.order, sort: .sort, descending: .descending)
            }
        }
        public typealias Result = Page<SearchHit>
    }

    /// One item with its seller's standing.
    public enum GetItem: MarketOperation {
        public static let name = "GetItem"
        public static var isIdempotent: Bool { true }
        public struct Arguments: Sendable, Hashable, Codable {
            public var itemID: ItemID
            public init(itemID: ItemID) { self.itemID = itemID }
        }
        public struct Result: Sendable, Hashable, Codable {
            public var item: Item
            public var seller: SellerRating
            public init(item: Item, seller: SellerRating) {
                self.item = item
                self.seller = seller
            }
        }
    }

    /// Arguments of AddItemToCart and RemoveItemFromCart.
    public struct CartChange: Sendable, Hashable, Codable {
        public var itemID: ItemID
        public var quantity: Int
        public init(itemID: ItemID, quantity: Int) {
            self.itemID = itemID
            self.quantity = quantity
        }
    }

    /// Result of AddItemToCart and RemoveItemFromCart: the line as it now stands.
    public struct CartLineState: Sendable, Hashable, Codable {
        public var itemID: ItemID
        /// Units of the item now in the active cart (0 once the line is gone).
        public var quantityInCart: Int
        public init(itemID: ItemID, quantityInCart: Int) {
            self.itemID = itemID
            self.quantityInCart = quantityInCart
        }
    }

    public enum AddItemToCart: MarketOperation {
        public static let name = "AddItemToCart"
        public typealias Arguments = CartChange
        public typealias Result = CartLineState
    }

    public enum RemoveItemFromCart: MarketOperation {
        public static let name = "RemoveItemFromCart"
        public typealias Arguments = CartChange
        public typealias Result = CartLineState
    }

    /// Replaces the buyer's saved cart with this session's active cart.
    public enum SaveCart: MarketOperation {
        public static let name = "SaveCart"
        public static var isIdempotent: Bool { true }
        public typealias Arguments = Nothing
        public struct Result: Sendable, Hashable, Codable {
            public var savedLines: Int
            public init(savedLines: Int) { self.savedLines = savedLines }
        }
    }

    /// Empties the active cart (the saved cart is untouched).
    public enum ClearCart: MarketOperation {
        public static let name = "ClearCart"
        public static var isIdempotent: Bool { true }
        public typealias Arguments = Nothing
        public typealias Result = Nothing
    }

    public enum DisplayCart: MarketOperation {
        public static let name = "DisplayCart"
        public static var isIdempotent: Bool { true }
        public typealias Arguments = Nothing
        public typealias Result = Cart
    }

    /// Buys the whole active cart at current prices, all or nothing.
    public enum MakePurchase: MarketOperation {
        public static let name = "MakePurchase"
        public struct Arguments: Sendable, Hashable, Codable {
            public var card: PaymentCard
            /// The total the buyer saw and confirmed. When given, a cart that costs anything else
            /// at current prices is refused with `price_changed` and nothing is bought.
            public var expectedTotal: Money?
            public init(card: PaymentCard, expectedTotal: Money? = nil) {
                self.card = card
                self.expectedTotal = expectedTotal
            }
        }
        public typealias Result = Purchase
    }

    /// One thumbs up or down per purchased item and buyer.
    public enum ProvideFeedback: MarketOperation {
        public static let name = "ProvideFeedback"
        public struct Arguments: Sendable, Hashable, Codable {
            public var itemID: ItemID
            public var vote: Vote
            public init(itemID: ItemID, vote: Vote) {
                self.itemID = itemID
                self.vote = vote
            }
        }
        public struct Result: Sendable, Hashable, Codable {
            /// The item's feedback after the vote.
            public var itemRating: Rating
            public init(itemRating: Rating) { self.itemRating = itemRating }
        }
    }

    public enum GetSellerRating: MarketOperation {
        public static let name = "GetSellerRating"
        public static var isIdempotent: Bool { true }
        public struct Arguments: Sendable, Hashable, Codable {
            public var sellerID: SellerID
            public init(sellerID: SellerID) { self.sellerID = sellerID }
        }
        public typealias Result = SellerRating
    }

    /// The buyer's purchase history, newest first, and the units the buyer has bought in all.
    public enum GetBuyerPurchases: MarketOperation {
        public static let name = "GetBuyerPurchases"
        public static var isIdempotent: Bool { true }
        public typealias Arguments = PageRequest
        public typealias Result = PurchaseHistory
    }
}
