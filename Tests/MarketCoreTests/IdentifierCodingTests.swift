import Foundation
import MarketCore
import Testing

@Suite struct IdentifierCodingTests {
    @Test func itemIDsReadAndPrint() throws {
        let id = try #require(ItemID("3-17"))
        #expect(id == ItemID(category: Category(rawValue: 3)!, number: 17))
        #expect(id.description == "3-17")
        #expect(ItemID("-3-17") == nil)
        #expect(ItemID("3-0") == nil)
        #expect(ItemID("x-1") == nil)
        let json = try JSONEncoder().encode(id)
        #expect(try JSONDecoder().decode(ItemID.self, from: json) == id)
    }

    @Test func categoryFilterIsANumberOrAny() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(CategoryFilter.self, from: Data(#""any""#.utf8)) == .any)
        #expect(try decoder.decode(CategoryFilter.self, from: Data("4".utf8)) == .only(Category(rawValue: 4)!))
        #expect(throws: DecodingError.self) { try decoder.decode(CategoryFilter.self, from: Data("-1".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(CategoryFilter.self, from: Data(#""all""#.utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(CategoryFilter.self, from: Data("4294967296".utf8)) }
    }

    @Test func moneyIsAStringOnTheWire() throws {
        #expect(String(decoding: try JSONEncoder().encode(Money(cents: 1999)), as: UTF8.self) == #""19.99""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: Data("19.99".utf8)) }
    }

    @Test func sessionTokensNeverPrintInFull() {
        let token = SessionToken(rawValue: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
        #expect(token.isWellFormed)
        #expect(!"\(token)".contains("ghijkl"))
        #expect(!SessionToken(rawValue: "short").isWellFormed)
        #expect(!SessionToken(rawValue: String(repeating: "a", count: 20) + "/").isWellFormed)
    }

    @Test func cartTotalsAreRecomputed() throws {
        let line = CartLine(itemID: ItemID("1-2")!, name: "Cup", quantity: 3, unitPrice: Money("2.50")!, available: 5, sellerID: SellerID(1))
        let cart = Cart(lines: [line, line])
        #expect(cart.total.description == "15.00")
        #expect(cart.totalUnits == 6)
        let json = String(decoding: try JSONEncoder().encode(cart), as: UTF8.self)
        #expect(json.contains(#""total":"15.00""#))
    }
}
