public import MarketCore

/// The seller server's operations.
public enum SellerAPI {
    /// Every seller operation's wire name, for routing tables and documentation checks.
    public static let operationNames: [String] = [
        Ping.name, CreateAccount.name, Login.name, Logout.name, GetSellerRating.name,
        RegisterItemForSale.name, ChangeItemPrice.name, UpdateUnitsForSale.name, DisplayItemsForSale.name,
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

    /// The seller's items, including those with no units left: newest first, or in the order
    /// asked for.
    public enum DisplayItemsForSale: MarketOperation {
        public static let name = "DisplayItemsForSale"
        public static var isIdempotent: Bool { true }
        public typealias Result = Page<Item>

        /// A page of the list (`limit`, `offset`) and, optionally, its order: on the wire `"sort"`
        /// (an ``ItemOrder/Key``) and `"descending"` (default false). Without `"sort"` the list
        /// is newest first and `"descending"` is ignored.
        public struct Arguments: Sendable, Hashable, Codable {
            public var limit: Int
            public var offset: Int
            public var order: ItemOrder?

            public init(limit: Int = Paging.defaultLimit, offset: Int = 0, order: ItemOrder? = nil) {
                self.limit = limit
                self.offset = offset
                self.order = order
            }

            private enum CodingKeys: String, CodingKey {
                case limit, offset, sort, descending
            }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                self.limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? Paging.defaultLimit
                self.offset = try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0
                let descending = try container.decodeIfPresent(Bool.self, forKey: .descending) ?? false
                self.order = try container.decodeIfPresent(ItemOrder.Key.self, forKey: .sort).map { ItemOrder($0, descending: descending) }
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(self.limit, forKey: .limit)
                try container.encode(self.offset, forKey: .offset)
                try container.encodeIfPresent(self.order?.key, forKey: .sort)
                if let order = self.order { try container.encode(order.descending, forKey: .descending) }
            }
        }
    }
}
