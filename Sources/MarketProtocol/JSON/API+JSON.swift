import MarketCore

// The operations' own result types on the JSON fast path; each writes what its Codable
// conformance writes.

extension Nothing: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        try json.skipValue()
        self.init()
    }
}

extension SellerAPI.RegisterItemForSale.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("itemID", self.itemID)
        json.field("item", self.item)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var item: Item?
        try json.readObject { json, key in
            switch key {
            case "item": item = try Item(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(item: try json.required(item, "item"))
    }
}

extension SellerAPI.ChangeItemPrice.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("item", self.item)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var item: Item?
        try json.readObject { json, key in
            switch key {
            case "item": item = try Item(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(item: try json.required(item, "item"))
    }
}

extension BuyerAPI.GetItem.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("item", self.item)
        json.field("seller", self.seller)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var item: Item?
        var seller: SellerRating?
        try json.readObject { json, key in
            switch key {
            case "item": item = try Item(json: &json)
            case "seller": seller = try SellerRating(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(item: try json.required(item, "item"), seller: try json.required(seller, "seller"))
    }
}

extension BuyerAPI.CartLineState: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("itemID", self.itemID)
        json.field("quantityInCart", self.quantityInCart)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var itemID: ItemID?
        var quantity: Int?
        try json.readObject { json, key in
            switch key {
            case "itemID": itemID = try ItemID(json: &json)
            case "quantityInCart": quantity = try Int(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(itemID: try json.required(itemID, "itemID"), quantityInCart: try json.required(quantity, "quantityInCart"))
    }
}

extension BuyerAPI.SaveCart.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("savedLines", self.savedLines)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var saved: Int?
        try json.readObject { json, key in
            switch key {
            case "savedLines": saved = try Int(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(savedLines: try json.required(saved, "savedLines"))
    }
}

extension BuyerAPI.ProvideFeedback.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("itemRating", self.itemRating)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var rating: Rating?
        try json.readObject { json, key in
            switch key {
            case "itemRating": rating = try Rating(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(itemRating: try json.required(rating, "itemRating"))
    }
}
