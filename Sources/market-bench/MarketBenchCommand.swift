import ArgumentParser
import Foundation
import MarketBench
import NIOPosix

/// Measures the market the way the course evaluation asks, and better: N sellers and N buyers,
/// each with its own connection, account and session, each making 1000 calls, 10 runs per scenario.
@main
struct MarketBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market-bench",
        abstract: "Measures response time and throughput of the seller and buyer servers.",
        discussion: """
            Runs each scenario (N concurrent sellers plus N concurrent buyers, 2N connections) the given \
            number of times. Set-up (account creation, login, a catalogue of items) is not timed as part \
            of the runs; its latencies are reported separately. Loopback targets only.
            """
    )

    @Option(help: "Seller server host (loopback only).") var sellerHost = "127.0.0.1"
    @Option(help: "Seller server port.") var sellerPort = 7001
    @Option(help: "Buyer server host (loopback only).") var buyerHost = "127.0.0.1"
    @Option(help: "Buyer server port.") var buyerPort = 7002
    @Option(help: "Comma-separated numbers of concurrent sellers (and as many buyers).") var scenarios = "1,10,100,1000"
    @Option(help: "Runs per scenario.") var runs = 10
    @Option(help: "Timed API calls per client per run.") var calls = 1000
    @Option(help: "Items each seller registers during set-up.") var itemsPerSeller = 10
    @Option(help: "Folder for results.json, results.csv, results.md and the SVG charts.") var output = "bench-results"
    @Flag(help: "Also run pgbench -S -M prepared at 1, 10 and 100 clients against the same PostgreSQL.") var pgbench = false
    @Option(help: "Folder holding pgbench and psql.") var pgBin: String?
    @Option(help: "PostgreSQL port for pgbench.") var pgPort = 54329
    @Option(help: "Seconds per pgbench measurement.") var pgbenchSeconds = 8
    @Option(help: "Event loop threads for the benchmark's own clients.") var threads = 1
    @Flag(help: "No progress line on standard error.") var quiet = false
    @Option(
        name: .customLong("combine"),
        help: "Measure nothing: merge these results.json files (scenarios and pgbench figures) into one report in --output."
    )
    var combine: [String] = []

    func validate() throws {
        for host in [self.sellerHost, self.buyerHost] where !BenchConfiguration.isLoopback(host) {
            throw ValidationError("load is only ever aimed at this machine: \(host) is not a loopback address")
        }
        guard self.parsedScenarios.allSatisfy({ (1...2000).contains($0) }), !self.parsedScenarios.isEmpty else {
            throw ValidationError("--scenarios takes numbers from 1 to 2000, e.g. 1,10,100,1000")
        }
        guard (1...100).contains(self.runs) else { throw ValidationError("--runs must be from 1 to 100") }
        guard (1...100_000).contains(self.calls) else { throw ValidationError("--calls must be from 1 to 100000") }
        guard (1...64).contains(self.threads) else { throw ValidationError("--threads must be from 1 to 64") }
        guard (1...100).contains(self.itemsPerSeller) else { throw ValidationError("--items-per-seller must be from 1 to 100") }
    }

    var parsedScenarios: [Int] {
        self.scenarios.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func run() async throws {
        if !self.combine.isEmpty {
            let report = try ReportFiles.combine(self.combine)
            try ReportFiles.write(report, to: self.output)
            print(MarkdownReport.render(report))
            return
        }
        let configuration = BenchConfiguration(
            sellerHost: self.sellerHost,
            sellerPort: self.sellerPort,
            buyerHost: self.buyerHost,
            buyerPort: self.buyerPort,
            scenarios: self.parsedScenarios,
            callsPerClient: self.calls,
            runs: self.runs,
            itemsPerSeller: self.itemsPerSeller,
            accountPrefix: "bench\(Int(Date().timeIntervalSince1970) % 1_000_000)"
        )
        let progress = Progress(enabled: !self.quiet)
        let display = Task { await progress.display() }
        defer { display.cancel() }

        var pgbenchResults: [PgBenchResult] = []
        if self.pgbench {
            let binaries = self.pgBin ?? Self.findPostgresBinaries() ?? "/usr/bin"
            let pgbench = PgBench(binaries: binaries, port: self.pgPort, seconds: self.pgbenchSeconds)
            try pgbench.prepare()
            for clients in [1, 10, 100] {
                FileHandle.standardError.write(Data("pgbench -S -M prepared with \(clients) clients…\n".utf8))
                pgbenchResults.append(try pgbench.measure(clients: clients))
            }
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: self.threads)
        let runner = ScenarioRunner(configuration: configuration, progress: progress, eventLoopGroup: group)
        var scenarioResults: [ScenarioResult] = []
        for clients in configuration.scenarios {
            scenarioResults.append(try await runner.run(clients: clients))
        }
        try await group.shutdownGracefully()

        let report = BenchReport(
            date: ISO8601DateFormatter().string(from: Date()),
            machine: Self.describeMachine(),
            configuration: "\(self.runs) runs × \(self.calls) calls per client; \(self.itemsPerSeller) items per seller",
            scenarios: scenarioResults,
            pgbench: pgbenchResults
        )
        try ReportFiles.write(report, to: self.output)
        print(MarkdownReport.render(report))
        FileHandle.standardError.write(Data("results written to \(self.output)/\n".utf8))
        if scenarioResults.contains(where: { $0.errors > 0 }) {
            throw ExitCode(2)
        }
    }

    static func findPostgresBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        return versions.map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: "\($0)/pgbench") }
    }

    static func describeMachine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return "\(cores) cores, \(String(format: "%.0f", memory)) GiB"
    }
}
