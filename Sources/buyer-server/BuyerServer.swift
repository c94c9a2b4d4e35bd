import ArgumentParser
import MarketCommandLine

/// The buyer server: search, carts, checkout and feedback for buyers.
@main
struct BuyerServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buyer-server",
        abstract: "Serves the buyer API of the market over TCP.",
        discussion: "Requests are length-prefixed JSON frames (see docs/PROTOCOL.md). All state lives in the customers and products PostgreSQL databases."
    )

    @OptionGroup var options: ServerOptions

    func run() async throws {
        try await self.options.runServer(role: .buyer)
    }
}
