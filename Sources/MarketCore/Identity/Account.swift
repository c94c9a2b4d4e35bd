/// What a client learns about its own account at login.
public struct AccountProfile<Tag: AccountTag>: Sendable, Hashable, Codable {
    public var id: AccountID<Tag>
    public var username: String
    public var name: String

    public init(id: AccountID<Tag>, username: String, name: String) {
        self.id = id
        self.username = username
        self.name = name
    }
}

public typealias SellerProfile = AccountProfile<SellerTag>
public typealias BuyerProfile = AccountProfile<BuyerTag>
