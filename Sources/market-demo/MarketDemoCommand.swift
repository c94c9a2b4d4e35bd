import ArgumentParser
import Foundation
import Logging
import MarketClient
import MarketCore
import MarketDemo

/// Loads the demo catalogue into running servers (once) and prints the demo credentials.
@main
struct MarketDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market-demo",
        abstract: "Loads the demo catalogue into a running market, once, through the public API.",
        discussion: "Safe to run again: what exists is kept and only what is missing is added. `./market demo` runs it for you."
    )

    @Option(name: .long, help: "Server host (env MARKET_HOST; default 127.0.0.1).")
    var host: String = ProcessInfo.processInfo.environment["MARKET_HOST"].flatMap { $0.isEmpty || $0 == "0.0.0.0" ? nil : $0 } ?? "127.0.0.1"

    @Option(name: .customLong("seller-port"), help: "Seller server port (env MARKET_SELLER_PORT; default 7001).")
    var sellerPort: Int = ProcessInfo.processInfo.environment["MARKET_SELLER_PORT"].flatMap(Int.init) ?? 7001

    @Option(name: .customLong("buyer-port"), help: "Buyer server port (env MARKET_BUYER_PORT; default 7002).")
    var buyerPort: Int = ProcessInfo.processInfo.environment["MARKET_BUYER_PORT"].flatMap(Int.init) ?? 7002

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let host = self.host
        let sellerPort = self.sellerPort
        let buyerPort = self.buyerPort
        let loader = DemoLoader(
            sellerClient: { SellerClient(configuration: .init(host: host, port: sellerPort, requestTimeout: .seconds(60), reconnectsAutomatically: false)) },
            buyerClient: { BuyerClient(configuration: .init(host: host, port: buyerPort, requestTimeout: .seconds(60), reconnectsAutomatically: false)) }
        )
        let catalog = loader.catalog
        print("Loading the demo catalogue (\(catalog.sellers.count) sellers, \(catalog.itemCount) items) into \(host):\(sellerPort) and \(host):\(buyerPort)…")
        let report: DemoLoader.Report
        do {
            report = try await loader.load()
        } catch {
            // On standard error and with a failing status, so that `./market demo` stops here.
            FileHandle.standardError.write(Data("error: loading the demo catalogue failed: \(error.message) (\(error.code))\n".utf8))
            throw ExitCode.failure
        }
        if report.wasAlreadyLoaded {
            print("The demo catalogue was already loaded (\(report.itemsPresent) items); nothing changed.")
        } else {
            print("Loaded: \(report.accountsCreated) accounts, \(report.itemsRegistered) items (\(report.itemsPresent) already there), \(report.purchasesMade) purchases, \(report.votesGiven) votes.")
        }
        print("")
        print("  Demo buyer   username \(DemoCatalog.demoBuyer.username)         password \(DemoCatalog.demoBuyer.password)")
        print("  Demo seller  username \(DemoCatalog.demoSeller.username)  password \(DemoCatalog.demoSeller.password)")
        print("")
        print("  Categories   " + report.categories.map { "\($0.category) \($0.name)" }.joined(separator: " · "))
    }
}
