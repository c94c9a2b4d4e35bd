import Histogram

/// Summary statistics of one set of latency samples, in microseconds.
public struct LatencySummary: Sendable, Codable, Hashable {
    public var count: UInt64
    public var meanMicros: Double
    public var p50Micros: Double
    public var p95Micros: Double
    public var p99Micros: Double
    public var maxMicros: Double

    init(_ histogram: Histogram<UInt64>) {
        self.count = histogram.totalCount
        self.meanMicros = histogram.totalCount == 0 ? 0 : histogram.mean / 1_000
        self.p50Micros = Double(histogram.valueAtPercentile(50)) / 1_000
        self.p95Micros = Double(histogram.valueAtPercentile(95)) / 1_000
        self.p99Micros = Double(histogram.valueAtPercentile(99)) / 1_000
        self.maxMicros = Double(histogram.max) / 1_000
    }
}

/// One timed run of a scenario.
public struct RunResult: Sendable, Codable, Hashable {
    public var wallSeconds: Double
    public var operations: UInt64
    /// Completed operations per second of wall-clock time.
    public var throughput: Double
    public var latency: LatencySummary
    public var errors: Int
}

/// One operation's figures over every run of a scenario.
public struct OperationResult: Sendable, Codable, Hashable {
    public var operation: String
    public var latency: LatencySummary
    public var errors: Int
}

/// Everything measured for one scenario.
public struct ScenarioResult: Sendable, Codable, Hashable {
    /// Concurrent sellers (and as many buyers).
    public var clients: Int
    public var connections: Int
    public var callsPerClient: Int
    public var runs: [RunResult]
    /// Latency over all runs' samples together.
    public var overall: LatencySummary
    public var operations: [OperationResult]
    /// Account creation and login before the timed runs, and logout after.
    public var setup: [OperationResult]
    public var errorSamples: [String: String]

    /// The average over runs of each run's mean response time, in microseconds.
    public var averageResponseMicros: Double { self.runs.map(\.latency.meanMicros).average }
    /// The average over runs of each run's throughput.
    public var averageThroughput: Double { self.runs.map(\.throughput).average }
    public var errors: Int { self.runs.map(\.errors).reduce(0, +) + self.setup.map(\.errors).reduce(0, +) }
}

/// A reference measurement of PostgreSQL itself: `pgbench -S -M prepared` at some client count.
public struct PgBenchResult: Sendable, Codable, Hashable {
    public var clients: Int
    public var transactionsPerSecond: Double
    public var averageLatencyMillis: Double
}

/// A whole benchmark report.
public struct BenchReport: Sendable, Codable {
    public var date: String
    public var machine: String
    public var configuration: String
    public var scenarios: [ScenarioResult]
    public var pgbench: [PgBenchResult]

    public init(date: String, machine: String, configuration: String, scenarios: [ScenarioResult], pgbench: [PgBenchResult]) {
        self.date = date
        self.machine = machine
        self.configuration = configuration
        self.scenarios = scenarios
        self.pgbench = pgbench
    }
}

extension [Double] {
    var average: Double { self.isEmpty ? 0 : self.reduce(0, +) / Double(self.count) }
}
