public import MarketCore

// Requests' arguments on the JSON fast path: clients write them with ``JSONWriter``, servers read
// them with ``JSONReader``. Each writes what its Codable conformance writes and reads what it
// reads, defaults included; a request the fast path cannot read goes to `JSONDecoder`, whose
// error names the field (see ``RequestDecoder``).

extension SessionToken: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.string(self.rawValue) }
    public init(json: inout JSONReader) throws { self.init(rawValue: try json.readString()) }
}

extension CategoryFilter: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        switch self {
        case .any: json.string("any")
        case .only(let category): category.writeJSON(to: &json)
        }
    }

    /// `"any"` or a category number.
    public init(json: inout JSONReader) throws {
        let start = json.offset
        if try json.nextIsString() {
            let text = try json.readString()
            guard text == "any" else { throw json.invalid(#"category must be a non-negative integer or "any""#, at: start) }
            self = .any
        } else {
            self = .only(try Category(json: &json))
        }
    }
}

extension PaymentCard: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("holder", self.holder, "number", self.number, "expiry", self.expiry) }

    public init(json: inout JSONReader) throws {
        let (holder, number, expiry) = try json.readObject("holder", String.self, "number", String.self, "expiry", String.self)
        self.init(holder: holder, number: number, expiry: expiry)
    }
}

extension ItemDraft: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("name", self.name)
        json.field("category", self.category)
        json.field("keywords", self.keywords)
        json.field("condition", self.condition)
        json.field("price", self.price)
        json.field("quantity", self.quantity)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var name: String?
        var category: Category?
        var keywords: [String]?
        var condition: Condition?
        var price: Money?
        var quantity: Int?
        try json.readObject { json, key in
            switch key {
            case "name": name = try String(json: &json)
            case "category": category = try Category(json: &json)
            case "keywords": keywords = try [String](json: &json)
            case "condition": condition = try Condition(json: &json)
            case "price": price = try Money(json: &json)
            case "quantity": quantity = try Int(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(
            name: try json.required(name, "name"),
            category: try json.required(category, "category"),
            keywords: try json.required(keywords, "keywords"),
            condition: try json.required(condition, "condition"),
            price: try json.required(price, "price"),
            quantity: try json.required(quantity, "quantity")
        )
    }
}

extension PageRequest: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("limit", self.limit)
        json.field("offset", self.offset)
        json.endObject()
    }

    /// Both are optional (absent or null), as in `Decodable`.
    public init(json: inout JSONReader) throws {
        var limit: Int?
        var offset: Int?
        try json.readObject { json, key in
            switch key {
            case "limit": limit = try Int?(json: &json)
            case "offset": offset = try Int?(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(limit: limit ?? Paging.defaultLimit, offset: offset ?? 0)
    }
}

extension SellerAPI.DisplayItemsForSale.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("limit", self.limit)
        json.field("offset", self.offset)
        json.fields(of: self.order)
        json.fieldIfPresent("find", self.find)
        json.endObject()
    }

    /// Every field is optional (absent or null), as in `Decodable`.
    public init(json: inout JSONReader) throws {
        var limit: Int?
        var offset: Int?
        var key: ItemOrder.Key?
        var descending: Bool?
        var find: String?
        try json.readObject { json, name in
            switch name {
            case "limit": limit = try Int?(json: &json)
            case "offset": offset = try Int?(json: &json)
            case "sort": key = try ItemOrder.Key?(json: &json)
            case "descending": descending = try Bool?(json: &json)
            case "find": find = try String?(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(limit: limit ?? Paging.defaultLimit, offset: offset ?? 0, order: ItemOrder(sort: key, descending: descending), find: find)
    }
}

extension CreateAccountArguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("username", self.username)
        json.field("password", self.password)
        json.field("name", self.name)
        json.fieldIfPresent("role", self.role)
        json.endObject()
    }

    /// Username, password and name are required; the role is optional.
    public init(json: inout JSONReader) throws {
        var username: String?
        var password: String?
        var name: String?
        var role: Role?
        try json.readObject { json, key in
            switch key {
            case "username": username = try String(json: &json)
            case "password": password = try String(json: &json)
            case "name": name = try String(json: &json)
            case "role": role = try Role?(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(
            username: try json.required(username, "username"),
            password: try json.required(password, "password"),
            name: try json.required(name, "name"),
            role: role
        )
    }
}

extension LoginArguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("username", self.username)
        json.field("password", self.password)
        json.fieldIfPresent("role", self.role)
        json.endObject()
    }

    /// Username and password are required; the role is optional.
    public init(json: inout JSONReader) throws {
        var username: String?
        var password: String?
        var role: Role?
        try json.readObject { json, key in
            switch key {
            case "username": username = try String(json: &json)
            case "password": password = try String(json: &json)
            case "role": role = try Role?(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(username: try json.required(username, "username"), password: try json.required(password, "password"), role: role)
    }
}

extension SellerAPI.ChangeItemPrice.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("itemID", self.itemID, "price", self.price) }

    public init(json: inout JSONReader) throws {
        let (itemID, price) = try json.readObject("itemID", ItemID.self, "price", Money.self)
        self.init(itemID: itemID, price: price)
    }
}

extension SellerAPI.UpdateUnitsForSale.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("itemID", self.itemID, "remove", self.remove) }

    public init(json: inout JSONReader) throws {
        let (itemID, remove) = try json.readObject("itemID", ItemID.self, "remove", Int.self)
        self.init(itemID: itemID, remove: remove)
    }
}

extension SellerAPI.AddUnitsForSale.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("itemID", self.itemID, "add", self.add) }

    public init(json: inout JSONReader) throws {
        let (itemID, add) = try json.readObject("itemID", ItemID.self, "add", Int.self)
        self.init(itemID: itemID, add: add)
    }
}

extension BuyerAPI.SearchItemsForSale.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("category", self.category)
        json.field("keywords", self.keywords)
        json.field("limit", self.limit)
        json.field("offset", self.offset)
        json.fields(of: self.order)
        json.endObject()
    }

    /// The category is required; keywords, limit, offset and the order are optional, as in
    /// `Decodable`.
    public init(json: inout JSONReader) throws {
        var category: CategoryFilter?
        var keywords: [String]?
        var limit: Int?
        var offset: Int?
        var key: ItemOrder.Key?
        var descending: Bool?
        try json.readObject { json, name in
            switch name {
            case "category": category = try CategoryFilter(json: &json)
            case "keywords": keywords = try [String]?(json: &json)
            case "limit": limit = try Int?(json: &json)
            case "offset": offset = try Int?(json: &json)
            case "sort": key = try ItemOrder.Key?(json: &json)
            case "descending": descending = try Bool?(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(
            category: try json.required(category, "category"),
            keywords: keywords ?? [],
            limit: limit ?? Paging.defaultLimit,
            offset: offset ?? 0,
            order: ItemOrder(sort: key, descending: descending)
        )
    }
}

extension BuyerAPI.GetItem.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("itemID", self.itemID) }
    public init(json: inout JSONReader) throws { self.init(itemID: try json.readObject(field: "itemID", ItemID.self)) }
}

extension BuyerAPI.CartChange: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("itemID", self.itemID, "quantity", self.quantity) }

    public init(json: inout JSONReader) throws {
        let (itemID, quantity) = try json.readObject("itemID", ItemID.self, "quantity", Int.self)
        self.init(itemID: itemID, quantity: quantity)
    }
}

extension BuyerAPI.MakePurchase.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("card", self.card)
        json.fieldIfPresent("expectedTotal", self.expectedTotal)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var card: PaymentCard?
        var expectedTotal: Money?
        try json.readObject { json, key in
            switch key {
            case "card": card = try PaymentCard(json: &json)
            case "expectedTotal": expectedTotal = try Money?(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(card: try json.required(card, "card"), expectedTotal: expectedTotal)
    }
}

extension BuyerAPI.ProvideFeedback.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("itemID", self.itemID, "vote", self.vote) }

    public init(json: inout JSONReader) throws {
        let (itemID, vote) = try json.readObject("itemID", ItemID.self, "vote", Vote.self)
        self.init(itemID: itemID, vote: vote)
    }
}

extension BuyerAPI.GetSellerRating.Arguments: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("sellerID", self.sellerID) }
    public init(json: inout JSONReader) throws { self.init(sellerID: try json.readObject(field: "sellerID", SellerID.self)) }
}
