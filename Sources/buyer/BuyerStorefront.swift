import ArgumentParser
import BuyerApp
import MarketClient
import MarketCore
import MarketUI

/// The buyer storefront: parse flags, then hand over to the full-screen client.
@main
struct BuyerStorefront: AsyncParsableCommand, ClientRole {
    static let role = Role.buyer

    static let configuration = CommandConfiguration(
        commandName: "buyer",
        abstract: "The buyer storefront: a full-screen terminal client for the market's buyer server.",
        discussion: """
            Log in or create an account, search the catalogue, fill a cart, check out and rate what \
            you bought. Press ? inside for every key; q quits, Ctrl-C exits at once. Logs go to \
            --log-file, never to the screen.
            """
    )

    @OptionGroup var options: ClientOptions<BuyerStorefront>

    func run() async throws {
        let status = await TerminalClient.run(options: self.options) { context in
            (
                BuyerProgram(client: BuyerClient(client: context.client), logger: context.logger),
                BuyerState(server: context.server, currentMonth: context.currentMonth, username: context.username)
            )
        }
        if status != 0 { throw ExitCode(status) }
    }
}
