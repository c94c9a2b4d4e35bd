public import Logging
public import MarketCore
public import MarketStore
public import NIOCore
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
    let logger: Logger

    /// In start order; a `ServiceGroup` shuts them down in reverse (listener first, pools last).
    public var services: [any Service] {
        [self.customersDatabase, self.productsDatabase, StartupCheck(application: self), self.sweeper, self.listener]
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
    let customersDatabase = Database(configuration: configuration.customers, logger: logger)
    let productsDatabase = Database(configuration: configuration.products, logger: logger)
    let customers = CustomersStore(database: customersDatabase)
    let products = ProductsStore(database: productsDatabase)
    let hasher = PasswordHasher(cost: configuration.passwordCost)
    let policy = CustomersStore.SessionPolicy(timeout: configuration.sessionTimeout)

    let router =
        switch role {
        case .seller:
            SellerService(customers: customers, products: products, hasher: hasher, sessionPolicy: policy).makeRouter()
        case .buyer:
            BuyerService(customers: customers, products: products, hasher: hasher, sessionPolicy: policy).makeRouter()
        }
    let listener = Listener(
        configuration: Listener.Configuration(
            host: configuration.host,
            port: configuration.port,
            maximumFrameLength: configuration.maximumFrameLength,
            idleTimeout: configuration.idleTimeout,
            maximumConnections: configuration.maximumConnections,
            maximumPipelinedRequests: configuration.maximumPipelinedRequests
        ),
        router: router,
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
        logger: logger
    )
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
