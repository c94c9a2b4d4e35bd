import ChildProcess
import Foundation

/// Runs PostgreSQL's own `pgbench -S -M prepared` (one indexed SELECT per transaction) against the
/// same server, as the ceiling the market's figures are compared with.
public struct PgBench: Sendable {
    public var binaries: String
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var seconds: Int

    public init(binaries: String, host: String = "127.0.0.1", port: Int, user: String = "market", database: String = "pgbench", seconds: Int = 8) {
        self.binaries = binaries
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.seconds = seconds
    }

    /// Creates and fills the pgbench tables (scale 10) unless they exist.
    public func prepare() throws {
        let connection = ["-h", self.host, "-p", "\(self.port)", "-U", self.user]
        let exists = try Self.run("\(self.binaries)/psql", connection + ["-X", "-At", "-d", "postgres", "-c", "SELECT 1 FROM pg_database WHERE datname = '\(self.database)'"])
        if exists.trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            _ = try Self.run("\(self.binaries)/psql", connection + ["-X", "-q", "-d", "postgres", "-c", "CREATE DATABASE \(self.database)"])
            _ = try Self.run("\(self.binaries)/pgbench", connection + ["-i", "-s", "10", "-q", self.database])
        }
    }

    public func measure(clients: Int) throws -> PgBenchResult {
        let output = try Self.run(
            "\(self.binaries)/pgbench",
            ["-h", self.host, "-p", "\(self.port)", "-U", self.user, "-n", "-S", "-M", "prepared", "-c", "\(clients)", "-j", "2", "-T", "\(self.seconds)", self.database]
        )
        guard let result = Self.parse(output, clients: clients) else {
            throw PgBenchError(message: "could not read pgbench's output:\n\(output)")
        }
        return result
    }

    /// Reads `tps = …` and `latency average = … ms` from pgbench's report.
    public static func parse(_ output: String, clients: Int) -> PgBenchResult? {
        var tps: Double?
        var latency: Double?
        for line in output.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("tps = "), let value = Double(text.dropFirst(6).split(separator: " ").first ?? "") {
                tps = value
            } else if text.hasPrefix("latency average = "), let value = Double(text.dropFirst(18).split(separator: " ").first ?? "") {
                latency = value
            }
        }
        guard let tps, let latency else { return nil }
        return PgBenchResult(clients: clients, transactionsPerSecond: tps, averageLatencyMillis: latency)
    }

    /// Runs a PostgreSQL tool. Not with Foundation's `Process`: its child would inherit this
    /// process's blocked signals, and pgbench's `-T` is a SIGALRM it would then never receive.
    private static func run(_ program: String, _ arguments: [String]) throws -> String {
        let outcome = try ChildProcess.run(program, arguments)
        guard outcome.status == 0 else {
            throw PgBenchError(message: "\(program) failed: \(outcome.errors)\(outcome.output)")
        }
        return outcome.output
    }
}

public struct PgBenchError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { self.message }
}
