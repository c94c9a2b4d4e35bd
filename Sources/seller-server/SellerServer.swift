import ArgumentParser
import MarketCommandLine

/// The seller server: accounts, sessions and item listings for sellers.
@main
struct SellerServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seller-server",
        abstract: "Serves the seller API of the market over TCP.",
        discussion: "Requests are length-prefixed JSON frames (see docs/PROTOCOL.md). All state lives in the customers and products PostgreSQL databases."
    )

    @OptionGroup var options: ServerOptions

    func run() async throws {
        try await self.options.runServer(role: .seller)
    }
}
