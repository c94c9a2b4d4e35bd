public import Logging
public import MarketCore
public import MarketStore
public import NIOCore
import NIOPosix
public import ServiceLifecycle
public import UnixSignals

/// A seller or buyer server, assembled: two database pools, the sweeper and the listener, as
/// services for one `ServiceGroup`.
public struct MarketServerApplication: Sendable {
    public let role: Role
    public let configuration: ServerConfiguration
    public let customersDatabase: Database
    public let productsDatabase: Database
    public let listener: Listener
    public let sweeper: SessionSweeper
    public let sessionCache: SessionCache?
    /// The seller server's: wakes dashboards waiting for news.
    public let sellerActivity: SellerActivityWatch?
    let eventLoopGroup: MultiThreadedEventLoopGroup
    let logger: Logger

    /// In start order; a `ServiceGroup` shuts them down in reverse (listener first, pools next,
    /// the event loop threads last).
    public var services: [any Service] {
        [
            EventLoopGroupService(group: self.eventLoopGroup), self.customersDatabase, self.productsDatabase,
            StartupCheck(application: self), self.sweeper,
        ] + (self.sessionCache.map { [$0] } ?? []) + (self.sellerActivity.map { [$0] } ?? []) + [self.listener]
    }

    /// A group that runs every service and shuts down cleanly on SIGTERM and SIGINT.
    public func makeServiceGroup(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint]) -> ServiceGroup {
        ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: self.services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: gracefulShutdownSignals,
                logger: self.logger
            )
        )
    }
}

/// Builds a server of `role` from its configuration. Executables and tests share this.
///
/// - Parameter onListening: called with the bound address once the server accepts connections.
public func buildServer(
    role: Role,
    configuration: ServerConfiguration,
    logger: Logger,
    onListening: @escaping @Sendable (SocketAddress) async -> Void = { _ in }
) -> MarketServerApplication {
    var logger = logger
    logger[metadataKey: "market.role"] = "\(role.rawValue)"
    let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
    let customersDatabase = Database(configuration: configuration.customers, eventLoopGroup: eventLoopGroup, logger: logger)
    let productsDatabase = Database(configuration: configuration.products, eventLoopGroup: eventLoopGroup, logger: logger)
    let customers = CustomersStore(database: customersDatabase)
    let products = ProductsStore(database: productsDatabase)
    let hasher = PasswordHasher(cost: configuration.passwordCost, maximumWaiting: configuration.maximumConnections)
    let policy = CustomersStore.SessionPolicy(timeout: configuration.sessionTimeout)
    let cache = configuration.cachesSessions ? SessionCache(customers: customers, freshness: policy.touchInterval, logger: logger) : nil
    let router: Router
    let activity: SellerActivityWatch?
    switch role {
    case .seller:
        let watch = SellerActivityWatch(products: products, linger: configuration.activityLinger, logger: logger)
        activity = watch
        router = SellerService(customers: customers, products: products, hasher: hasher, sessionPolicy: policy, sessionCache: cache, activity: watch).makeRouter()
    case .buyer:
        activity = nil
        router = BuyerService(customers: customers, products: products, hasher: hasher, sessionPolicy: policy, sessionCache: cache).makeRouter()
    }
    let listener = Listener(
        configuration: Listener.Configuration(
            host: configuration.host,
            port: configuration.port,
            maximumFrameLength: configuration.maximumFrameLength,
            idleTimeout: configuration.idleTimeout,
            maximumConnections: configuration.maximumConnections,
            maximumPipelinedRequests: configuration.maximumPipelinedRequests,
            frameTimeout: configuration.frameTimeout
        ),
        router: router,
        eventLoopGroup: eventLoopGroup,
        logger: logger,
        onListening: onListening
    )
    let sweeper = SessionSweeper(
        customers: customers,
        products: role == .buyer ? products : nil,
        interval: configuration.sweepInterval,
        grace: max(configuration.sessionTimeout, .seconds(3600)),
        logger: logger
    )
    return MarketServerApplication(
        role: role,
        configuration: configuration,
        customersDatabase: customersDatabase,
        productsDatabase: productsDatabase,
        listener: listener,
        sweeper: sweeper,
        sessionCache: cache,
        sellerActivity: activity,
        eventLoopGroup: eventLoopGroup,
        logger: logger
    )
}

/// Owns the server's event loop threads: shuts them down once every other service has stopped.
struct EventLoopGroupService: Service {
    let group: MultiThreadedEventLoopGroup

    func run() async throws {
        try? await gracefulShutdown()
        try await self.group.shutdownGracefully()
    }
}

/// Checks once at start-up that both schemas are in place. A missing schema stops the process
/// with a message saying what to do; an unreachable database only logs a warning, since the
/// server answers `unavailable` until it comes back.
struct StartupCheck: Service {
    let application: MarketServerApplication

    func run() async throws {
        for (database, name, version) in [
            (self.application.customersDatabase, "customers", SchemaVersion.customers),
            (self.application.productsDatabase, "products", SchemaVersion.products),
        ] {
            do {
                let found = try await database.schemaVersion(name)
                guard found == version else {
                    throw StartupError(
                        message: "database \(database.configuration.displayName) has \(found.map { "\(name) schema version \($0)" } ?? "no \(name) schema"); this server needs version \(version). Apply sql/\(name).sql (./market up does) and start again."
                    )
                }
            } catch let error as MarketError {
                self.application.logger.warning(
                    "database not reachable at start-up; serving `unavailable` until it is",
                    metadata: ["market.database": "\(database.configuration.displayName)", "market.error": "\(error.message)"]
                )
            }
        }
        // Stay in the group until shutdown so that finishing does not stop the other services.
        try? await gracefulShutdown()
    }
}

/// A reason the server cannot start, written for the operator.
public struct StartupError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { self.message }
}
