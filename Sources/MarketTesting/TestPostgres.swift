import ChildProcess
import Foundation
public import MarketStore

/// A throwaway PostgreSQL cluster for the test run: started on first use in a temporary folder
/// on a free port, with `sql/customers.sql` and `sql/products.sql` loaded into template databases;
/// removed when the test process ends (a detached watchdog stops it even after a crash).
///
/// Each suite gets fresh databases copied from the templates with ``makeDatabases(prefix:)``.
///
/// Every program (initdb, pg_ctl, psql) runs on a Dispatch thread and is awaited: a test that
/// blocked one of the few threads of Swift's cooperative pool while psql worked would stall every
/// other test of the run, in-process servers included (on two cores the pool has two threads).
public final class TestPostgres: Sendable {
    /// The run's cluster, started once. Throws (with what to install) where PostgreSQL is missing.
    public static func shared() async throws -> TestPostgres {
        try await self.instance.value
    }

    private static let instance = Task { try await TestPostgres() }

    public let port: Int
    public let directory: String
    let binaries: String
    let runAsPostgres: Bool
    private let counter = Counter()

    private init() async throws {
        self.binaries = try Self.findBinaries()
        self.runAsPostgres = getuid() == 0
        self.directory = try await Self.makeDirectory(ownedByPostgres: self.runAsPostgres)
        self.port = try FreePort.reserve()
        try await self.run("\(self.binaries)/initdb", ["-D", "\(self.directory)/data", "-U", "market", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        Self.startWatchdog(directory: self.directory, binaries: self.binaries, asPostgres: self.runAsPostgres)
        let settings = [
            "-p \(self.port)", "-k \(self.directory)", "-c listen_addresses=127.0.0.1",
            // Durability is not under test; speed is welcome.
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=400", "-c shared_buffers=64MB",
        ].joined(separator: " ")
        try await self.run("\(self.binaries)/pg_ctl", ["-D", "\(self.directory)/data", "-o", settings, "-l", "\(self.directory)/log", "-w", "start"])
        for schema in ["customers", "products"] {
            try await self.psql(database: "postgres", command: "CREATE DATABASE \(schema)_template")
            try await self.psql(database: "\(schema)_template", file: Self.repositoryRoot + "/sql/\(schema).sql")
        }
    }

    /// A fresh pair of databases with both schemas applied.
    public func makeDatabases(prefix: String = "t", maximumConnections: Int = 10) async throws -> (customers: DatabaseConfiguration, products: DatabaseConfiguration) {
        let number = self.counter.next()
        var configurations: [DatabaseConfiguration] = []
        for schema in ["customers", "products"] {
            let name = "\(prefix)_\(schema)_\(number)"
            try await self.psql(database: "postgres", command: "CREATE DATABASE \(name) TEMPLATE \(schema)_template")
            configurations.append(
                DatabaseConfiguration(
                    host: "127.0.0.1", port: self.port, username: "market", password: nil, database: name,
                    maximumConnections: maximumConnections, minimumConnections: 0
                )
            )
        }
        return (configurations[0], configurations[1])
    }

    /// Applies `sql/<schema>.sql` to `database` again, as `./market up` does on every start.
    public func applySchema(_ schema: String, to database: String) async throws {
        try await self.psql(database: database, file: Self.repositoryRoot + "/sql/\(schema).sql")
    }

    /// Runs one SQL statement through psql and returns the rows, each as `|`-separated text.
    @discardableResult
    public func query(_ sql: String, database: String) async throws -> [String] {
        let output = try await self.psql(database: database, command: sql, tuplesOnly: true)
        return output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The first column of the first row of `sql`.
    public func scalar(_ sql: String, database: String) async throws -> String? {
        try await self.query(sql, database: database).first.map { String($0.split(separator: "|", omittingEmptySubsequences: false)[0]) }
    }

    /// Where the repository is: this file is at Sources/MarketTesting/TestPostgres.swift.
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    // MARK: - Processes

    @discardableResult
    private func psql(database: String, command: String? = nil, file: String? = nil, tuplesOnly: Bool = false) async throws -> String {
        var arguments = ["-X", "-v", "ON_ERROR_STOP=1", "-q", "-h", "127.0.0.1", "-p", "\(self.port)", "-U", "market", "-d", database]
        if tuplesOnly { arguments += ["-A", "-t"] }
        if let command { arguments += ["-c", command] }
        if let file { arguments += ["-f", file] }
        return try await Self.execute("\(self.binaries)/psql", arguments, environment: ["PGOPTIONS": "-c client_min_messages=warning"])
    }

    @discardableResult
    private func run(_ program: String, _ arguments: [String]) async throws -> String {
        if self.runAsPostgres {
            return try await Self.execute("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        }
        return try await Self.execute(program, arguments)
    }

    @discardableResult
    static func execute(_ program: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        let outcome = try await ChildProcess.run(program, arguments, environment: environment)
        guard outcome.status == 0 else {
            throw TestPostgresError("\(program) \(arguments.joined(separator: " ")) failed (\(outcome.status)): \(outcome.errors)")
        }
        return outcome.output
    }

    private static func findBinaries() throws -> String {
        let fileManager = FileManager.default
        if let configured = ProcessInfo.processInfo.environment["MARKET_PG_BIN"] { return configured }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        for version in versions where fileManager.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where fileManager.isExecutableFile(atPath: "\(directory)/initdb") {
            return String(directory)
        }
        throw TestPostgresError("PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them (Debian: apt-get install postgresql) or set MARKET_PG_BIN.")
    }

    private static func makeDirectory(ownedByPostgres: Bool) async throws -> String {
        var template = Array("/tmp/market-test-XXXXXX".utf8CString)
        guard let pointer = mkdtemp(&template) else { throw TestPostgresError("could not create a temporary folder") }
        let path = String(cString: pointer)
        if ownedByPostgres {
            try await execute("/bin/chown", ["postgres:postgres", path])
        }
        return path
    }

    /// Stops the cluster and deletes its folder once this process is gone, however it ends.
    private static func startWatchdog(directory: String, binaries: String, asPostgres: Bool) {
        let stop = "\(asPostgres ? "runuser -u postgres -- " : "")\(binaries)/pg_ctl -D \(directory)/data -m immediate stop"
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done; \(stop) >/dev/null 2>&1; rm -rf \(directory)"
        try? ChildProcess.detach("/bin/sh", ["-c", script])
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Hands out numbers, safely across tasks.
final class Counter: Sendable {
    private let value = LockedValue(0)
    func next() -> Int { self.value.withLock { $0 += 1; return $0 } }
}
