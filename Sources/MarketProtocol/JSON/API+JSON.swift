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

    /// The item's ID is the `item`'s own.
    public init(json: inout JSONReader) throws { self.init(item: try json.readObject(field: "item", Item.self)) }
}

extension SellerAPI.ChangeItemPrice.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("item", self.item) }
    public init(json: inout JSONReader) throws { self.init(item: try json.readObject(field: "item", Item.self)) }
}

extension BuyerAPI.GetItem.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("item", self.item, "seller", self.seller) }

    public init(json: inout JSONReader) throws {
        let (item, seller) = try json.readObject("item", Item.self, "seller", SellerRating.self)
        self.init(item: item, seller: seller)
    }
}

extension BuyerAPI.CartLineState: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("itemID", self.itemID, "quantityInCart", self.quantityInCart) }

    public init(json: inout JSONReader) throws {
        let (itemID, quantityInCart) = try json.readObject("itemID", ItemID.self, "quantityInCart", Int.self)
        self.init(itemID: itemID, quantityInCart: quantityInCart)
    }
}

extension BuyerAPI.SaveCart.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("savedLines", self.savedLines) }
    public init(json: inout JSONReader) throws { self.init(savedLines: try json.readObject(field: "savedLines", Int.self)) }
}

extension BuyerAPI.ProvideFeedback.Result: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.object("itemRating", self.itemRating) }
    public init(json: inout JSONReader) throws { self.init(itemRating: try json.readObject(field: "itemRating", Rating.self)) }
}
