@testable import MarketBench
import MarketCore
import Testing

@Suite struct ReportTests {
    @Test func readsPgbenchOutput() throws {
        let output = """
            pgbench (15.18 (Debian 15.18-0+deb12u1))
            transaction type: <builtin: select only>
            scaling factor: 10
            number of clients: 10
            latency average = 0.163 ms
            initial connection time = 4.281 ms
            tps = 61492.176320 (without initial connection time)
            """
        let result = try #require(PgBench.parse(output, clients: 10))
        #expect(result == PgBenchResult(clients: 10, transactionsPerSecond: 61492.17632, averageLatencyMillis: 0.163))
        #expect(PgBench.parse("connection to server failed", clients: 1) == nil)
    }

    @Test func mixesCoverEveryOperationAndAddUpToAHundredPercent() {
        #expect(Set(SellerWorker.mix.weights.map(\.operation)) == Set(SellerWorker.Operation.allCases))
        #expect(Set(BuyerWorker.mix.weights.map(\.operation)) == Set(BuyerWorker.Operation.allCases))
        #expect(abs(SellerWorker.mix.percentages.map(\.percent).reduce(0, +) - 100) < 1e-9)
        #expect(abs(BuyerWorker.mix.percentages.map(\.percent).reduce(0, +) - 100) < 1e-9)
    }

    @Test func weightedChoiceFollowsTheWeights() {
        let mix = OperationMix<String>([("a", 1), ("b", 3)])
        var generator = SplitMix64(seed: 42)
        var counts: [String: Int] = [:]
        for _ in 0..<40_000 { counts[mix.pick(using: &generator), default: 0] += 1 }
        #expect((9_000...11_000).contains(counts["a"] ?? 0))
        #expect((29_000...31_000).contains(counts["b"] ?? 0))
    }

    @Test func recordersMergeLatenciesAndErrors() {
        var first = LatencyRecorder()
        first.record("Buyer.GetItem", nanoseconds: 100_000)
        first.record("Buyer.GetItem", nanoseconds: 300_000)
        var second = LatencyRecorder()
        second.record("Buyer.GetItem", nanoseconds: 200_000)
        second.recordError("Buyer.MakePurchase", message: "insufficient_stock: …")
        first.merge(second)
        let summary = LatencySummary(first.histograms["Buyer.GetItem"]!)
        #expect(summary.count == 3)
        #expect(abs(summary.meanMicros - 200) < 1)
        #expect(abs(summary.maxMicros - 300) < 1)
        #expect(first.errorCount == 1)
        #expect(first.errorSamples["Buyer.MakePurchase"] == "insufficient_stock: …")

        // A recorder of merged histograms merges into another one too, keeping every sample.
        var total = LatencyRecorder()
        total.record("Buyer.GetItem", nanoseconds: 400_000)
        total.merge(first)
        let all = LatencySummary(total.histograms["Buyer.GetItem"]!)
        #expect(all.count == 4)
        #expect(abs(all.meanMicros - 250) < 1)
        #expect(total.combined.totalCount == 4)
        #expect(total.errorCount == 1)
    }

    @Test func reportsRenderEveryScenario() {
        var recorder = LatencyRecorder()
        for micros in [100, 200, 300, 400] { recorder.record("Seller.GetSellerRating", nanoseconds: UInt64(micros) * 1000) }
        let run = RunResult(wallSeconds: 2, operations: 4, throughput: 2, latency: LatencySummary(recorder.combined), errors: 0)
        let scenario = ScenarioResult(
            clients: 10, connections: 20, callsPerClient: 1000, runs: [run, run],
            overall: LatencySummary(recorder.combined), operations: ScenarioRunner.breakdown(recorder), setup: [], errorSamples: [:]
        )
        let report = BenchReport(
            date: "2026-11-25T12:00:00Z", machine: "2 cores", configuration: "test",
            scenarios: [scenario], pgbench: [PgBenchResult(clients: 10, transactionsPerSecond: 61_000, averageLatencyMillis: 0.16)]
        )
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("| 10 | 20 | 8 | 0.250 |"))
        #expect(markdown.contains("| 10 | 61,000 | 0.160 |"))
        #expect(markdown.contains("| Seller.GetSellerRating | 4 |"))
        #expect(CSVReport.render(report).split(separator: "\n").count == 3)
        let svg = ReportFiles.throughputChart(report)
        #expect(svg.hasPrefix("<svg") && svg.contains("N = 10") && svg.hasSuffix("</svg>\n"))
        #expect(ReportFiles.latencyChart(report).contains("p99"))
    }

    @Test func millisecondsReadLikeTheRestOfTheTables() {
        #expect(MarkdownReport.ms(715.4) == "0.715")
        #expect(MarkdownReport.ms(9_999) == "9.999")
        #expect(MarkdownReport.ms(115_840) == "115.8")
        #expect(MarkdownReport.ms(1_166_040) == "1,166.0")
        #expect(MarkdownReport.grouped(3_708.4) == "3,708")
    }

    @Test func loadIsAimedOnlyAtThisMachine() {
        #expect(BenchConfiguration.isLoopback("127.0.0.1"))
        #expect(BenchConfiguration.isLoopback("localhost"))
        #expect(!BenchConfiguration.isLoopback("10.0.0.5"))
        #expect(!BenchConfiguration.isLoopback("example.com"))
    }
}
