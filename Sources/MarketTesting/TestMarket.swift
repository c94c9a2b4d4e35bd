import Logging
public import MarketClient
public import MarketCore
public import MarketServer
public import MarketStore
import NIOCore
import ServiceLifecycle

/// Both servers running in this process, on ports handed out once per run (``FreePort``), against
/// fresh databases of the test cluster.
///
/// ```swift
/// try await TestMarket.with { market in
///     let buyer = market.buyerClient()
///     …
/// }
/// ```
public final class TestMarket: Sendable {
    public let postgres: TestPostgres
    public let customers: DatabaseConfiguration
    public let products: DatabaseConfiguration
    public let configuration: ServerConfiguration
    private let servers = LockedValue<[Role: RunningServer]>([:])
    private let clients = LockedValue<[MarketClient]>([])

    /// Runs `body` against a fresh market and stops it afterwards, also when `body` throws.
    public static func with(
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (TestMarket) async throws -> Void
    ) async throws {
        let market = try await TestMarket.start(configure: configure)
        do {
            try await body(market)
        } catch {
            await market.stop()
            throw error
        }
        await market.stop()
    }

    /// Starts a seller server and a buyer server.
    ///
    /// - Parameter configure: adjusts the configuration (session timeout, frame limit, …) before
    ///   the servers start. Tests use a cheap password hash unless they set their own.
    public static func start(configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> TestMarket {
        let postgres = try await TestPostgres.shared()
        let databases = try await postgres.makeDatabases()
        var configuration = ServerConfiguration(
            port: 0,  // each server gets a port of its own in startServer
            customers: databases.customers,
            products: databases.products,
            passwordCost: PasswordHasher.Cost(logN: 10)
        )
        configure(&configuration)
        let market = TestMarket(postgres: postgres, customers: databases.customers, products: databases.products, configuration: configuration)
        try await market.startServer(.seller)
        try await market.startServer(.buyer)
        return market
    }

    private init(postgres: TestPostgres, customers: DatabaseConfiguration, products: DatabaseConfiguration, configuration: ServerConfiguration) {
        self.postgres = postgres
        self.customers = customers
        self.products = products
        self.configuration = configuration
    }

    /// The port the server of `role` listens on.
    public func port(_ role: Role) -> Int {
        self.servers.withLock { $0[role]!.port }
    }

    /// Starts (or starts again) the server of `role`. It keeps its port when restarted, and no
    /// other test is given that port (see ``FreePort/reserve()``).
    public func startServer(_ role: Role) async throws {
        var configuration = self.configuration
        configuration.port = try self.servers.withLock({ $0[role]?.port }) ?? FreePort.reserve()
        let server = try await RunningServer.start(role: role, configuration: configuration)
        self.servers.withLock { $0[role] = server }
    }

    /// Stops the server of `role` gracefully and waits until it is down.
    public func stopServer(_ role: Role) async {
        guard let server = self.servers.withLock({ $0[role] }) else { return }
        await server.stop()
    }

    /// Runs one pass of the server's session sweeper now instead of waiting for its timer.
    public func sweepOnce(_ role: Role) async {
        await self.application(role).sweeper.sweepOnce()
    }

    /// The applications of the servers started so far.
    var applications: [MarketServerApplication] {
        self.servers.withLock { $0.values.map(\.application) }
    }

    /// Calls that PostgreSQL failed to break a deadlock or a serialization conflict, and that the
    /// servers then ran once more (which hides the failure from the caller), since they started.
    public var conflictsRetried: Int {
        self.applications.reduce(0) { $0 + $1.customersDatabase.conflictsRetried + $1.productsDatabase.conflictsRetried }
    }

    /// The server of `role`'s parts (its session cache, its databases), for assertions.
    public func application(_ role: Role) -> MarketServerApplication {
        self.servers.withLock { $0[role]!.application }
    }

    /// The client connections the server of `role` has open right now.
    public func openConnections(_ role: Role) -> Int {
        self.application(role).listener.connectionCount
    }

    /// A client for the seller server, closed by ``stop()``.
    public func sellerClient() -> SellerClient {
        SellerClient(client: self.client(for: .seller))
    }

    /// A client for the buyer server, closed by ``stop()``.
    public func buyerClient() -> BuyerClient {
        BuyerClient(client: self.client(for: .buyer))
    }

    public func client(for role: Role, reconnectsAutomatically: Bool = false) -> MarketClient {
        let client = MarketClient(
            configuration: MarketClient.Configuration(
                host: "127.0.0.1",
                port: self.port(role),
                requestTimeout: .seconds(20),
                reconnectsAutomatically: reconnectsAutomatically
            )
        )
        self.clients.withLock { $0.append(client) }
        return client
    }

    /// Runs SQL against the customers database (psql), for assertions on stored state.
    public func customersQuery(_ sql: String) async throws -> [String] {
        try await self.postgres.query(sql, database: self.customers.database)
    }

    /// Runs SQL against the products database (psql), for assertions on stored state.
    public func productsQuery(_ sql: String) async throws -> [String] {
        try await self.postgres.query(sql, database: self.products.database)
    }

    /// Closes every client and stops both servers.
    public func stop() async {
        for client in self.clients.withLock({ $0 }) { client.close() }
        await self.stopServer(.seller)
        await self.stopServer(.buyer)
    }
}

/// One server's service group running in a background task.
private final class RunningServer: Sendable {
    let port: Int
    let application: MarketServerApplication
    let group: ServiceGroup
    let task: Task<Void, any Error>

    private init(port: Int, application: MarketServerApplication, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.application = application
        self.group = group
        self.task = task
    }

    static func start(role: Role, configuration: ServerConfiguration) async throws -> RunningServer {
        var logger = Logger(label: "test.\(role.rawValue)")
        logger.logLevel = .critical
        let (addresses, continuation) = AsyncStream<Int>.makeStream()
        let application = buildServer(role: role, configuration: configuration, logger: logger) { address in
            continuation.yield(address.port ?? 0)
            continuation.finish()
        }
        let group = application.makeServiceGroup(gracefulShutdownSignals: [])
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = addresses.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            let failure = await task.result
            throw TestPostgresError("the \(role.rawValue) server did not start: \(failure)")
        }
        return RunningServer(port: port, application: application, group: group, task: task)
    }

    func stop() async {
        await self.group.triggerGracefulShutdown()
        _ = await self.task.result
    }
}
