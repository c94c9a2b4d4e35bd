public import Foundation
public import MarketCore

// Carts and purchases on the JSON fast path; each writes what its Codable conformance writes.

extension Cart: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("lines", self.lines)
        json.field("totalUnits", self.totalUnits)
        json.field("total", self.total)
        json.fieldIfPresent("isSaved", self.isSaved)
        json.endObject()
    }

    /// The totals are derived from the lines, as `Decodable` derives them.
    public init(json: inout JSONReader) throws {
        var lines: [CartLine]?
        var isSaved: Bool?
        try json.readObject { json, key in
            switch key {
            case "lines": lines = try [CartLine](json: &json)
            case "isSaved": isSaved = try Bool?(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(lines: try json.required(lines, "lines"), isSaved: isSaved)
    }
}

extension CartLine: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("itemID", self.itemID)
        json.field("name", self.name)
        json.field("quantity", self.quantity)
        json.field("unitPrice", self.unitPrice)
        json.field("available", self.available)
        json.field("sellerID", self.sellerID)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var itemID: ItemID?
        var name: String?
        var quantity: Int?
        var unitPrice: Money?
        var available: Int?
        var sellerID: SellerID?
        try json.readObject { json, key in
            switch key {
            case "itemID": itemID = try ItemID(json: &json)
            case "name": name = try String(json: &json)
            case "quantity": quantity = try Int(json: &json)
            case "unitPrice": unitPrice = try Money(json: &json)
            case "available": available = try Int(json: &json)
            case "sellerID": sellerID = try SellerID(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(
            itemID: try json.required(itemID, "itemID"),
            name: try json.required(name, "name"),
            quantity: try json.required(quantity, "quantity"),
            unitPrice: try json.required(unitPrice, "unitPrice"),
            available: try json.required(available, "available"),
            sellerID: try json.required(sellerID, "sellerID")
        )
    }
}

extension Purchase: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", self.id)
        json.field("purchasedAt", self.purchasedAt)
        json.field("lines", self.lines)
        json.field("total", self.total)
        json.field("cardLast4", self.cardLast4)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var id: Int64?
        var purchasedAt: Date?
        var lines: [PurchaseLine]?
        var total: Money?
        var last4: String?
        try json.readObject { json, key in
            switch key {
            case "id": id = try Int64(json: &json)
            case "purchasedAt": purchasedAt = try Date(json: &json)
            case "lines": lines = try [PurchaseLine](json: &json)
            case "total": total = try Money(json: &json)
            case "cardLast4": last4 = try String(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(
            id: try json.required(id, "id"),
            purchasedAt: try json.required(purchasedAt, "purchasedAt"),
            lines: try json.required(lines, "lines"),
            total: try json.required(total, "total"),
            cardLast4: try json.required(last4, "cardLast4")
        )
    }
}

extension PurchaseHistory: JSONCodable {
    /// The page's fields, then `itemsPurchased`.
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        self.purchases.writeFields(to: &json)
        json.field("itemsPurchased", self.itemsPurchased)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var page = Page<Purchase>.Fields()
        var bought: Int?
        try json.readObject { json, key in
            if try page.read(key, from: &json) { return }
            if case "itemsPurchased" = key { bought = try Int(json: &json) } else { try json.skipValue() }
        }
        self.init(purchases: try page.page(json), itemsPurchased: try json.required(bought, "itemsPurchased"))
    }
}

extension PurchaseLine: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.field("itemID", self.itemID)
        json.field("name", self.name)
        json.field("sellerID", self.sellerID)
        json.field("quantity", self.quantity)
        json.field("unitPrice", self.unitPrice)
        json.fieldIfPresent("feedback", self.feedback)
        json.endObject()
    }

    public init(json: inout JSONReader) throws {
        var itemID: ItemID?
        var name: String?
        var sellerID: SellerID?
        var quantity: Int?
        var unitPrice: Money?
        var feedback: Vote?
        try json.readObject { json, key in
            switch key {
            case "itemID": itemID = try ItemID(json: &json)
            case "name": name = try String(json: &json)
            case "sellerID": sellerID = try SellerID(json: &json)
            case "quantity": quantity = try Int(json: &json)
            case "unitPrice": unitPrice = try Money(json: &json)
            case "feedback": feedback = try Vote?(json: &json)
            default: try json.skipValue()
            }
        }
        self.init(
            itemID: try json.required(itemID, "itemID"),
            name: try json.required(name, "name"),
            sellerID: try json.required(sellerID, "sellerID"),
            quantity: try json.required(quantity, "quantity"),
            unitPrice: try json.required(unitPrice, "unitPrice"),
            feedback: feedback
        )
    }
}

extension Date: JSONCodable {
    /// What ``writeJSON(to:)`` writes, before the digits go in.
    private static let pattern: StaticString = "0000-00-00T00:00:00Z"

    /// `2026-11-25T13:02:56Z`: whole seconds in UTC, as Foundation's `.iso8601` strategy writes.
    public func writeJSON(to json: inout JSONWriter) {
        let seconds = Int64(self.timeIntervalSince1970.rounded(.down))
        let civil = CivilTime(secondsSince1970: seconds)
        json.plainString(count: 20) { out in
            out.copyMemory(from: UnsafeRawBufferPointer(start: Self.pattern.utf8Start, count: 20))
            DecimalDigits.write(UInt64(civil.year), into: out, at: 0, count: 4)
            DecimalDigits.write(UInt64(civil.month), into: out, at: 5, count: 2)
            DecimalDigits.write(UInt64(civil.day), into: out, at: 8, count: 2)
            DecimalDigits.write(UInt64(civil.hour), into: out, at: 11, count: 2)
            DecimalDigits.write(UInt64(civil.minute), into: out, at: 14, count: 2)
            DecimalDigits.write(UInt64(civil.second), into: out, at: 17, count: 2)
        }
    }

    /// Reads the form above directly; any other ISO 8601 form (an offset, fractional seconds)
    /// through Foundation's parser.
    public init(json: inout JSONReader) throws {
        let start = json.offset
        let text = try json.readString()
        if let civil = CivilTime(iso8601: text) {
            self.init(timeIntervalSince1970: TimeInterval(civil.secondsSince1970))
        } else if let date = try? Date.ISO8601FormatStyle().parse(text) {
            self = date
        } else {
            throw json.invalid("expected an ISO 8601 date and time such as 2026-11-25T13:02:56Z", at: start)
        }
    }
}

/// A UTC date and time of day in whole seconds, converted with the proleptic Gregorian calendar
/// (Howard Hinnant's days-from-civil algorithms).
struct CivilTime: Hashable {
    var year: Int64
    var month: Int64
    var day: Int64
    var hour: Int64
    var minute: Int64
    var second: Int64

    init(secondsSince1970 seconds: Int64) {
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        self.hour = secondOfDay / 3600
        self.minute = secondOfDay % 3600 / 60
        self.second = secondOfDay % 60
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        self.day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        self.month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.year = yearOfEra + era * 400 + (self.month <= 2 ? 1 : 0)
    }

    /// Parses exactly `yyyy-MM-ddTHH:mm:ssZ`.
    init?(iso8601 text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 20, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"), utf8[10] == UInt8(ascii: "T"),
            utf8[13] == UInt8(ascii: ":"), utf8[16] == UInt8(ascii: ":"), utf8[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in utf8[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        // A day past the end of its month (31 April) does not survive the round trip.
        guard CivilTime(secondsSince1970: self.secondsSince1970) == self else { return nil }
    }

    var secondsSince1970: Int64 {
        let year = self.month <= 2 ? self.year - 1 : self.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let monthIndex = self.month > 2 ? self.month - 3 : self.month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + self.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + self.hour * 3600 + self.minute * 60 + self.second
    }
}
