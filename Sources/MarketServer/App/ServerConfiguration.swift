public import MarketStore
public import MarketProtocol

/// Everything a seller or buyer server needs to know to run.
public struct ServerConfiguration: Sendable {
    /// Address to listen on. `127.0.0.1` by default; `0.0.0.0` for every interface.
    public var host: String
    /// TCP port to listen on; 0 picks a free one (tests).
    public var port: Int
    /// The customers database (accounts, sessions).
    public var customers: DatabaseConfiguration
    /// The products database (items, carts, purchases, feedback).
    public var products: DatabaseConfiguration
    /// A session ends after this long without a request.
    public var sessionTimeout: Duration
    /// Largest accepted frame payload in bytes.
    public var maximumFrameLength: Int
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration
    /// A connection whose frame, once begun, has not arrived whole within this long is closed.
    public var frameTimeout: Duration = .seconds(30)
    /// Most simultaneous client connections; more are answered `overloaded` and closed.
    public var maximumConnections: Int
    /// Most requests one connection may have in progress at once; further frames wait unread.
    public var maximumPipelinedRequests: Int
    /// Password hashing cost.
    public var passwordCost: PasswordHasher.Cost
    /// Event loop threads. Each serves its share of the connections together with its own
    /// database connections (see ``EventLoopExecutor``). One is best where the database and the
    /// clients share a small machine; use the core count on a machine of its own.
    public var threads: Int
    /// Remember sessions the database confirmed for a few seconds (see ``SessionCache``), so most
    /// requests cost one database round trip instead of two.
    public var cachesSessions: Bool
    /// How often the buyer server sweeps the carts of ended sessions and ended sessions themselves.
    public var sweepInterval: Duration
    /// How long the seller server keeps listening to the database's announcements of sales and
    /// votes after the last dashboard's wait for news ended (see ``SellerActivityWatch``).
    public var activityLinger: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int,
        customers: DatabaseConfiguration = DatabaseConfiguration(database: "customers"),
        products: DatabaseConfiguration = DatabaseConfiguration(database: "products"),
        sessionTimeout: Duration = .seconds(300),
        maximumFrameLength: Int = WireFormat.defaultMaximumFrameLength,
        idleTimeout: Duration = .seconds(600),
        maximumConnections: Int = 4096,
        maximumPipelinedRequests: Int = 32,
        passwordCost: PasswordHasher.Cost = PasswordHasher.Cost(),
        threads: Int = 1,
        cachesSessions: Bool = true,
        sweepInterval: Duration = .seconds(60),
        activityLinger: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.customers = customers
        self.products = products
        self.sessionTimeout = sessionTimeout
        self.maximumFrameLength = maximumFrameLength
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
        self.maximumPipelinedRequests = maximumPipelinedRequests
        self.passwordCost = passwordCost
        self.threads = threads
        self.cachesSessions = cachesSessions
        self.sweepInterval = sweepInterval
        self.activityLinger = activityLinger
    }
}
