public import MarketCore

// The catalogue's types on the JSON fast path; each writes what its Codable conformance writes.

extension Category: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.integer(self.rawValue) }

    public init(json: inout JSONReader) throws {
        let start = json.offset
        guard let category = Category(rawValue: try json.readInteger(Int32.self)) else {
            throw json.invalid("category must be an integer from 0 to \(Category.maximum)", at: start)
        }
        self = category
    }
}

extension ItemID: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("category", self.category, "number", self.number) }

    public init(json: inout JSONReader) throws {
        let (category, number) = try json.readObject("category", Category.self, "number", Int64.self)
        self.init(category: category, number: number)
    }
}

extension AccountID: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.integer(self.rawValue) }
    public init(json: inout JSONReader) throws { self.init(rawValue: try json.readInteger()) }
}

extension Money: JSONCodable {
    /// `"12.50"`, as ``Money/description`` spells it.
    public func writeJSON(to json: inout JSONWriter) {
        let sign = self.cents < 0 ? 1 : 0
        let magnitude = UInt64(self.cents.magnitude)
        let digits = DecimalDigits.count(magnitude / 100)
        json.plainString(count: sign + digits + 3) { out in
            if sign == 1 { out[0] = UInt8(ascii: "-") }
            DecimalDigits.write(magnitude / 100, into: out, at: sign, count: digits)
            out[sign + digits] = UInt8(ascii: ".")
            DecimalDigits.write(magnitude % 100, into: out, at: sign + digits + 1, count: 2)
        }
    }

    public init(json: inout JSONReader) throws {
        let start = json.offset
        guard let money = Money(try json.readString()) else {
            throw json.invalid(#"money must be a decimal string with at most two fraction digits, e.g. "12.50""#, at: start)
        }
        self = money
    }
}

extension Condition: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.string(self.rawValue) }
    public init(json: inout JSONReader) throws { self = try json.readEnum(Condition.self) }
}

extension ItemOrder.Key: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.string(self.rawValue) }
    public init(json: inout JSONReader) throws { self = try json.readEnum(ItemOrder.Key.self) }
}

extension Role: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.string(self.rawValue) }
    public init(json: inout JSONReader) throws { self = try json.readEnum(Role.self) }
}

extension Vote: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.string(self.rawValue) }
    public init(json: inout JSONReader) throws { self = try json.readEnum(Vote.self) }
}

extension Rating: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("thumbsUp", self.thumbsUp, "thumbsDown", self.thumbsDown) }

    public init(json: inout JSONReader) throws {
        let (thumbsUp, thumbsDown) = try json.readObject("thumbsUp", Int.self, "thumbsDown", Int.self)
        self.init(thumbsUp: thumbsUp, thumbsDown: thumbsDown)
    }
}

extension Item: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", self.id)
        json.field("name", self.name)
        json.field("keywords", self.keywords)
        json.field("condition", self.condition)
        json.field("price", self.price)
        json.field("quantity", self.quantity)
        json.field("rating", self.rating)
        json.field("sellerID", self.sellerID)
        json.field("sellerName", self.sellerName)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var id: ItemID?
        var name: String?
        var keywords: [String]?
        var condition: Condition?
        var price: Money?
        var quantity: Int?
        var rating: Rating?
        var sellerID: SellerID?
        var sellerName: String?
        try json.readObject { json, key in
            switch key {
            case "id": id = try ItemID(json: &json)
            case "name": name = try String(json: &json)
            case "keywords": keywords = try [String](json: &json)
            case "condition": condition = try Condition(json: &json)
            case "price": price = try Money(json: &json)
            case "quantity": quantity = try Int(json: &json)
            case "rating": rating = try Rating(json: &json)
            case "sellerID": sellerID = try SellerID(json: &json)
            case "sellerName": sellerName = try String(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(
            id: try json.required(id, "id"),
            name: try json.required(name, "name"),
            keywords: try json.required(keywords, "keywords"),
            condition: try json.required(condition, "condition"),
            price: try json.required(price, "price"),
            quantity: try json.required(quantity, "quantity"),
            rating: try json.required(rating, "rating"),
            sellerID: try json.required(sellerID, "sellerID"),
            sellerName: try json.required(sellerName, "sellerName")
        )
    }
}

extension SearchHit: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("item", self.item, "matchedKeywords", self.matchedKeywords) }

    public init(json: inout JSONReader) throws {
        let (item, matchedKeywords) = try json.readObject("item", Item.self, "matchedKeywords", Int.self)
        self.init(item: item, matchedKeywords: matchedKeywords)
    }
}

extension SellerRating: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("sellerID", self.sellerID)
        json.field("name", self.name)
        json.field("rating", self.rating)
        json.field("itemsSold", self.itemsSold)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var sellerID: SellerID?
        var name: String?
        var rating: Rating?
        var sold: Int?
        try json.readObject { json, key in
            switch key {
            case "sellerID": sellerID = try SellerID(json: &json)
            case "name": name = try String(json: &json)
            case "rating": rating = try Rating(json: &json)
            case "itemsSold": sold = try Int(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(
            sellerID: try json.required(sellerID, "sellerID"),
            name: try json.required(name, "name"),
            rating: try json.required(rating, "rating"),
            itemsSold: try json.required(sold, "itemsSold")
        )
    }
}

extension Page: JSONWritable where Element: JSONWritable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        self.writeFields(to: &json)
        json.endObject()
    }

    /// The page's fields without the braces, for an object that is a page with more fields.
    func writeFields(to json: inout JSONWriter) {
        json.field("items", elements: self.items)
        json.field("offset", self.offset)
        json.field("limit", self.limit)
        json.field("total", self.total)
        json.field("totalIsExact", self.totalIsExact)
    }
}

extension Page: JSONReadable where Element: JSONReadable {
    public init(json: inout JSONReader) throws {
        var fields = Fields()
        try json.readObject { json, key in
            if try !fields.read(key, from: &json) { try json.skipValue() }
        }
        self = try fields.page(json)
    }

    /// A page's fields as an object's keys come, for an object that is a page with more fields.
    struct Fields {
        private var items: [Element]?
        private var offset: Int?
        private var limit: Int?
        private var total: Int?
        private var exact: Bool?

        /// Reads `key`'s value if it is one of a page's; false (nothing read) otherwise.
        mutating func read(_ key: JSONKey, from json: inout JSONReader) throws -> Bool {
            switch key {
            case "items": self.items = try json.readArray(of: Element.self)
            case "offset": self.offset = try Int(json: &json)
            case "limit": self.limit = try Int(json: &json)
            case "total": self.total = try Int(json: &json)
            case "totalIsExact": self.exact = try Bool(json: &json)
            default: return false
            }
            return true
        }

        /// The page, or the error naming a missing field.
        func page(_ json: borrowing JSONReader) throws -> Page {
            Page(
                items: try json.required(self.items, "items"),
                offset: try json.required(self.offset, "offset"),
                limit: try json.required(self.limit, "limit"),
                total: try json.required(self.total, "total"),
                totalIsExact: try json.required(self.exact, "totalIsExact")
            )
        }
    }
}
