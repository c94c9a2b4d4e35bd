import Foundation
import MarketCore
import MarketProtocol
import NIOCore
import Testing

@Suite struct MessageCodingTests {
    private let decoder = RequestDecoder(operations: [
        BuyerAPI.AddItemToCart.name: .decoding(BuyerAPI.AddItemToCart.self),
        BuyerAPI.DisplayCart.name: .decoding(BuyerAPI.DisplayCart.self),
        BuyerAPI.SearchItemsForSale.name: .decoding(BuyerAPI.SearchItemsForSale.self),
        BuyerAPI.MakePurchase.name: .decoding(BuyerAPI.MakePurchase.self),
        BuyerAPI.ProvideFeedback.name: .decoding(BuyerAPI.ProvideFeedback.self),
        SellerAPI.RegisterItemForSale.name: .decoding(SellerAPI.RegisterItemForSale.self),
    ])

    /// A token of the form a server issues, so argument errors are reported as such.
    private static let session = "m9Kx2QvT7pLr4WzYb8NcJd"

    private func decode(_ json: String) -> Result<IncomingRequest, RequestDecodingFailure> {
        self.decoder.decode(ByteBuffer(string: json))
    }

    private func failure(_ json: String) throws -> RequestDecodingFailure {
        guard case .failure(let failure) = self.decode(json) else {
            Issue.record("expected \(json) to fail")
            throw CancellationError()
        }
        return failure
    }

    @Test func decodesATypedRequest() throws {
        let result = self.decode(#"{"id":7,"op":"AddItemToCart","session":"tok","args":{"itemID":{"category":3,"number":17},"quantity":2}}"#)
        let request = try result.get()
        #expect(request.id == 7)
        #expect(request.op == "AddItemToCart")
        #expect(request.session?.rawValue == "tok")
        let arguments = try #require(request.arguments as? BuyerAPI.CartChange)
        #expect(arguments == BuyerAPI.CartChange(itemID: ItemID("3-17")!, quantity: 2))
    }

    @Test func missingArgsMeanEmptyArgsAndDefaultsApply() throws {
        #expect(try self.decode(#"{"id":1,"op":"DisplayCart"}"#).get().arguments is Nothing)
        let search = try #require(try self.decode(#"{"id":1,"op":"SearchItemsForSale","args":{"category":"any"}}"#).get().arguments as? BuyerAPI.SearchItemsForSale.Arguments)
        #expect(search.keywords.isEmpty)
        #expect(search.limit == Paging.defaultLimit)
        #expect(search.offset == 0)
    }

    @Test(arguments: [
        "not json at all", "[1,2,3]", "\"just a string\"", "", "{\"id\":1,", "{\"id\":1,\"op\":\"DisplayCart\"}}",
    ])
    func malformedFramesAreBadRequests(json: String) throws {
        let failure = try self.failure(json)
        #expect(failure.error.code == .badRequest)
    }

    @Test func invalidUTF8IsABadRequest() throws {
        var buffer = ByteBuffer(string: #"{"id":1,"op":"DisplayCart","session":""#)
        buffer.writeBytes([0xC3, 0x28, 0xFF])
        buffer.writeString("\"}")
        guard case .failure(let failure) = self.decoder.decode(buffer) else {
            Issue.record("invalid UTF-8 was accepted")
            return
        }
        #expect(failure.error.code == .badRequest)
    }

    @Test func theIdSurvivesLaterErrors() throws {
        let unknown = try self.failure(#"{"id":9,"op":"Teleport"}"#)
        #expect(unknown.id == 9)
        #expect(unknown.error.code == .unknownOp)

        let noOp = try self.failure(#"{"id":10}"#)
        #expect(noOp.id == 10)
        #expect(noOp.error.code == .badRequest)

        let noID = try self.failure(#"{"op":"DisplayCart"}"#)
        #expect(noID.id == nil)
        #expect(noID.error.field == "id")

        let stringID = try self.failure(#"{"id":"7","op":"DisplayCart"}"#)
        #expect(stringID.id == nil)

        // A number that is no integer of 64 bits, where an integer belongs: that field, not the
        // whole frame, is at fault.
        for (number, path) in [("1.5", "quantity"), ("99999999999999999999", "quantity"), ("2.5e-1", "quantity")] {
            let fraction = try self.failure(#"{"id":11,"op":"AddItemToCart","session":"\#(Self.session)","args":{"itemID":{"category":3,"number":1},"quantity":\#(number)}}"#)
            #expect(fraction.id == 11, "\(number)")
            #expect(fraction.error.code == .invalidArgument, "\(number): \(fraction.error.message)")
            #expect(fraction.error.field == path, "\(number)")
        }
        let nested = try self.failure(#"{"id":12,"op":"AddItemToCart","session":"\#(Self.session)","args":{"itemID":{"category":3.5,"number":1},"quantity":1}}"#)
        #expect(nested.id == 12 && nested.error.field == "itemID.category", "\(nested.error.message)")
        // Arguments read only by `JSONDecoder`, and an id written as a whole number with a fraction.
        let waits = RequestDecoder(operations: [SellerAPI.AwaitSellerActivity.name: .decoding(SellerAPI.AwaitSellerActivity.self)])
        guard case .failure(let wait) = waits.decode(ByteBuffer(string: #"{"id":2.0,"op":"AwaitSellerActivity","session":"\#(Self.session)","args":{"after":1,"page":{"limit":2.5}}}"#)) else {
            Issue.record("a fraction of a page was accepted")
            return
        }
        #expect(wait.id == 2 && wait.error.code == .invalidArgument && wait.error.field == "page.limit", "\(wait)")
        // A boolean is no id, and a boolean is no number that could be at fault.
        let boolean = try self.failure(#"{"id":true,"op":"AddItemToCart","session":"\#(Self.session)","args":{"itemID":{"category":3,"number":1},"quantity":1.5}}"#)
        #expect(boolean.id == nil)
        let sessionless = try self.failure(#"{"id":13,"op":"AddItemToCart","args":{"itemID":{"category":3,"number":1},"quantity":1.5}}"#)
        #expect(sessionless.id == 13)
        #expect(sessionless.error == .noSession)
    }

    @Test func wrongFieldsAreNamedWithTheirPath() throws {
        let wrongType = try self.failure(#"{"id":1,"op":"AddItemToCart","session":"\#(Self.session)","args":{"itemID":{"category":"3","number":1},"quantity":1}}"#)
        #expect(wrongType.id == 1)
        #expect(wrongType.error.code == .invalidArgument)
        #expect(wrongType.error.field == "itemID.category")

        let missing = try self.failure(#"{"id":2,"op":"AddItemToCart","session":"\#(Self.session)","args":{"itemID":{"category":3,"number":1}}}"#)
        #expect(missing.error.field == "quantity")
        #expect(missing.error.message == "Missing field “quantity”.")

        let missingArgs = try self.failure(#"{"id":3,"op":"AddItemToCart","session":"\#(Self.session)"}"#)
        #expect(missingArgs.error.code == .invalidArgument)

        let badMoney = try self.failure(#"{"id":4,"op":"MakePurchase","session":"\#(Self.session)","args":{"card":{"holder":"A","number":5,"expiry":"01/30"}}}"#)
        #expect(badMoney.error.field == "card.number")

        let badCategory = try self.failure(#"{"id":5,"op":"SearchItemsForSale","session":"\#(Self.session)","args":{"category":-4}}"#)
        #expect(badCategory.error.field == "category")

        let badSession = try self.failure(#"{"id":6,"op":"DisplayCart","session":42}"#)
        #expect(badSession.error.field == "session")
    }

    @Test func withoutAUsableSessionArgumentsDoNotMatter() throws {
        let none = try self.failure(#"{"id":1,"op":"AddItemToCart","args":{"itemID":"3-1","quantity":"many"}}"#)
        #expect(none.id == 1)
        #expect(none.error == .noSession)

        let foreign = try self.failure(#"{"id":2,"op":"AddItemToCart","session":"tok","args":{}}"#)
        #expect(foreign.error == .foreignSession)

        // An operation without a session still names the argument at fault.
        let register = RequestDecoder(operations: [BuyerAPI.CreateAccount.name: .decoding(BuyerAPI.CreateAccount.self)])
        guard case .failure(let account) = register.decode(ByteBuffer(string: #"{"id":3,"op":"CreateAccount","args":{"username":7}}"#)) else {
            Issue.record("a numeric username was accepted")
            return
        }
        #expect(account.error.code == .invalidArgument)
    }

    @Test func anUnknownNameListsTheAcceptedOnes() throws {
        let badSort = try self.failure(#"{"id":1,"op":"SearchItemsForSale","session":"\#(Self.session)","args":{"category":"any","sort":"cheapest"}}"#)
        #expect(badSort.error.field == "sort")
        #expect(badSort.error.message.hasPrefix("Field “sort”: must be one of “id”, “name”, "))

        let badCondition = try self.failure(
            #"{"id":2,"op":"RegisterItemForSale","session":"\#(Self.session)","args":{"name":"Mug","category":1,"keywords":[],"condition":"mint","price":"3.00","quantity":1}}"#
        )
        #expect(badCondition.error.field == "condition")
        #expect(badCondition.error.message == "Field “condition”: must be one of “new”, “used”")

        let badVote = try self.failure(#"{"id":3,"op":"ProvideFeedback","session":"\#(Self.session)","args":{"itemID":{"category":1,"number":1},"vote":"meh"}}"#)
        #expect(badVote.error.message == "Field “vote”: must be one of “up”, “down”")
    }

    @Test func responsesRoundTripThroughTheClientDecoder() throws {
        let cart = Cart(lines: [CartLine(itemID: ItemID("1-5")!, name: "Mug ☕", quantity: 2, unitPrice: Money("3.20")!, available: 9, sellerID: SellerID(4))])
        let frame = try WireFormat.frame(OutgoingResponse.success(id: 42, result: cart), allocator: ByteBufferAllocator())
        var payload = frame
        #expect(payload.readInteger(as: UInt32.self) == UInt32(frame.readableBytes - 4))

        let decoder = ResponseDecoder { id in id == 42 ? .decoding(BuyerAPI.DisplayCart.self) : nil }
        let response = try decoder.decode(payload)
        #expect(response.id == 42)
        #expect(try response.outcome.get() as? Cart == cart)

        let failure = try WireFormat.frame(
            OutgoingResponse.failure(id: nil, error: MarketError(.frameTooLarge, "Too big.")),
            allocator: ByteBufferAllocator()
        )
        let json = String(buffer: failure.getSlice(at: 4, length: failure.readableBytes - 4)!)
        #expect(json.contains(#""id":null"#))
        #expect(json.contains(#""ok":false"#))
        var failurePayload = failure
        failurePayload.moveReaderIndex(forwardBy: 4)
        let decoded = try decoder.decode(failurePayload)
        #expect(decoded.id == nil)
        guard case .failure(let error) = decoded.outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .frameTooLarge)
    }

    @Test func accountResultsNameTheRoleOnTheWire() throws {
        func json(_ result: some Encodable & Sendable) throws -> String {
            let frame = try WireFormat.frame(OutgoingResponse.success(id: 1, result: result), allocator: ByteBufferAllocator())
            return String(buffer: frame.getSlice(at: 4, length: frame.readableBytes - 4)!)
        }
        #expect(try json(SellerAPI.CreateAccount.Result(accountID: SellerID(7))) == #"{"id":1,"ok":true,"result":{"sellerID":7}}"#)
        #expect(try json(BuyerAPI.CreateAccount.Result(accountID: BuyerID(8))) == #"{"id":1,"ok":true,"result":{"buyerID":8}}"#)
        let token = SessionToken(rawValue: "abc")
        let login = try json(BuyerAPI.Login.Result(session: token, account: BuyerProfile(id: BuyerID(8), username: "bea", name: "Bea")))
        #expect(login == #"{"id":1,"ok":true,"result":{"session":"abc","buyer":{"id":8,"username":"bea","name":"Bea"}}}"#)

        // And back, through the client's decoder.
        let decoder = ResponseDecoder { _ in .decoding(SellerAPI.Login.self) }
        var frame = try WireFormat.frame(
            OutgoingResponse.success(id: 2, result: SellerAPI.Login.Result(session: token, account: SellerProfile(id: SellerID(7), username: "ada", name: "Ada"))),
            allocator: ByteBufferAllocator()
        )
        frame.moveReaderIndex(forwardBy: 4)
        let decoded = try #require(try decoder.decode(frame).outcome.get() as? SellerAPI.Login.Result)
        #expect(decoded.account.username == "ada" && decoded.session == token)
    }

    @Test func everyOperationNameIsUnique() {
        #expect(Set(SellerAPI.operationNames).count == SellerAPI.operationNames.count)
        #expect(Set(BuyerAPI.operationNames).count == BuyerAPI.operationNames.count)
        #expect(BuyerAPI.operationNames.count == 16, "the fourteen of the assignment, Ping and ListCategories")
        #expect(SellerAPI.operationNames.count == 12, "the eight of the assignment, Ping, ListCategories, AddUnitsForSale and AwaitSellerActivity")
    }
}
