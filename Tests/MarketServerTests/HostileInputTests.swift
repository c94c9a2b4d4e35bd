import Foundation
import MarketClient
import MarketCore
import MarketTesting
import NIOCore
import NIOPosix
import Testing

@Suite(.timeLimit(.minutes(2))) struct HostileInputTests {
    @Test func badFramesGetErrorsAndTheConnectionKeepsServing() async throws {
        try await TestMarket.with { market in
            let connection = try RawConnection(port: market.port(.buyer))

            connection.sendFrame("this is not json")
            #expect(try await connection.readFrame()?.errorCode == "bad_request")

            var invalidUTF8 = Array(#"{"id":2,"op":"Ping","session":""#.utf8)
            invalidUTF8 += [0xC3, 0x28, 0xFE, 0xFF]
            invalidUTF8 += Array(#""}"#.utf8)
            connection.sendFrame(invalidUTF8)
            #expect(try await connection.readFrame()?.errorCode == "bad_request")

            connection.sendFrame(#"{"id":3,"op":"Levitate"}"#)
            let unknown = try #require(try await connection.readFrame())
            #expect(unknown.errorCode == "unknown_op")
            #expect(unknown["id"] as? Int == 3)

            connection.sendFrame(#"{"id":4,"op":"SearchItemsForSale","session":"x","args":{"category":{"nested":true}}}"#)
            #expect(try await connection.readFrame()?.errorCode == "not_logged_in")

            connection.sendFrame(#"{"id":4,"op":"SearchItemsForSale","session":"Zm9yZ2VkLXRva2VuLTEyMzQ1","args":{"category":{"nested":true}}}"#)
            let wrongType = try #require(try await connection.readFrame())
            #expect(wrongType.errorCode == "invalid_argument")
            #expect(wrongType.errorField == "category")

            connection.sendFrame(#"{"id":5,"op":"DisplayCart"}"#)
            #expect(try await connection.readFrame()?.errorCode == "not_logged_in")

            connection.sendFrame([])
            #expect(try await connection.readFrame()?.errorCode == "bad_request")

            connection.sendFrame(#"{"id":6,"op":"Ping"}"#)
            let ping = try #require(try await connection.readFrame())
            #expect(ping["ok"] as? Bool == true)
            #expect(ping["id"] as? Int == 6)
        }
    }

    @Test func pipelinedRequestsAreAllAnsweredByID() async throws {
        try await TestMarket.with { market in
            let connection = try RawConnection(port: market.port(.seller))
            for id in 1...20 { connection.sendFrame(#"{"id":\#(id),"op":"Ping"}"#) }
            var ids: Set<Int> = []
            for _ in 1...20 { ids.insert(try #require(try await connection.readFrame()?["id"] as? Int)) }
            #expect(ids == Set(1...20))
        }
    }

    @Test(arguments: [
        [0x7F, 0xFF, 0xFF, 0xFF] as [UInt8],  // a 2 GB length prefix
        Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8),  // another protocol
    ])
    func unframeableStreamsAreAnsweredThenClosed(bytes: [UInt8]) async throws {
        try await TestMarket.with { market in
            let bystander = market.buyerClient()
            #expect(try await bystander.ping() == .buyer)

            let connection = try RawConnection(port: market.port(.buyer))
            connection.send(bytes)
            let answer = try #require(try await connection.readFrame())
            #expect(answer.errorCode == "frame_too_large")
            #expect(answer["id"] is NSNull)
            #expect(try await connection.isClosedByServer())

            #expect(try await bystander.ping() == .buyer, "other clients are unaffected")
        }
    }

    @Test func framesOverTheConfiguredMaximumAreRefused() async throws {
        try await TestMarket.with(configure: { $0.maximumFrameLength = 1024 }) { market in
            let connection = try RawConnection(port: market.port(.seller))
            connection.sendFrame(#"{"id":1,"op":"Ping","padding":"\#(String(repeating: "x", count: 2000))"}"#)
            #expect(try await connection.readFrame()?.errorCode == "frame_too_large")
            #expect(try await connection.isClosedByServer())
            let client = market.sellerClient()
            #expect(try await client.ping() == .seller)
        }
    }

    @Test func vanishingPeersLeaveTheServerServing() async throws {
        try await TestMarket.with { market in
            for _ in 0..<20 {
                let connection = try RawConnection(port: market.port(.buyer))
                connection.sendFrame(#"{"id":1,"op":"Login","args":{"username":"nobody","password":"whatever1"}}"#)
                connection.send([0, 0, 0, 50, 123])  // half a frame, then gone
            }
            let (buyer, _, _) = try await market.loggedInBuyer()
            #expect(try await buyer.cart().lines.isEmpty)
            // And let them go: only the buyer's connection is left.
            var open = market.openConnections(.buyer)
            for _ in 0..<40 where open != 1 {
                try await Task.sleep(for: .milliseconds(100))
                open = market.openConnections(.buyer)
            }
            #expect(open == 1)
        }
    }

    @Test func connectionsBeyondTheLimitAreTurnedAwayPolitely() async throws {
        try await TestMarket.with(configure: { $0.maximumConnections = 2 }) { market in
            let first = try RawConnection(port: market.port(.seller))
            let second = try RawConnection(port: market.port(.seller))
            first.sendFrame(#"{"id":1,"op":"Ping"}"#)
            second.sendFrame(#"{"id":1,"op":"Ping"}"#)
            #expect(try await first.readFrame()?["ok"] as? Bool == true)
            #expect(try await second.readFrame()?["ok"] as? Bool == true)

            let third = try RawConnection(port: market.port(.seller))
            #expect(try await third.readFrame()?.errorCode == "overloaded")
            #expect(try await third.isClosedByServer())
        }
    }

    @Test func idleConnectionsAreClosed() async throws {
        try await TestMarket.with(configure: { $0.idleTimeout = .seconds(1) }) { market in
            let connection = try RawConnection(port: market.port(.seller))
            connection.sendFrame(#"{"id":1,"op":"Ping"}"#)
            #expect(try await connection.readFrame()?["ok"] as? Bool == true)
            let start = ContinuousClock.now
            #expect(try await connection.isClosedByServer())
            #expect(ContinuousClock.now - start < .seconds(5))
        }
    }

    /// Password checks cost a core tens of milliseconds each: one connection gets two at a time,
    /// and is told to wait for the rest rather than fill the server's queue for everybody.
    @Test func aConnectionGetsTwoPasswordChecksAtATime() async throws {
        try await TestMarket.with { market in
            let connection = try RawConnection(port: market.port(.buyer))
            for id in 1...5 {
                connection.sendFrame(#"{"id":\#(id),"op":"Login","args":{"username":"nobody\#(id)","password":"whatever1"}}"#)
            }
            var codes: [String] = []
            for _ in 1...5 { codes.append(try #require(try await connection.readFrame()?.errorCode)) }
            #expect(codes.filter { $0 == "overloaded" }.count == 3, "\(codes)")
            #expect(codes.filter { $0 == "invalid_credentials" }.count == 2, "\(codes)")
            connection.sendFrame(#"{"id":6,"op":"Login","args":{"username":"nobody6","password":"whatever1"}}"#)
            #expect(try await connection.readFrame()?.errorCode == "invalid_credentials", "once answered, the next is checked")
        }
    }

    @Test func aFrameBegunMustArriveWholeWithinTheFrameTimeout() async throws {
        try await TestMarket.with(configure: { $0.frameTimeout = .seconds(1) }) { market in
            let connection = try RawConnection(port: market.port(.buyer))
            connection.sendFrame(#"{"id":1,"op":"Ping"}"#)
            #expect(try await connection.readFrame()?["ok"] as? Bool == true)
            // A frame of 100 bytes, 10 of them sent, then a byte now and then: the idle timeout
            // (ten minutes) never comes, the frame's deadline does.
            connection.send([0, 0, 0, 100] + Array(repeating: UInt8(ascii: " "), count: 10))
            let start = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(500))
            connection.send([UInt8(ascii: " ")])
            #expect(try await connection.isClosedByServer())
            #expect(ContinuousClock.now - start < .seconds(5))

            let bystander = try RawConnection(port: market.port(.buyer))
            bystander.sendFrame(#"{"id":2,"op":"Ping"}"#)
            #expect(try await bystander.readFrame()?["ok"] as? Bool == true)
        }
    }

    /// While a connection has as many requests in progress as it may, the server takes no more
    /// of its frames; that time does not count against a frame begun meanwhile, whether a whole
    /// frame already waits its turn or the one begun is the next (the deadline closed the
    /// connection then, and every answer in progress with it, when it counted only once a whole
    /// frame was waiting).
    @Test(arguments: [true, false])
    func theFrameDeadlineWaitsWhileTheConnectionIsFull(aWholeFrameWaits: Bool) async throws {
        try await Self.withAConnectionFullOfAWait(of: 3, frameTimeout: .seconds(1)) { connection throws in
            // A wait of three seconds takes the one place; then maybe a Ping, read and waiting its
            // turn; and half of another Ping, the rest two seconds later.
            if aWholeFrameWaits { connection.sendFrame(#"{"id":2,"op":"Ping"}"#) }
            let last = aWholeFrameWaits ? 3 : 2
            let ping = Array(#"{"id":\#(last),"op":"Ping"}"#.utf8)
            let frame = [UInt8(0), 0, 0, UInt8(ping.count)] + ping
            connection.send(Array(frame.prefix(8)))
            try await Task.sleep(for: .seconds(2))
            connection.send(Array(frame.dropFirst(8)))
            var ids: Set<Int> = []
            for _ in 1...last { ids.insert(try #require(try await connection.readFrame()?["id"] as? Int)) }
            #expect(ids == Set(1...last), "every request answered, the connection kept")
        }
    }

    /// Runs `body` with a seller server's connection that may have one request in progress, and
    /// has: a wait for news of `seconds` (request 1).
    private static func withAConnectionFullOfAWait(
        of seconds: Int, frameTimeout: Duration, _ body: (RawConnection) async throws -> Void
    ) async throws {
        try await TestMarket.with(configure: {
            $0.frameTimeout = frameTimeout
            $0.maximumPipelinedRequests = 1
        }) { market in
            let (seller, _) = try await market.loggedInSeller()
            let token = try #require(seller.client.session).rawValue
            let activity = try await seller.rating().activity
            let connection = try RawConnection(port: market.port(.seller))
            connection.sendFrame(#"{"id":1,"op":"AwaitSellerActivity","session":"\#(token)","args":{"after":\#(activity),"wait":\#(seconds)}}"#)
            try await body(connection)
        }
    }

    /// A client that keeps its connection full (answers it does not read stay in progress) gets
    /// a bounded number of extensions for a frame begun meanwhile, not an endless wait.
    @Test func aFrameBegunWhileTheConnectionStaysFullStillHasADeadline() async throws {
        try await Self.withAConnectionFullOfAWait(of: 20, frameTimeout: .milliseconds(300)) { connection throws in
            // A wait of twenty seconds holds the one place; a frame is begun and never finished.
            connection.send([0, 0, 0, 100, UInt8(ascii: "{")])
            let start = ContinuousClock.now
            #expect(try await connection.isClosedByServer())
            let waited = ContinuousClock.now - start
            // 0.3 s and ten more: about 3.3 s, long before the wait would have ended.
            #expect(waited > .seconds(2) && waited < .seconds(15), "\(waited)")
        }
    }

    @Test func textTheDatabaseWouldRefuseIsRefusedByTheRulesFirst() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller()
            let marks = String(String.UnicodeScalarView((0x300...0x307).map { Unicode.Scalar($0)! }))
            let name = String(repeating: "x" + marks, count: 32)  // 32 characters, 288 code points
            let error = await expectError(.invalidArgument) { () throws(MarketError) in try await seller.registerItem(draft(name)) }
            #expect(error?.field == "name")
            let keyword = String(repeating: "x" + marks, count: 5)
            let keywordError = await expectError(.invalidArgument) { () throws(MarketError) in
                try await seller.registerItem(draft("Plain", keywords: [keyword]))
            }
            #expect(keywordError?.field == "keywords")
            let buyer = market.buyerClient()
            let accountError = await expectError(.invalidArgument) { () throws(MarketError) in
                try await buyer.createAccount(username: uniqueUsername("marks"), password: password, name: name)
            }
            #expect(accountError?.field == "name")
        }
    }

    @Test func sqlInjectionAttemptsAreJustData() async throws {
        try await TestMarket.with { market in
            let (seller, _) = try await market.loggedInSeller(name: "Robert'); DROP TABLE items;--")
            let item = try await seller.registerItem(draft("x' OR '1'='1", keywords: ["or"]))
            let (buyer, _, _) = try await market.loggedInBuyer()
            let hits = try await buyer.search(category: .any, keywords: ["or"])
            #expect(hits.items.map(\.item.id) == [item.id])
            #expect(hits.items.first?.item.sellerName == "Robert'); DROP TABLE items;--")
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct DatabaseOutageTests {
    @Test func anUnreachableDatabaseGivesUnavailableAndTheServerStaysUp() async throws {
        // Point the products database at a port where nothing listens (and, being handed out
        // once per run, where no other test's server will).
        let deadPort = try FreePort.reserve()
        try await TestMarket.with(configure: { configuration in
            configuration.products.port = deadPort
            configuration.products.requestTimeout = .seconds(1)
        }) { market in
            let (seller, _) = try await market.loggedInSeller()
            let error = await expectError(.unavailable) { () throws(MarketError) in try await seller.items() }
            // Refused at once ("not reachable") or after the timeout ("could not be reached in
            // time"); either way the call never had a connection, so it changed nothing.
            #expect(error.map { $0.message.contains("not reachable") || $0.message.contains("could not be reached in time") } == true)
            #expect(error?.message.contains("nothing was changed") == true)
            // Requests that need only the customers database still work, and so does the process.
            #expect(try await seller.ping() == .seller)
            await expectError(.unavailable) { () throws(MarketError) in try await seller.registerItem(draft("Lamp")) }
            // Once a probe finds nothing listening, calls are refused at once instead of each
            // waiting out the 1 s call timeout.
            var refusedAtOnce = false
            for _ in 0..<10 where !refusedAtOnce {
                let started = ContinuousClock.now
                await expectError(.unavailable) { () throws(MarketError) in try await seller.items() }
                refusedAtOnce = ContinuousClock.now - started < .milliseconds(500)
            }
            #expect(refusedAtOnce)
            try await seller.logout()
        }
    }

    /// A call past its deadline (one second here) is answered at once, honestly: its statement
    /// may yet take effect, and does if it gets to run within the database's statement timeout
    /// (a second more); past that PostgreSQL ends it, rolls it back, and the pool's connection
    /// serves on.
    @Test func aStatementStillRunningAtTheDeadlineMayYetTakeEffectAndSaysSo() async throws {
        try await TestMarket.with(configure: { $0.products.requestTimeout = .seconds(1) }) { market in
            let (seller, _) = try await market.loggedInSeller()
            let lamp = try await seller.registerItem(draft("Lamp", price: 10))
            func price() async throws -> String {
                try await market.productsQuery("SELECT price FROM items WHERE seller_id = \(lamp.sellerID.rawValue)").first ?? ""
            }
            for (seconds, newPrice, expected) in [("1.5", "12.50", "12.50"), ("4", "15.00", "12.50")] {
                // Another session holds the items table: the price change has its connection and
                // its statement sent, and waits for the lock past the deadline.
                async let holder = market.productsQuery("BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(\(seconds)); COMMIT;")
                var held = false
                for _ in 0..<100 where !held {
                    try await Task.sleep(for: .milliseconds(20))
                    held = try await market.productsQuery(
                        "SELECT count(*) FROM pg_locks WHERE relation = 'items'::regclass AND mode = 'AccessExclusiveLock' AND granted"
                    ) == ["1"]
                }
                #expect(held)
                let error = await expectError(.databaseTimeout) { () throws(MarketError) in
                    try await seller.changePrice(of: lamp.id, to: Money(newPrice)!)
                }
                #expect(error?.message.contains("whether this took effect is unknown") == true, "\(String(describing: error))")
                _ = try await holder
                var now = try await price()
                for _ in 0..<30 where now != expected {
                    try await Task.sleep(for: .milliseconds(100))
                    now = try await price()
                }
                #expect(now == expected, "held for \(seconds) s")
            }
            #expect(try await seller.changePrice(of: lamp.id, to: 16).price == 16, "the connection serves on")
        }
    }

    /// A client pointed at something that is not a market server (a web server, say) is told so,
    /// not that the connection dropped.
    @Test func aClientAtAServerOfAnotherProtocolIsToldSo() async throws {
        let web = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(HTTPLikeAnswer()) }
            .bind(host: "127.0.0.1", port: 0).get()
        let client = MarketClient(configuration: MarketClient.Configuration(host: "127.0.0.1", port: web.localAddress!.port!, requestTimeout: .seconds(5)))
        do {
            _ = try await BuyerClient(client: client).ping()
            Issue.record("a web server answered a Ping")
        } catch {
            #expect(error.code == .protocolError, "\(error.code): \(error.message)")
        }
        client.close()
        try await web.close()
    }

    /// A host name without an address is reported as such, not as a server that is down.
    @Test func aHostWithoutAnAddressIsToldApartFromAServerThatIsDown() async throws {
        func failure(host: String, port: Int) async -> MarketError? {
            let client = MarketClient(configuration: MarketClient.Configuration(host: host, port: port, connectTimeout: .seconds(2), reconnectsAutomatically: false))
            defer { client.close() }
            return await expectError(.unreachable) { () throws(MarketError) in try await BuyerClient(client: client).ping() }
        }
        let unknown = await failure(host: "no-such-host.invalid", port: 7002)
        #expect(unknown?.field == "host", "\(String(describing: unknown))")
        #expect(unknown?.message.contains("no-such-host.invalid") == true)
        let down = await failure(host: "127.0.0.1", port: try FreePort.reserve())
        #expect(down != nil && down?.field == nil, "nothing listens there: the server is down, the host is fine")
    }

    @Test func aDatabaseThatNeverAnswersGivesUnavailableAtTheDeadline() async throws {
        // Accepts connections and never says a word: a hung database, not a dead one.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        try await TestMarket.with(configure: { configuration in
            configuration.products.port = silent.localAddress!.port!
            configuration.products.requestTimeout = .seconds(1)
        }) { market in
            let (seller, _) = try await market.loggedInSeller()
            for _ in 0..<2 {
                let started = ContinuousClock.now
                let error = await expectError(.unavailable) { () throws(MarketError) in try await seller.items() }
                // It never completed a connection, so the call was never sent.
                #expect(error?.message.contains("could not be reached in time; nothing was changed") == true)
                #expect(ContinuousClock.now - started < .seconds(4), "answered at the deadline, not when the database gives up")
            }
            #expect(try await seller.ping() == .seller)
            try await seller.logout()
        }
        try await silent.close()
    }
}

/// Greets every connection with a web server's answer (some servers speak first, before any
/// request) and keeps it open. (One that hung up at once could also be taken for a server that
/// refused the connection: `unreachable`.)
private final class HTTPLikeAnswer: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        let answer = context.channel.allocator.buffer(string: "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        context.writeAndFlush(Self.wrapOutboundOut(answer), promise: nil)
    }
}

