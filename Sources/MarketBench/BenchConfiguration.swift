/// What to measure and where.
public struct BenchConfiguration: Sendable {
    /// The seller server (a loopback address).
    public var sellerHost: String
    public var sellerPort: Int
    /// The buyer server (a loopback address).
    public var buyerHost: String
    public var buyerPort: Int
    /// Concurrent sellers per scenario; each scenario runs as many buyers.
    public var scenarios: [Int]
    /// Timed API calls per client per run.
    public var callsPerClient: Int
    /// Runs per scenario; figures are averaged over them.
    public var runs: Int
    /// Items each seller registers during set-up, so buyers have a catalogue.
    public var itemsPerSeller: Int
    /// Accounts are created and logged in with this many requests in flight at once.
    public var setupConcurrency: Int
    /// Prefix of the usernames the benchmark creates, so repeated runs never collide.
    public var accountPrefix: String

    public init(
        sellerHost: String = "127.0.0.1",
        sellerPort: Int = 7001,
        buyerHost: String = "127.0.0.1",
        buyerPort: Int = 7002,
        scenarios: [Int] = [1, 10, 100, 1000],
        callsPerClient: Int = 1000,
        runs: Int = 10,
        itemsPerSeller: Int = 10,
        setupConcurrency: Int = 64,
        accountPrefix: String
    ) {
        self.sellerHost = sellerHost
        self.sellerPort = sellerPort
        self.buyerHost = buyerHost
        self.buyerPort = buyerPort
        self.scenarios = scenarios
        self.callsPerClient = callsPerClient
        self.runs = runs
        self.itemsPerSeller = itemsPerSeller
        self.setupConcurrency = setupConcurrency
        self.accountPrefix = accountPrefix
    }

    /// Load is only ever aimed at this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
