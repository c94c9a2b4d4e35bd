public import ArgumentParser
import Logging
public import MarketCore
import MarketServer
import ServiceLifecycle

/// Options and start-up shared by `seller-server` and `buyer-server`.
public struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: "Address to listen on; 0.0.0.0 for every interface (env MARKET_LISTEN_HOST).")
    var host: String = Environment.string("MARKET_LISTEN_HOST") ?? "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (env MARKET_LISTEN_PORT; default 7001 for sellers, 7002 for buyers).")
    var port: Int?

    @OptionGroup(title: "Databases")
    var databases: DatabaseOptions

    @Option(name: .customLong("session-timeout"), help: "Seconds without activity after which a session ends (env MARKET_SESSION_TIMEOUT).")
    var sessionTimeout: Int = Environment.int("MARKET_SESSION_TIMEOUT") ?? 300

    @Option(name: .customLong("max-frame"), help: "Largest request frame in bytes (env MARKET_MAX_FRAME).")
    var maximumFrame: Int = Environment.int("MARKET_MAX_FRAME") ?? 1 << 20

    @Option(name: .customLong("idle-timeout"), help: "Seconds after which a silent client connection is closed (env MARKET_IDLE_TIMEOUT).")
    var idleTimeout: Int = Environment.int("MARKET_IDLE_TIMEOUT") ?? 600

    @Option(name: .customLong("max-connections"), help: "Most simultaneous client connections (env MARKET_MAX_CONNECTIONS).")
    var maximumConnections: Int = Environment.int("MARKET_MAX_CONNECTIONS") ?? 4096

    @Option(name: .customLong("password-cost"), help: "scrypt cost for new passwords as log2(N), 10–20 (env MARKET_PASSWORD_COST).")
    var passwordCost: Int = Environment.int("MARKET_PASSWORD_COST") ?? 15

    @Option(help: "Event loop threads; each serves its share of connections with its own database connections (env MARKET_THREADS).")
    var threads: Int = Environment.int("MARKET_THREADS") ?? 1

    @Flag(
        name: .customLong("session-cache"),
        inversion: .prefixedNo,
        help: "Trust a session the database confirmed for a few seconds, invalidated at once when it ends (env MARKET_SESSION_CACHE=0 turns it off)."
    )
    var sessionCache: Bool = Environment.string("MARKET_SESSION_CACHE") != "0"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env MARKET_LOG_LEVEL).")
    var logLevel: String = Environment.string("MARKET_LOG_LEVEL") ?? "info"

    public init() {}

    public mutating func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535.") }
        guard (1...86_400).contains(self.sessionTimeout) else { throw ValidationError("--session-timeout must be from 1 to 86400 seconds.") }
        guard (64...(64 << 20)).contains(self.maximumFrame) else { throw ValidationError("--max-frame must be from 64 bytes to 64 MiB.") }
        guard (1...86_400).contains(self.idleTimeout) else { throw ValidationError("--idle-timeout must be from 1 to 86400 seconds.") }
        guard (1...100_000).contains(self.maximumConnections) else { throw ValidationError("--max-connections must be from 1 to 100000.") }
        guard (1...256).contains(self.threads) else { throw ValidationError("--threads must be from 1 to 256.") }
        // Each thread has database connections of its own, and one customers connection listens
        // for ended sessions for good.
        guard self.threads < self.databases.customersPool, self.threads <= self.databases.productsPool else {
            throw ValidationError("--threads must be below --customers-pool and at most --products-pool: each thread needs database connections of its own.")
        }
        guard (10...20).contains(self.passwordCost) else { throw ValidationError("--password-cost must be from 10 to 20.") }
        guard Logger.Level(rawValue: self.logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.") }
    }

    func configuration(for role: Role) -> ServerConfiguration {
        ServerConfiguration(
            host: self.host,
            port: self.port ?? Environment.int("MARKET_LISTEN_PORT") ?? role.defaultPort,
            customers: self.databases.customers,
            products: self.databases.products,
            sessionTimeout: .seconds(self.sessionTimeout),
            maximumFrameLength: self.maximumFrame,
            idleTimeout: .seconds(self.idleTimeout),
            maximumConnections: self.maximumConnections,
            passwordCost: PasswordHasher.Cost(logN: self.passwordCost),
            threads: self.threads,
            cachesSessions: self.sessionCache
        )
    }

    /// Runs a server of `role` until SIGTERM or SIGINT.
    public func runServer(role: Role) async throws {
        Environment.raiseOpenFileLimit()
        let level = Logger.Level(rawValue: self.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "market.\(role.rawValue)-server")
        let application = buildServer(role: role, configuration: self.configuration(for: role), logger: logger)
        do {
            try await application.makeServiceGroup().run()
        } catch let error as StartupError {
            // Logged rather than printed: a server's output is its log, on standard error.
            logger.critical("\(error.message)")
            throw ExitCode.failure
        } catch let error as ServiceGroupError {
            throw ValidationError("the server stopped: \(error)")
        }
    }
}
