public import Logging
import MarketCore
import NIOCore
import PostgresNIO
public import ServiceLifecycle

/// One PostgreSQL database behind a connection pool, with the error policy every store shares:
/// calls are bounded by a timeout, and whatever goes wrong reaches callers as a ``MarketError``
/// (`unavailable` when the database cannot be reached, `internal` for the rest, details logged).
public final class Database: Service, Sendable {
    public let configuration: DatabaseConfiguration
    let client: PostgresClient
    let logger: Logger

    public init(configuration: DatabaseConfiguration, logger: Logger) {
        var logger = logger
        logger[metadataKey: "market.database"] = "\(configuration.database)"
        self.configuration = configuration
        self.logger = logger

        var options = PostgresClient.Configuration.Options()
        options.maximumConnections = configuration.maximumConnections
        options.minimumConnections = min(configuration.minimumConnections, configuration.maximumConnections)
        options.connectTimeout = .seconds(3)
        let tls: PostgresClient.Configuration.TLS =
            switch configuration.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var clientConfiguration = PostgresClient.Configuration(
            host: configuration.host,
            port: configuration.port,
            username: configuration.username,
            password: configuration.password,
            database: configuration.database,
            tls: tls
        )
        clientConfiguration.options = options
        self.client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
    }

    /// Runs the pool until the task is cancelled or a graceful shutdown begins.
    public func run() async {
        await self.client.run()
    }

    /// Runs `body` with the database's error policy and timeout.
    func perform<Result: Sendable>(
        _ what: StaticString,
        _ body: @escaping @Sendable (PostgresClient) async throws -> Result
    ) async throws(MarketError) -> Result {
        do {
            return try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask { try await body(self.client) }
                group.addTask {
                    try await Task.sleep(for: self.configuration.requestTimeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else {
                    throw DatabaseTimeout()
                }
                return result
            }
        } catch let error as MarketError {
            throw error
        } catch {
            throw self.translate(error, during: what)
        }
    }

    private struct DatabaseTimeout: Error {}

    private func translate(_ error: any Error, during what: StaticString) -> MarketError {
        let unavailable = MarketError(
            .unavailable,
            "The \(self.configuration.database) database is not reachable right now; nothing was changed. Please try again."
        )
        if error is DatabaseTimeout {
            self.logger.warning("database call timed out", metadata: ["market.call": "\(what)"])
            return unavailable
        }
        if let error = error as? PSQLError {
            if error.code == .server, let state = error.serverInfo?[.sqlState] {
                // Class 08 (connection exception), 57P01-03 (shutdown, cannot connect now),
                // 53300 (too many connections): the database, not the request, is the problem.
                if state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300" {
                    self.logger.warning(
                        "database refused the call",
                        metadata: ["market.call": "\(what)", "postgres.sqlstate": "\(state)"]
                    )
                    return unavailable
                }
                self.logger.error(
                    "database call failed",
                    metadata: [
                        "market.call": "\(what)", "postgres.sqlstate": "\(state)",
                        "postgres.message": "\(error.serverInfo?[.message] ?? "")",
                    ]
                )
                return MarketError(.internal, "The server could not complete the request.")
            }
            self.logger.warning("database connection problem", metadata: ["market.call": "\(what)", "error": "\(error.code)"])
            return unavailable
        }
        if error is PostgresDecodingError {
            self.logger.error("unexpected database row", metadata: ["market.call": "\(what)", "error": "\(String(reflecting: error))"])
            return MarketError(.internal, "The server could not complete the request.")
        }
        if error is CancellationError {
            return MarketError(.unavailable, "The request was cancelled because the server is shutting down.")
        }
        // Pool errors (circuit breaker open, pool shut down) and anything else on the way to a
        // connection.
        self.logger.warning("database not available", metadata: ["market.call": "\(what)", "error": "\(error)"])
        return unavailable
    }
}

extension PSQLError {
    /// The SQLSTATE of a server-reported error.
    var sqlState: String? {
        self.code == .server ? self.serverInfo?[.sqlState] : nil
    }
}

extension PostgresClient {
    /// Runs a statement whose rows (if any) are not needed, and waits for it to finish, so the
    /// pooled connection is back in the pool when this returns.
    func execute(_ query: PostgresQuery) async throws {
        for try await _ in try await self.query(query) {}
    }
}
