public import MarketCore

/// The seller server's operations.
public enum SellerAPI {
    /// Every seller operation's wire name, for routing tables and documentation checks.
    public static let operationNames: [String] = [
        Ping.name, CreateAccount.name, Login.name, Logout.name, ListCategories.name, GetSellerRating.name,
        RegisterItemForSale.name, ChangeItemPrice.name, UpdateUnitsForSale.name, AddUnitsForSale.name,
        DisplayItemsForSale.name, AwaitSellerActivity.name,
    ]

    public typealias CreateAccount = AccountAPI<SellerTag>.CreateAccount
    public typealias Login = AccountAPI<SellerTag>.Login
    /// Ends the calling session only; the seller's other sessions stay.
    public typealias Logout = AccountAPI<SellerTag>.Logout

    /// The calling seller's own feedback totals and items sold.
    public enum GetSellerRating: MarketOperation {
        public static let name = "GetSellerRating"
        public static var isIdempotent: Bool { true }
        public typealias Arguments = Nothing
        public typealias Result = SellerRating
    }

    public enum RegisterItemForSale: MarketOperation {
        public static let name = "RegisterItemForSale"
        public typealias Arguments = ItemDraft
        public struct Result: Sendable, Hashable, Codable {
            public var itemID: ItemID
            public var item: Item
            public init(item: Item) {
                self.itemID = item.id
                self.item = item
            }
        }
    }

    public enum ChangeItemPrice: MarketOperation {
        public static let name = "ChangeItemPrice"
        public static var isIdempotent: Bool { true }
        public struct Arguments: Sendable, Hashable, Codable {
            public var itemID: ItemID
            public var price: Money
            public init(itemID: ItemID, price: Money) {
                self.itemID = itemID
                self.price = price
            }
        }
        public struct Result: Sendable, Hashable, Codable {
            public var item: Item
            public init(item: Item) { self.item = item }
        }
    }

    /// Takes units off sale. Never below zero: asking for more than remain is an error.
    public enum UpdateUnitsForSale: MarketOperation {
        public static let name = "UpdateUnitsForSale"
        public struct Arguments: Sendable, Hashable, Codable {
            public var itemID: ItemID
            /// Units to remove from sale, at least 1.
            public var remove: Int
            public init(itemID: ItemID, remove: Int) {
                self.itemID = itemID
                self.remove = remove
            }
        }
        public typealias Result = ChangeItemPrice.Result
    }

    /// Puts more units of an item on sale (restocking it; one that had none is found by searches
    /// again), up to ``FieldRules/maximumQuantity`` on sale in all.
    public enum AddUnitsForSale: MarketOperation {
        public static let name = "AddUnitsForSale"
        public struct Arguments: Sendable, Hashable, Codable {
            public var itemID: ItemID
            /// Units to put on sale, at least 1.
            public var add: Int
            public init(itemID: ItemID, add: Int) {
                self.itemID = itemID
                self.add = add
            }
        }
        public typealias Result = ChangeItemPrice.Result
    }

    /// The seller's items, including those with no units left: newest first, or in the order
    /// asked for.
    public enum DisplayItemsForSale: MarketOperation {
        public static let name = "DisplayItemsForSale"
        public static var isIdempotent: Bool { true }
        public typealias Result = Page<Item>

        /// A page of the list (`limit`, `offset`), optionally only the items `find` finds
        /// (``ItemFind``), and optionally in an order: on the wire `"sort"` (an
        /// ``ItemOrder/Key``) and `"descending"` (default false). Without `"sort"` the list is
        /// newest first and `"descending"` is ignored.
        public struct Arguments: Sendable, Hashable, Codable {
            public var limit: Int
            public var offset: Int
            public var order: ItemOrder?
            /// What to find, as typed; checked by the server (``FieldRules/find``).
            public var find: String?

            public init(limit: Int = Paging.defaultLimit, offset: Int = 0, order: ItemOrder? = nil, find: String? = nil) {
                self.limit = limit
                self.offset = offset
                self.order = order
                self.find = find
            }

            private enum CodingKeys: String, CodingKey {
                case limit, offset, sort, descending, find
            }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                self.limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? Paging.defaultLimit
                self.offset = try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0
                self.order = try container.decodeOrder(sort: .sort, descending: .descending)
                self.find = try container.decodeIfPresent(String.self, forKey: .find)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(self.limit, forKey: .limit)
                try container.encode(self.offset, forKey: .offset)
                try container.encode(self.order, sort: .sort, descending: .descending)
                try container.encodeIfPresent(self.find, forKey: .find)
            }
        }
    }

    /// Waits until something happens to the calling seller — units sold, votes received, by any
    /// buyer on any server — or `wait` seconds pass, then answers with the seller's rating and,
    /// when `page` is given, that page of the seller's items (as DisplayItemsForSale), read as
    /// the wait ends, news or not: the seller's own changes from another session are not news, but
    /// show in the next answer. Answers at once when the rating's ``SellerRating/activity``
    /// already differs from `after`. A live dashboard keeps one waiting. It does not count as the session's activity: an unattended
    /// dashboard's session still expires, and the wait then answers `session_expired`.
    public enum AwaitSellerActivity: MarketOperation {
        public static let name = "AwaitSellerActivity"
        public static var isIdempotent: Bool { true }
        public static var countsAsActivity: Bool { false }

        /// How long a wait may be asked for, in seconds, and the default.
        public static let waitRange = 1...60
        public static let defaultWait = 25

        public struct Arguments: Sendable, Hashable, Codable {
            /// The activity the caller last saw (``SellerRating/activity``).
            public var after: Int
            /// Seconds to wait at most, in ``waitRange``.
            public var wait: Int
            /// The page of items to send with the answer, if any.
            public var page: DisplayItemsForSale.Arguments?

            public init(after: Int, wait: Int = AwaitSellerActivity.defaultWait, page: DisplayItemsForSale.Arguments? = nil) {
                self.after = after
                self.wait = wait
                self.page = page
            }

            private enum CodingKeys: String, CodingKey {
                case after, wait, page
            }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                self.after = try container.decode(Int.self, forKey: .after)
                self.wait = try container.decodeIfPresent(Int.self, forKey: .wait) ?? AwaitSellerActivity.defaultWait
                self.page = try container.decodeIfPresent(DisplayItemsForSale.Arguments.self, forKey: .page)
            }
        }

        public struct Result: Sendable, Hashable, Codable {
            public var rating: SellerRating
            /// The page asked for, as it is when the wait ends (nil when no page was asked for).
            public var items: Page<Item>?

            public init(rating: SellerRating, items: Page<Item>?) {
                self.rating = rating
                self.items = items
            }
        }
    }
}
