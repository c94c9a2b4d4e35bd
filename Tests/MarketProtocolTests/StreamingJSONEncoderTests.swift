import Foundation
import MarketCore
import MarketProtocol
import NIOCore
import Testing

/// Frames are written by a streaming encoder; it must write what Foundation's `JSONEncoder`
/// (configured by `WireFormat.makeEncoder()`) writes. Foundation orders keys by hash, the stream
/// in the order they are encoded, so documents are compared after sorting keys.
@Suite struct StreamingJSONEncoderTests {
    private func payload(_ value: some Encodable) throws -> String {
        var frame = try WireFormat.frame(value, allocator: ByteBufferAllocator())
        let length = frame.readInteger(as: UInt32.self)
        #expect(length.map(Int.init) == frame.readableBytes, "the length prefix counts the payload")
        return String(buffer: frame)
    }

    private func normalized(_ json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    private func expectSameAsFoundation(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = String(decoding: try WireFormat.makeEncoder().encode(value), as: UTF8.self)
        let written = try self.payload(value)
        #expect(written.utf8.count == expected.utf8.count, "same text up to key order", sourceLocation: sourceLocation)
        #expect(try self.normalized(written) == self.normalized(expected), "streamed:\n\(written)\nFoundation:\n\(expected)", sourceLocation: sourceLocation)
    }

    static let item = Item(
        id: ItemID("3-17")!, name: "Ölmühle \"Sonne\" / 中文 😀", keywords: ["oil", "olive"], condition: .used,
        price: Money("12.50")!, quantity: 4, rating: Rating(thumbsUp: 3, thumbsDown: 1), sellerID: SellerID(9), sellerName: "Back\\slash\ttab\nline\u{01}\u{1F}"
    )

    @Test func everyKindOfResultMatchesFoundation() throws {
        try self.expectSameAsFoundation(Self.item)
        try self.expectSameAsFoundation(OutgoingResponse.success(id: 7, result: Page(items: [SearchHit(item: Self.item, matchedKeywords: 2)], offset: 0, limit: 20, total: 1)))
        try self.expectSameAsFoundation(OutgoingResponse.success(id: 8, result: Page<SearchHit>(items: [], offset: 40, limit: 20, total: 1000, totalIsExact: false)))
        let purchase = Purchase(
            id: 5, purchasedAt: Date(timeIntervalSince1970: 1_795_000_000.75),
            lines: [
                PurchaseLine(itemID: ItemID("3-17")!, name: "Mug ☕", sellerID: SellerID(9), quantity: 2, unitPrice: Money("3.20")!, feedback: nil),
                PurchaseLine(itemID: ItemID("0-1")!, name: "Lamp", sellerID: SellerID(2), quantity: 1, unitPrice: Money("0.01")!, feedback: .up),
            ],
            total: Money("6.41")!, cardLast4: "4242"
        )
        try self.expectSameAsFoundation(OutgoingResponse.success(id: 9, result: [purchase]))
        try self.expectSameAsFoundation(OutgoingResponse.failure(id: nil, error: MarketError(.invalidArgument, "Name “x” is too long.", field: "name")))
        try self.expectSameAsFoundation(OutgoingResponse.failure(id: 3, error: MarketError(.notFound, "No.")))
        try self.expectSameAsFoundation(SellerRating(sellerID: SellerID(1), name: "A", rating: .none, itemsSold: 0))
    }

    private struct Shapes: Encodable {
        var empty: [Int] = []
        var nested: [[String]] = [[], ["a"], ["b", "c"]]
        var optional: String? = nil
        var present: Int? = -42
        var flag = true
        var real = 1.5
        var small: UInt8 = 255
        var big = Int64.min
        var dictionary = ["only": [1, 2]]
        var nothing = Nothing()
        var data = Data([0, 1, 2, 250])
        var url = URL(string: "https://example.com/a?b=c")!
        var sub = Sub()

        struct Nothing: Encodable {
            func encode(to encoder: any Encoder) throws {}
        }

        /// Asks for its container twice and nests containers by hand, as hand-written
        /// `encode(to:)` implementations may.
        struct Sub: Encodable {
            enum Key: String, CodingKey { case a, b, c, d }
            func encode(to encoder: any Encoder) throws {
                var first = encoder.container(keyedBy: Key.self)
                try first.encode("x", forKey: .a)
                var inner = first.nestedContainer(keyedBy: Key.self, forKey: .b)
                try inner.encode(1, forKey: .a)
                var list = inner.nestedUnkeyedContainer(forKey: .b)
                try list.encode(true)
                try list.encodeNil()
                var again = encoder.container(keyedBy: Key.self)
                try again.encode(2, forKey: .c)
                var items = again.nestedUnkeyedContainer(forKey: .d)
                var element = items.nestedContainer(keyedBy: Key.self)
                try element.encode("deep", forKey: .a)
                try items.encode("after")
            }
        }
    }

    @Test func containersOfEveryShapeMatchFoundation() throws {
        try self.expectSameAsFoundation(Shapes())
        try self.expectSameAsFoundation(["top", "level"])
        try self.expectSameAsFoundation("just a string with \u{7F} and /")
        try self.expectSameAsFoundation(0)
    }

    @Test func keysComeInTheOrderTheyAreEncodedAndEscapesAreFoundations() throws {
        let written = try self.payload(Self.item)
        #expect(written.hasPrefix(#"{"id":{"category":3,"number":17},"name":"Ölmühle \"Sonne\" / 中文 😀","#))
        #expect(written.hasSuffix(#""sellerName":"Back\\slash\ttab\nline\u0001\u001f"}"#))
    }

    @Test func nonFiniteNumbersAreAnErrorNotBrokenJSON() {
        #expect(throws: EncodingError.self) { try WireFormat.frame([Double.nan], allocator: ByteBufferAllocator()) }
        #expect(throws: EncodingError.self) { try WireFormat.frame(["x": Double.infinity], allocator: ByteBufferAllocator()) }
    }
}
