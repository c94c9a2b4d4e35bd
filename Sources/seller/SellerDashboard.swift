import ArgumentParser
import MarketClient
import MarketCore
import MarketUI
import SellerApp

/// The seller dashboard: parse flags, then hand over to the full-screen client.
@main
struct SellerDashboard: AsyncParsableCommand, ClientRole {
    static let role = Role.seller

    static let configuration = CommandConfiguration(
        commandName: "seller",
        abstract: "The seller dashboard: a full-screen terminal client for the market's seller server.",
        discussion: """
            Log in or create an account, then register items, change prices, take units off sale and \
            watch your rating. Press ? inside for every key; q quits, Ctrl-C exits at once. Logs go to \
            --log-file, never to the screen.
            """
    )

    @OptionGroup var options: ClientOptions<SellerDashboard>

    func run() async throws {
        let status = await TerminalClient.run(options: self.options) { context in
            (SellerProgram(client: SellerClient(client: context.client), logger: context.logger), SellerState(server: context.server, username: context.username))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
