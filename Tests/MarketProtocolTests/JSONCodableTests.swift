import Foundation
import MarketCore
@testable import MarketProtocol
import NIOCore
import Testing

/// The JSON fast path must be invisible on the wire: every ``JSONWritable`` writes the bytes its
/// `Encodable` conformance writes, and every ``JSONReadable`` reads back what either wrote.
@Suite struct JSONCodableTests {
    static let item = Item(
        id: ItemID("3-17")!, name: "Ölmühle \"Sonne\" / 中文 😀", keywords: ["oil", "olive"], condition: .used,
        price: Money("12.50")!, quantity: 4, rating: Rating(thumbsUp: 3, thumbsDown: 1), sellerID: SellerID(9),
        sellerName: "Back\\slash\ttab\nline\u{01}\u{1F}\u{7F}"
    )
    static let plainItem = Item(
        id: ItemID(category: Category(rawValue: 0)!, number: Int64.max), name: "A", keywords: [], condition: .new,
        price: Money(cents: 1), quantity: 0, sellerID: SellerID(Int64.max), sellerName: ""
    )
    static let seller = SellerRating(sellerID: SellerID(1), name: "Zoë", rating: Rating(thumbsUp: 0, thumbsDown: 12), itemsSold: 1_000_000)
    static let cart = Cart(lines: [
        CartLine(itemID: ItemID("3-17")!, name: "Mug ☕", quantity: 2, unitPrice: Money("3.20")!, available: 0, sellerID: SellerID(9)),
        CartLine(itemID: ItemID("0-1")!, name: "Lamp", quantity: 1, unitPrice: Money("999999.99")!, available: 5, sellerID: SellerID(2)),
    ])
    static let purchase = Purchase(
        id: 5, purchasedAt: Date(timeIntervalSince1970: 1_795_000_000.999),
        lines: [
            PurchaseLine(itemID: ItemID("3-17")!, name: "Mug ☕", sellerID: SellerID(9), quantity: 2, unitPrice: Money("3.20")!, feedback: nil),
            PurchaseLine(itemID: ItemID("0-1")!, name: "Lamp", sellerID: SellerID(2), quantity: 1, unitPrice: Money("0.01")!, feedback: .down),
        ],
        total: Money("6.41")!, cardLast4: "4242"
    )

    /// The written text and the `Encodable` conformance's text through the streaming encoder
    /// (what the servers sent before the fast path) must be the same bytes.
    private func expectSameBytes<Value: JSONWritable & Encodable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var encoded = ByteBuffer()
        try StreamingJSONEncoder.encode(value, into: &encoded)
        var json = JSONWriter(buffer: ByteBuffer())
        value.writeJSON(to: &json)
        #expect(String(buffer: json.buffer) == String(buffer: encoded), sourceLocation: sourceLocation)
    }

    /// Reading gives the value back, from the fast path's text and from Foundation's.
    private func expectRoundTrip<Value: JSONCodable & Codable & Equatable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var json = JSONWriter(buffer: ByteBuffer())
        value.writeJSON(to: &json)
        #expect(try Self.read(Value.self, json.buffer) == value, sourceLocation: sourceLocation)
        let foundation = try WireFormat.makeEncoder().encode(value)
        #expect(try Self.read(Value.self, ByteBuffer(bytes: foundation)) == value, sourceLocation: sourceLocation)
        #expect(try WireFormat.makeDecoder().decode(Value.self, from: Data(json.buffer.readableBytesView)) == value, sourceLocation: sourceLocation)
    }

    static func read<Value: JSONReadable>(_: Value.Type, _ buffer: ByteBuffer) throws -> Value {
        try buffer.withUnsafeReadableBytes { bytes in
            var reader = JSONReader(bytes: bytes)
            let value = try Value(json: &reader)
            try reader.expectEnd()
            return value
        }
    }

    static func read<Value: JSONReadable>(_: Value.Type, _ text: String) throws -> Value {
        try self.read(Value.self, ByteBuffer(string: text))
    }

    @Test func everyResultWritesWhatItsEncodableWrites() throws {
        try self.expectSameBytes(Self.item)
        try self.expectSameBytes(Self.plainItem)
        try self.expectSameBytes(Page(items: [SearchHit(item: Self.item, matchedKeywords: 2), SearchHit(item: Self.plainItem, matchedKeywords: 0)], offset: 0, limit: 20, total: 2))
        try self.expectSameBytes(Page<Item>(items: [], offset: 40, limit: 20, total: 1000, totalIsExact: false))
        try self.expectSameBytes(Page(items: [Self.purchase], offset: 0, limit: 10, total: 1))
        try self.expectSameBytes(PurchaseHistory(purchases: Page(items: [Self.purchase], offset: 10, limit: 10, total: 11), itemsPurchased: 27))
        try self.expectSameBytes(Self.seller)
        try self.expectSameBytes(Self.cart)
        try self.expectSameBytes(Cart.empty)
        try self.expectSameBytes(Money(cents: -1234))
        try self.expectSameBytes(Money(cents: 100_000_000))
        try self.expectSameBytes(Nothing())
        try self.expectSameBytes(SellerAPI.RegisterItemForSale.Result(item: Self.item))
        try self.expectSameBytes(SellerAPI.ChangeItemPrice.Result(item: Self.plainItem))
        try self.expectSameBytes(BuyerAPI.GetItem.Result(item: Self.item, seller: Self.seller))
        try self.expectSameBytes(BuyerAPI.CartLineState(itemID: ItemID("7-70")!, quantityInCart: 0))
        try self.expectSameBytes(BuyerAPI.SaveCart.Result(savedLines: 3))
        try self.expectSameBytes(BuyerAPI.ProvideFeedback.Result(itemRating: Rating(thumbsUp: 1, thumbsDown: 0)))
        try self.expectSameBytes([Int.min, -1, 0, 9, 10, 99, 100, Int.max])
    }

    @Test(arguments: [
        0.0, 0.999, -0.5, 59.999_999, 951_782_400, 1_795_000_000.999, 4_102_444_799, -2_208_988_800, 253_402_300_799,
    ])
    func datesAreWrittenAsFoundationWritesThem(seconds: TimeInterval) throws {
        try self.expectSameBytes(Date(timeIntervalSince1970: seconds))
        // Reading keeps whole seconds, as Foundation's `.iso8601` does.
        var json = JSONWriter(buffer: ByteBuffer())
        Date(timeIntervalSince1970: seconds).writeJSON(to: &json)
        let expected = try WireFormat.makeDecoder().decode(Date.self, from: Data(json.buffer.readableBytesView))
        #expect(try Self.read(Date.self, json.buffer) == expected)
    }

    @Test func everyResultReadsBackFromEitherWriter() throws {
        try self.expectRoundTrip(Self.item)
        try self.expectRoundTrip(Self.plainItem)
        try self.expectRoundTrip(Page(items: [SearchHit(item: Self.item, matchedKeywords: 2)], offset: 20, limit: 20, total: 21))
        try self.expectRoundTrip(Page(items: [Self.item, Self.plainItem], offset: 0, limit: 2, total: 1001, totalIsExact: false))
        try self.expectRoundTrip(Self.seller)
        try self.expectRoundTrip(Self.cart)
        var wholeSeconds = Self.purchase
        wholeSeconds.purchasedAt = Date(timeIntervalSince1970: 1_795_000_000)  // the wire keeps whole seconds
        try self.expectRoundTrip(Page(items: [wholeSeconds], offset: 0, limit: 10, total: 1))
        try self.expectRoundTrip(PurchaseHistory(purchases: Page(items: [wholeSeconds], offset: 0, limit: 10, total: 1), itemsPurchased: 3))
        try self.expectRoundTrip(PurchaseHistory(purchases: Page(items: [], offset: 0, limit: 20, total: 0), itemsPurchased: 0))
        try self.expectRoundTrip(BuyerAPI.GetItem.Result(item: Self.item, seller: Self.seller))
        try self.expectRoundTrip(BuyerAPI.CartLineState(itemID: ItemID("7-70")!, quantityInCart: 3))
        try self.expectRoundTrip(SellerAPI.RegisterItemForSale.Result(item: Self.plainItem))
        try self.expectRoundTrip(BuyerAPI.ProvideFeedback.Result(itemRating: .none))
        try self.expectRoundTrip(Nothing())
    }

    @Test func objectsMayComeInAnyOrderWithUnknownKeysAndWhitespace() throws {
        let text = """
             { "thumbsDown" : 2 ,\t"extra": {"nested": [1, 2.5e-3, -0.0, "x", null, true, false, {}]},
               "thumbsUp":\r\n 7 }
            """
        #expect(try Self.read(Rating.self, text) == Rating(thumbsUp: 7, thumbsDown: 2))
        #expect(try Self.read(PurchaseLine.self, #"{"itemID":{"number":1,"category":2},"name":"x","sellerID":3,"quantity":1,"unitPrice":"1.00","feedback":null}"#).feedback == nil)
        // An escaped key is the key it spells.
        #expect(try Self.read(Rating.self, #"{"thumbs\u0055p":1,"thumbsDown":0}"#) == Rating(thumbsUp: 1, thumbsDown: 0))
    }

    @Test func stringsUnescapeAsJSONSays() throws {
        #expect(try Self.read(String.self, #""a\"b\\c\/d\b\f\n\r\t\u00e9\u20ac\ud83d\ude00""#) == "a\"b\\c/d\u{08}\u{0C}\n\r\té€😀")
        #expect(try Self.read(String.self, #""""#) == "")
        #expect(try Self.read([String].self, #"["東京", "é"]"#) == ["東京", "é"])
    }

    @Test(arguments: [
        (#"{"thumbsUp":1}"#, "missing key \"thumbsDown\""),
        (#"{"thumbsUp":1,"thumbsDown":01}"#, "leading zero"),
        (#"{"thumbsUp":1.5,"thumbsDown":0}"#, "whole number"),
        (#"{"thumbsUp":99999999999999999999,"thumbsDown":0}"#, "out of range"),
        (#"{"thumbsUp":"1","thumbsDown":0}"#, "expected an integer"),
        (#"{"thumbsUp":1,"thumbsDown":0"#, "end of text"),
        (#"{"thumbsUp":1 "thumbsDown":0}"#, "expected , or }"),
        (#"{"thumbsUp":1,"thumbsDown":0,"x":[1,}"#, "unexpected character"),
        (#"{"thumbsUp":1,"thumbsDown":0,"x":"\q"}"#, "unknown escape"),
        (#"{"thumbsUp":1,"thumbsDown":0,"x":"\ud83d"}"#, "unpaired surrogate"),
        (#"{"thumbsUp":1,"thumbsDown":0,"x":tru}"#, "unexpected character"),
        ("{\"thumbsUp\":1,\"thumbsDown\":0,\"x\":\"a\u{01}\"}", "control character"),
        (#"{"thumbsUp":1,"thumbsDown":0,"x":"open}"#, "unterminated string"),
    ])
    func malformedTextIsAnErrorThatSaysWhy(text: String, reason: String) {
        #expect {
            _ = try Self.read(Rating.self, text)
        } throws: { error in
            (error as? JSONReader.Error)?.reason.contains(reason) == true
        }
    }

    @Test func invalidUTF8IsRefused() {
        var buffer = ByteBuffer(string: "\"ok ")
        buffer.writeBytes([0xC3, 0x28])
        buffer.writeString("\"")
        #expect(throws: JSONReader.Error.self) { try Self.read(String.self, buffer) }
    }

    @Test func deepNestingIsRefusedNotFollowed() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONReader.Error.self) { try Self.read(Rating.self, #"{"thumbsUp":1,"thumbsDown":0,"x":\#(deep)}"#) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try Self.read(Rating.self, #"{"thumbsUp":1,"thumbsDown":0,"x":\#(fine)}"#) == Rating(thumbsUp: 1, thumbsDown: 0))
    }

    @Test func unknownEnumValuesAndBadMoneyAreRefused() throws {
        #expect(throws: JSONReader.Error.self) { try Self.read(Condition.self, #""mint""#) }
        #expect(throws: JSONReader.Error.self) { try Self.read(Money.self, #""1.234""#) }
        #expect(throws: JSONReader.Error.self) { try Self.read(Category.self, "-1") }
        #expect(throws: JSONReader.Error.self) { try Self.read(Date.self, #""yesterday""#) }
        #expect(try Self.read(Date.self, #""2026-02-28T12:00:00+01:00""#) == Date(timeIntervalSince1970: 1_772_276_400))
    }
}

/// Requests: clients write them with ``JSONWriter``, servers read them with ``JSONReader``, and
/// both must agree with the `Codable` path byte for byte and value for value.
@Suite struct RequestFastPathTests {
    private static let operations: [String: ArgumentDecoding] = [
        SellerAPI.RegisterItemForSale.name: .decoding(SellerAPI.RegisterItemForSale.self),
        SellerAPI.ChangeItemPrice.name: .decoding(SellerAPI.ChangeItemPrice.self),
        SellerAPI.UpdateUnitsForSale.name: .decoding(SellerAPI.UpdateUnitsForSale.self),
        SellerAPI.AddUnitsForSale.name: .decoding(SellerAPI.AddUnitsForSale.self),
        SellerAPI.DisplayItemsForSale.name: .decoding(SellerAPI.DisplayItemsForSale.self),
        BuyerAPI.CreateAccount.name: .decoding(BuyerAPI.CreateAccount.self),
        BuyerAPI.Login.name: .decoding(BuyerAPI.Login.self),
        BuyerAPI.SearchItemsForSale.name: .decoding(BuyerAPI.SearchItemsForSale.self),
        BuyerAPI.GetItem.name: .decoding(BuyerAPI.GetItem.self),
        BuyerAPI.AddItemToCart.name: .decoding(BuyerAPI.AddItemToCart.self),
        BuyerAPI.DisplayCart.name: .decoding(BuyerAPI.DisplayCart.self),
        BuyerAPI.MakePurchase.name: .decoding(BuyerAPI.MakePurchase.self),
        BuyerAPI.ProvideFeedback.name: .decoding(BuyerAPI.ProvideFeedback.self),
        BuyerAPI.GetSellerRating.name: .decoding(BuyerAPI.GetSellerRating.self),
    ]

    /// Writes `arguments` as a request both ways, compares the bytes, and reads the request back.
    private func expectRoundTrip<Operation: MarketOperation>(
        _: Operation.Type, _ arguments: Operation.Arguments, session: SessionToken? = SessionToken(rawValue: "t\"ok"),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws where Operation.Arguments: Equatable {
        let request = OutgoingRequest<Operation>(id: 42, session: session, arguments: arguments)
        var written = try WireFormat.frame(request, allocator: ByteBufferAllocator())
        #expect(written.readInteger(as: UInt32.self).map(Int.init) == written.readableBytes, sourceLocation: sourceLocation)
        var encoded = ByteBuffer()
        try StreamingJSONEncoder.encode(request, into: &encoded)
        #expect(String(buffer: written) == String(buffer: encoded), sourceLocation: sourceLocation)
        let decoded = try RequestDecoder(operations: Self.operations).decode(written).get()
        #expect(decoded.id == 42, sourceLocation: sourceLocation)
        #expect(decoded.op == Operation.name, sourceLocation: sourceLocation)
        #expect(decoded.session == session, sourceLocation: sourceLocation)
        #expect(decoded.arguments as? Operation.Arguments == arguments, sourceLocation: sourceLocation)
    }

    @Test func everyArgumentTypeWritesAndReadsAsCodableDoes() throws {
        let draft = ItemDraft(name: "Lampe « Öl » 東京", category: Category(rawValue: 7)!, keywords: ["lamp", "oak"], condition: .used, price: Money("19.99")!, quantity: 3)
        try self.expectRoundTrip(SellerAPI.RegisterItemForSale.self, draft)
        try self.expectRoundTrip(SellerAPI.ChangeItemPrice.self, .init(itemID: ItemID("7-1")!, price: Money("0.01")!))
        try self.expectRoundTrip(SellerAPI.UpdateUnitsForSale.self, .init(itemID: ItemID("7-1")!, remove: 2))
        try self.expectRoundTrip(SellerAPI.AddUnitsForSale.self, .init(itemID: ItemID("7-1")!, add: 40))
        try self.expectRoundTrip(SellerAPI.DisplayItemsForSale.self, .init(limit: 50, offset: 100))
        try self.expectRoundTrip(SellerAPI.DisplayItemsForSale.self, .init(limit: 50, offset: 0, order: ItemOrder(.thumbsUp, descending: true)))
        try self.expectRoundTrip(SellerAPI.DisplayItemsForSale.self, .init(order: ItemOrder(.name)))
        try self.expectRoundTrip(BuyerAPI.SearchItemsForSale.self, .init(category: .any, keywords: ["oak"], limit: 20, offset: 40, order: ItemOrder(.seller, descending: true)))
        try self.expectRoundTrip(SellerAPI.DisplayItemsForSale.self, .init(order: ItemOrder(.price), find: "brass lamp"))
        try self.expectRoundTrip(BuyerAPI.CreateAccount.self, CreateAccountArguments(username: "bea", password: "pass\"word\\", name: "Bea Büyer"), session: nil)
        try self.expectRoundTrip(BuyerAPI.Login.self, LoginArguments(username: "bea", password: "pässwörd"), session: nil)
        try self.expectRoundTrip(BuyerAPI.CreateAccount.self, CreateAccountArguments(username: "bea", password: "pw", name: "Bea", role: .buyer), session: nil)
        try self.expectRoundTrip(SellerAPI.Login.self, LoginArguments(username: "sal", password: "pw", role: .seller), session: nil)
        try self.expectRoundTrip(BuyerAPI.SearchItemsForSale.self, .init(category: .any, keywords: ["oak", "lamp"], limit: 20, offset: 0))
        try self.expectRoundTrip(BuyerAPI.SearchItemsForSale.self, .init(category: .only(Category(rawValue: 0)!), keywords: []))
        try self.expectRoundTrip(BuyerAPI.GetItem.self, .init(itemID: ItemID("0-9")!))
        try self.expectRoundTrip(BuyerAPI.AddItemToCart.self, BuyerAPI.CartChange(itemID: ItemID("3-4")!, quantity: 1))
        try self.expectRoundTrip(BuyerAPI.DisplayCart.self, Nothing())
        let card = PaymentCard(holder: "Bea Büyer", number: "4111 1111 1111 1111", expiry: "12/39")
        try self.expectRoundTrip(BuyerAPI.MakePurchase.self, .init(card: card))
        try self.expectRoundTrip(BuyerAPI.MakePurchase.self, .init(card: card, expectedTotal: Money("16.98")!))
        try self.expectRoundTrip(BuyerAPI.ProvideFeedback.self, .init(itemID: ItemID("3-4")!, vote: .down))
        try self.expectRoundTrip(BuyerAPI.GetSellerRating.self, .init(sellerID: SellerID(12)))
    }

    @Test func optionalArgumentsTakeTheirDefaultsAbsentOrNull() throws {
        let decoder = RequestDecoder(operations: Self.operations)
        let search = try decoder.decode(ByteBuffer(string: #"{"id":1,"op":"SearchItemsForSale","session":null,"args":{"category":3,"keywords":null,"limit":null}}"#)).get()
        #expect(search.session == nil)
        #expect(search.arguments as? BuyerAPI.SearchItemsForSale.Arguments == .init(category: .only(Category(rawValue: 3)!), keywords: [], limit: Paging.defaultLimit, offset: 0))
        let page = try decoder.decode(ByteBuffer(string: #"{"args":{},"op":"DisplayItemsForSale","id":2}"#)).get()
        #expect(page.arguments as? SellerAPI.DisplayItemsForSale.Arguments == .init())
        // Without a sort key the list is newest first, whatever "descending" says.
        let unsorted = try decoder.decode(ByteBuffer(string: #"{"args":{"sort":null,"descending":true},"op":"DisplayItemsForSale","id":3}"#)).get()
        #expect(unsorted.arguments as? SellerAPI.DisplayItemsForSale.Arguments == .init())
        let ascending = try decoder.decode(ByteBuffer(string: #"{"args":{"sort":"price"},"op":"DisplayItemsForSale","id":4}"#)).get()
        #expect(ascending.arguments as? SellerAPI.DisplayItemsForSale.Arguments == .init(order: ItemOrder(.price)))
    }

    @Test func requestsTheFastPathCannotReadGetJSONDecodersAnswer() throws {
        let decoder = RequestDecoder(operations: Self.operations)
        // With a token of the form a server issues: without one, arguments do not matter.
        guard case .failure(let wrongType) = decoder.decode(ByteBuffer(string: #"{"id":3,"op":"AddItemToCart","session":"m9Kx2QvT7pLr4WzYb8NcJd","args":{"itemID":{"category":1,"number":2},"quantity":"2"}}"#)) else {
            Issue.record("a string quantity was accepted")
            return
        }
        #expect(wrongType.id == 3)
        #expect(wrongType.error.field == "quantity")
        guard case .failure(let badCategory) = decoder.decode(ByteBuffer(string: #"{"id":4,"op":"SearchItemsForSale","session":"m9Kx2QvT7pLr4WzYb8NcJd","args":{"category":"all"}}"#)) else {
            Issue.record("category \"all\" was accepted")
            return
        }
        #expect(badCategory.error.field == "category")
        guard case .failure(let badSort) = decoder.decode(ByteBuffer(string: #"{"id":5,"op":"DisplayItemsForSale","session":"m9Kx2QvT7pLr4WzYb8NcJd","args":{"sort":"colour"}}"#)) else {
            Issue.record("sort \"colour\" was accepted")
            return
        }
        #expect(badSort.error.code == .invalidArgument)
        #expect(badSort.error.field == "sort")
        guard case .failure(let badDirection) = decoder.decode(ByteBuffer(string: #"{"id":6,"op":"DisplayItemsForSale","session":"m9Kx2QvT7pLr4WzYb8NcJd","args":{"sort":"price","descending":"yes"}}"#)) else {
            Issue.record("descending \"yes\" was accepted")
            return
        }
        #expect(badDirection.error.field == "descending")
    }
}

/// Responses take the fast path when their result allows it, and anything else still decodes as
/// it did through `JSONDecoder`.
@Suite struct ResponseDecoderTests {
    private func decoder(_ decoding: ResultDecoding?) -> ResponseDecoder {
        ResponseDecoder { _ in decoding }
    }

    private func frame(_ response: OutgoingResponse) throws -> ByteBuffer {
        var frame = try WireFormat.frame(response, allocator: ByteBufferAllocator())
        frame.moveReaderIndex(forwardBy: 4)
        return frame
    }

    @Test func aPageOfItemsArrivesWhole() throws {
        let page = Page(items: [SearchHit(item: JSONCodableTests.item, matchedKeywords: 1)], offset: 0, limit: 20, total: 1)
        let response = try self.decoder(.decoding(BuyerAPI.SearchItemsForSale.self)).decode(try self.frame(.success(id: 4, result: page)))
        #expect(response.id == 4)
        #expect(try response.outcome.get() as? Page<SearchHit> == page)
    }

    @Test func failuresAndResultsOffTheFastPathDecodeAsBefore() throws {
        let failure = try self.decoder(nil).decode(try self.frame(.failure(id: 5, error: MarketError(.notFound, "No such item.", field: "itemID"))))
        #expect(failure.id == 5)
        guard case .failure(let error) = failure.outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(error == MarketError(.notFound, "No such item.", field: "itemID"))

        let login = AccountAPI<BuyerTag>.Login.Result(session: SessionToken(rawValue: "tok"), account: BuyerProfile(id: BuyerID(1), username: "bea", name: "Bea"))
        let response = try self.decoder(.decoding(BuyerAPI.Login.self)).decode(try self.frame(.success(id: 6, result: login)))
        #expect(try response.outcome.get() as? AccountAPI<BuyerTag>.Login.Result == login)
    }

    @Test func aResultThatCannotBeReadFailsOnlyItsRequest() throws {
        let frame = ByteBuffer(string: #"{"id":8,"ok":true,"result":{"lines":[{"itemID":"nonsense"}]}}"#)
        #expect {
            _ = try self.decoder(.decoding(BuyerAPI.DisplayCart.self)).decode(frame)
        } throws: { error in
            (error as? ResponseDecoder.MalformedResponse)?.id == 8
        }
    }
}
