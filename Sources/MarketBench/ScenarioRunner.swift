import Histogram
import Logging
import MarketClient
import MarketCore
public import NIOCore
import NIOPosix
import NIOTaskExecutor
import Synchronization

/// Runs one scenario: N sellers and N buyers, each on its own connection with its own account and
/// session, each making `callsPerClient` timed calls per run.
public struct ScenarioRunner: Sendable {
    let configuration: BenchConfiguration
    let progress: Progress
    let eventLoopGroup: any EventLoopGroup
    /// Each client's calls run as a task that prefers its connection's event loop, so a call is
    /// encoded, sent, answered and decoded on one thread.
    let executors: [ObjectIdentifier: EventLoopExecutor]

    public init(configuration: BenchConfiguration, progress: Progress, eventLoopGroup: any EventLoopGroup) {
        self.configuration = configuration
        self.progress = progress
        self.eventLoopGroup = eventLoopGroup
        self.executors = EventLoopExecutor.executors(for: eventLoopGroup)
    }

    private func executor(for client: MarketClient) -> EventLoopExecutor? {
        self.executors[ObjectIdentifier(client.eventLoop)]
    }

    public func run(clients: Int) async throws -> ScenarioResult {
        var setup = LatencyRecorder()
        let (sellers, buyers) = try await self.prepare(clients: clients, recorder: &setup)

        var workers: (sellers: [SellerWorker], buyers: [BuyerWorker]) = (sellers, buyers)
        var runs: [RunResult] = []
        var everything = LatencyRecorder()
        for run in 1...self.configuration.runs {
            self.progress.beginRun(scenario: clients, run: run, of: self.configuration.runs, calls: 2 * clients * self.configuration.callsPerClient)
            let outcome = await self.timedRun(workers)
            workers = outcome.workers
            everything.merge(outcome.recorder)
            let combined = outcome.recorder.combined
            runs.append(
                RunResult(
                    wallSeconds: outcome.wallSeconds,
                    operations: combined.totalCount,
                    throughput: Double(combined.totalCount) / outcome.wallSeconds,
                    latency: LatencySummary(combined),
                    errors: outcome.recorder.errorCount
                )
            )
            self.progress.endRun(throughput: runs.last!.throughput, errors: runs.last!.errors)
        }

        await self.finish(sellers: workers.sellers, buyers: workers.buyers, recorder: &setup)

        return ScenarioResult(
            clients: clients,
            connections: 2 * clients,
            callsPerClient: self.configuration.callsPerClient,
            runs: runs,
            overall: LatencySummary(everything.combined),
            operations: Self.breakdown(everything),
            setup: Self.breakdown(setup),
            errorSamples: everything.errorSamples.merging(setup.errorSamples) { first, _ in first }
        )
    }

    static func breakdown(_ recorder: LatencyRecorder) -> [OperationResult] {
        let histograms = recorder.histograms
        return Set(histograms.keys).union(recorder.errors.keys).sorted().map { operation in
            OperationResult(
                operation: operation,
                latency: LatencySummary(histograms[operation] ?? LatencyRecorder.makeHistogram()),
                errors: recorder.errors[operation] ?? 0
            )
        }
    }

    // MARK: - Set-up and tear-down (not timed as part of the runs)

    private func prepare(clients: Int, recorder: inout LatencyRecorder) async throws -> ([SellerWorker], [BuyerWorker]) {
        let prefix = "\(self.configuration.accountPrefix)n\(clients)"
        self.progress.note("scenario \(clients): creating \(clients) sellers with \(self.configuration.itemsPerSeller) items each")
        let sellerSetups = try await self.boundedMap(0..<clients, recorder: &recorder) { index, recorder throws(MarketError) in
            let client = SellerClient(client: self.makeClient(host: self.configuration.sellerHost, port: self.configuration.sellerPort))
            let username = "\(prefix)s\(index)"
            try await Self.timed("Seller.CreateAccount", into: &recorder) { () throws(MarketError) in
                _ = try await client.createAccount(username: username, password: "bench password", name: "Bench Seller \(index)")
            }
            let profile = try await Self.timed("Seller.Login", into: &recorder) { () throws(MarketError) in
                try await client.login(username: username, password: "bench password")
            }
            var items: [ItemID] = []
            for item in 0..<self.configuration.itemsPerSeller {
                let registered = try await Self.timed("Seller.RegisterItemForSale (set-up)", into: &recorder) { () throws(MarketError) in
                    try await client.registerItem(Catalogue.draft(seller: index, index: item))
                }
                items.append(registered.id)
            }
            return (client, profile.id, items)
        }
        let catalogue = sellerSetups.flatMap { $0.2 }
        let sellerIDs = sellerSetups.map { $0.1 }

        self.progress.note("scenario \(clients): creating \(clients) buyers")
        let buyerClients = try await self.boundedMap(0..<clients, recorder: &recorder) { index, recorder throws(MarketError) in
            let client = BuyerClient(client: self.makeClient(host: self.configuration.buyerHost, port: self.configuration.buyerPort))
            let username = "\(prefix)b\(index)"
            try await Self.timed("Buyer.CreateAccount", into: &recorder) { () throws(MarketError) in
                _ = try await client.createAccount(username: username, password: "bench password", name: "Bench Buyer \(index)")
            }
            try await Self.timed("Buyer.Login", into: &recorder) { () throws(MarketError) in
                _ = try await client.login(username: username, password: "bench password")
            }
            return client
        }

        let sellers = sellerSetups.enumerated().map { index, setup in SellerWorker(client: setup.0, index: index, items: setup.2) }
        let buyers = buyerClients.enumerated().map { index, client in
            BuyerWorker(client: client, index: index, catalogue: catalogue, sellers: sellerIDs)
        }
        return (sellers, buyers)
    }

    private func finish(sellers: [SellerWorker], buyers: [BuyerWorker], recorder: inout LatencyRecorder) async {
        let logouts = await withTaskGroup(of: LatencyRecorder.self) { group in
            for seller in sellers {
                group.addTask {
                    var recorder = LatencyRecorder()
                    try? await Self.timed("Seller.Logout", into: &recorder) { () throws(MarketError) in try await seller.client.logout() }
                    seller.client.client.close()
                    return recorder
                }
            }
            for buyer in buyers {
                group.addTask {
                    var recorder = LatencyRecorder()
                    try? await Self.timed("Buyer.Logout", into: &recorder) { () throws(MarketError) in try await buyer.client.logout() }
                    buyer.client.client.close()
                    return recorder
                }
            }
            var all = LatencyRecorder()
            for await one in group { all.merge(one) }
            return all
        }
        recorder.merge(logouts)
    }

    private func makeClient(host: String, port: Int) -> MarketClient {
        MarketClient(
            configuration: MarketClient.Configuration(host: host, port: port, requestTimeout: .seconds(60), reconnectsAutomatically: false),
            eventLoopGroup: self.eventLoopGroup,
            logger: Logger(label: "market.bench", factory: { _ in SwiftLogNoOpLogHandler() })
        )
    }

    // MARK: - The timed part

    private func timedRun(_ workers: (sellers: [SellerWorker], buyers: [BuyerWorker])) async -> (
        workers: (sellers: [SellerWorker], buyers: [BuyerWorker]), recorder: LatencyRecorder, wallSeconds: Double
    ) {
        let calls = self.configuration.callsPerClient
        let progress = self.progress
        enum Finished: Sendable {
            case seller(Int, SellerWorker, LatencyRecorder)
            case buyer(Int, BuyerWorker, LatencyRecorder)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let finished = await withTaskGroup(of: Finished.self) { group in
            for (index, seller) in workers.sellers.enumerated() {
                group.addTask(executorPreference: self.executor(for: seller.client.client)) {
                    var worker = seller
                    var recorder = LatencyRecorder()
                    for _ in 0..<calls {
                        await worker.step(into: &recorder)
                        progress.completed()
                    }
                    return .seller(index, worker, recorder)
                }
            }
            for (index, buyer) in workers.buyers.enumerated() {
                group.addTask(executorPreference: self.executor(for: buyer.client.client)) {
                    var worker = buyer
                    var recorder = LatencyRecorder()
                    for _ in 0..<calls {
                        await worker.step(into: &recorder)
                        progress.completed()
                    }
                    return .buyer(index, worker, recorder)
                }
            }
            var results: [Finished] = []
            for await result in group { results.append(result) }
            return results
        }
        let wall = clock.now - start
        var sellers = workers.sellers
        var buyers = workers.buyers
        var recorder = LatencyRecorder()
        for result in finished {
            switch result {
            case .seller(let index, let worker, let one):
                sellers[index] = worker
                recorder.merge(one)
            case .buyer(let index, let worker, let one):
                buyers[index] = worker
                recorder.merge(one)
            }
        }
        return ((sellers, buyers), recorder, Double(wall.nanoseconds) / 1e9)
    }

    // MARK: - Helpers

    private static func timed<T>(_ operation: String, into recorder: inout LatencyRecorder, _ body: () async throws(MarketError) -> T) async throws(MarketError) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let value = try await body()
            recorder.record(operation, nanoseconds: (clock.now - start).nanoseconds)
            return value
        } catch {
            recorder.recordError(operation, message: "\(error.code): \(error.message)")
            throw error
        }
    }

    /// Maps `indices` with at most `setupConcurrency` in flight, collecting every latency.
    private func boundedMap<T: Sendable>(
        _ indices: Range<Int>,
        recorder: inout LatencyRecorder,
        _ body: @escaping @Sendable (Int, inout LatencyRecorder) async throws(MarketError) -> T
    ) async throws -> [T] {
        var results = [T?](repeating: nil, count: indices.count)
        var merged = LatencyRecorder()
        try await withThrowingTaskGroup(of: (Int, T, LatencyRecorder).self) { group in
            var next = indices.lowerBound
            func launch() {
                let index = next
                next += 1
                group.addTask {
                    var recorder = LatencyRecorder()
                    let value = try await body(index, &recorder)
                    return (index, value, recorder)
                }
            }
            while next < indices.upperBound && next - indices.lowerBound < self.configuration.setupConcurrency { launch() }
            while let (index, value, one) = try await group.next() {
                results[index - indices.lowerBound] = value
                merged.merge(one)
                self.progress.completed()
                if next < indices.upperBound { launch() }
            }
        }
        recorder.merge(merged)
        return results.map { $0! }
    }
}
