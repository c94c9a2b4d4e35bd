import MarketCore
import MarketUI
import Testing

/// The command line a client parses: each client's `--help` and defaults name its own server.
@Suite struct ClientOptionsTests {
    enum Storefront: ClientRole { static let role = Role.buyer }
    enum Dashboard: ClientRole { static let role = Role.seller }

    @Test func eachClientDescribesItsOwnPortAndLog() {
        let buyer = ClientOptions<Storefront>.helpMessage()
        #expect(buyer.contains("MARKET_BUYER_PORT; default 7002"))
        #expect(buyer.contains("buyer-client.log"))
        #expect(!buyer.contains("MARKET_SELLER_PORT"))
        let seller = ClientOptions<Dashboard>.helpMessage()
        #expect(seller.contains("MARKET_SELLER_PORT; default 7001"))
        #expect(!seller.contains("7002"))
    }

    @Test func flagsWinOverDefaults() throws {
        let options = try ClientOptions<Storefront>.parse(["--port", "9100", "--log-file", "/tmp/x.log"])
        #expect(options.resolvedPort == 9100)
        #expect(options.resolvedLogFile == "/tmp/x.log")
        #expect(throws: (any Error).self) { try ClientOptions<Dashboard>.parse(["--port", "70000"]) }
    }
}
