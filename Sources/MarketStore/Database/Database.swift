public import Logging
import MarketCore
import NIOTaskExecutor
public import NIOCore
public import NIOPosix
import PostgresNIO
import Synchronization
public import ServiceLifecycle

/// One PostgreSQL database behind a connection pool, with the error policy every store shares:
/// calls are bounded by a timeout, and whatever goes wrong reaches callers as a ``MarketError``
/// (`unavailable` when the database cannot be reached, `internal` for the rest, details logged).
/// While the database is down, calls are refused at once instead of each waiting out the timeout
/// (``OutageBreaker``).
public final class Database: Service, Sendable {
    public let configuration: DatabaseConfiguration
    let logger: Logger
    /// One pool per event loop, so that a request served on a loop queries on that loop's own
    /// connections and never hops between threads.
    private let pools: [LoopPool]
    /// Each loop's place in `pools`.
    private let poolIndex: [ObjectIdentifier: Int]
    private let nextPool = Atomic<Int>(0)
    /// Calls run once more because PostgreSQL failed their first run to break a deadlock or a
    /// serialization conflict (see ``perform(_:retryingConflicts:_:)``): the retry hides it from
    /// the caller, this and the log do not. Calls that take their locks in one order never
    /// deadlock with each other, so the concurrency tests expect none.
    private let conflictRetries = Atomic<Int>(0)
    public var conflictsRetried: Int { self.conflictRetries.load(ordering: .relaxed) }
    private let breaker = Mutex(OutageBreaker())
    /// How many pools have had `run()` called, and the calls waiting for all of them: the
    /// services of a server start together, and a query leased before its pool runs would wait
    /// anyway (PostgresNIO logs a warning for each).
    private let poolsRunning = Atomic<Int>(0)
    private let waitingForPools = Mutex<[CheckedContinuation<Void, Never>]>([])
    /// Calls that could not reach the database; `run()` probes it after each.
    private let suspicions: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation) = AsyncStream.makeStream(
        bufferingPolicy: .bufferingNewest(1)
    )

    /// - Parameter eventLoopGroup: the loops the pools' connections live on. The connection limit
    ///   is shared out among them (every loop needs at least one).
    public init(configuration: DatabaseConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger) {
        var logger = logger
        logger[metadataKey: "market.database"] = "\(configuration.database)"
        self.configuration = configuration
        self.logger = logger

        let loops = Array(eventLoopGroup.makeIterator())
        var options = PostgresClient.Configuration.Options()
        options.connectTimeout = .seconds(3)
        // The pool arms a keep-alive timer whenever a connection goes idle and disarms it when the
        // connection is leased: two timer operations per query on another thread. Connections that
        // are busy need no keep-alive, and a dead one is noticed by its next query.
        options.keepAliveBehavior = nil
        // Every statement on a hot path is prepared and shaped so that one plan serves all its
        // parameters (key lookups, and index walks bounded by LIMIT). Left to itself, PostgreSQL
        // keeps re-planning some of them on every call, because a generic plan with an unknown
        // LIMIT looks costlier on paper than custom ones: that planning was a sixth of its time.
        //
        // A connection plans each statement once, on first use, and keeps the plan until the
        // tables' statistics change. On fresh databases that first use finds tables nearly
        // empty, where reading a whole table looks cheapest, and the plan then stays a
        // sequential scan while the table grows (in a benchmark on fresh databases, item_terms was
        // scanned whole 1,353 times before autovacuum's first ANALYZE replaced the plans). Every
        // statement here has an index made for it (`SearchPlanTests` checks the search ones), so
        // sequential scans are ruled out unless no index applies at all. That makes a plan that
        // still has one look enormously costly, so JIT compilation (pointless for statements
        // like these) is off too, lest it start compiling on every execution.
        //
        // A call abandoned at its deadline is not cancelled by PostgresNIO once its statements
        // are sent. What keeps one running past it is waiting for a lock (another transaction on
        // the same rows, a table locked by an operator): PostgreSQL gives up such a wait a second
        // after the deadline (rolling the statement back), so that stuck calls cannot keep the
        // pool's connections for good. `lock_timeout` arms a timer only when a statement waits;
        // `statement_timeout` would arm and disarm one for every statement, which cost a tenth
        // of the throughput here (docs/PERFORMANCE.md, Seventeenth session).
        let lockTimeout = configuration.requestTimeout.milliseconds + 1_000
        options.additionalStartupParameters = [
            ("plan_cache_mode", "force_generic_plan"), ("enable_seqscan", "off"), ("jit", "off"),
            ("lock_timeout", "\(lockTimeout)ms"),
        ]
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
        var poolIndex: [ObjectIdentifier: Int] = [:]
        for (index, loop) in loops.enumerated() {
            poolIndex[ObjectIdentifier(loop)] = index
        }
        self.poolIndex = poolIndex
        // The limits shared out: the first loops take one more each of what does not divide
        // evenly (the first also holds the session announcements' connection).
        self.pools = loops.enumerated().map { index, loop in
            var poolConfiguration = clientConfiguration
            poolConfiguration.options.maximumConnections = max(1, Self.share(of: configuration.maximumConnections, among: loops.count, index))
            poolConfiguration.options.minimumConnections = min(
                Self.share(of: configuration.minimumConnections, among: loops.count, index),
                poolConfiguration.options.maximumConnections
            )
            return LoopPool(
                client: PostgresClient(configuration: poolConfiguration, eventLoopGroup: loop, backgroundLogger: logger),
                executor: EventLoopExecutor(eventLoop: loop)
            )
        }
    }

    /// A pool and the loop its connections live on (with the loop's executor, for the tasks that
    /// run its queries and its own housekeeping).
    private struct LoopPool: Sendable {
        let client: PostgresClient
        let executor: EventLoopExecutor
        var eventLoop: any EventLoop { self.executor.eventLoop }
    }

    /// Part `index` of `total` shared out among `count`: the first `total % count` parts are one
    /// larger than the others.
    static func share(of total: Int, among count: Int, _ index: Int) -> Int {
        total / count + (index < total % count ? 1 : 0)
    }

    /// Runs the pools, and the outage probes, until the task is cancelled or a graceful shutdown
    /// begins.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.watchForOutages() }
            await withDiscardingTaskGroup { pools in
                for pool in self.pools {
                    // The pool's own tasks (connecting, handing out leases) run on its loop too.
                    pools.addTask(executorPreference: pool.executor) {
                        self.poolStarts()
                        await pool.client.run()
                    }
                }
            }
            // The pools have shut down: so do the probes.
            group.cancelAll()
        }
    }

    private var arePoolsRunning: Bool { self.poolsRunning.load(ordering: .acquiring) == self.pools.count }

    /// A pool is about to run: once all are, the calls that came first go ahead. (They query on
    /// the pool's own event loop, which is busy entering `run()` until it has.)
    private func poolStarts() {
        guard self.poolsRunning.add(1, ordering: .acquiringAndReleasing).newValue == self.pools.count else { return }
        let waiting = self.waitingForPools.withLock { waiting in
            defer { waiting = [] }
            return waiting
        }
        for call in waiting { call.resume() }
    }

    /// Returns once every pool runs.
    private func untilPoolsRun() async {
        guard !self.arePoolsRunning else { return }
        await withCheckedContinuation { (call: CheckedContinuation<Void, Never>) in
            let runningAlready = self.waitingForPools.withLock { waiting in
                if self.arePoolsRunning { return true }
                waiting.append(call)
                return false
            }
            if runningAlready { call.resume() }
        }
    }

    /// After a call could not reach the database, probes it until it answers (see
    /// ``OutageBreaker``), refusing calls at once meanwhile.
    private func watchForOutages() async {
        for await _ in self.suspicions.stream {
            var reachable = await self.isReachable()
            while !Task.isCancelled {
                let action = self.breaker.withLock { $0.probed(reachable: reachable) }
                guard action == .probeAgain else { break }
                try? await Task.sleep(for: .milliseconds(500))
                reachable = await self.isReachable()
            }
            if Task.isCancelled { self.breaker.withLock { $0.probingStopped() } }
        }
    }

    /// Whether the database's address accepts a TCP connection within half a second: a dead or
    /// unreachable server does not, an overloaded one still does.
    private func isReachable() async -> Bool {
        let bootstrap = ClientBootstrap(group: self.pools[0].eventLoop).connectTimeout(.milliseconds(500))
        do {
            let channel = try await bootstrap.connect(host: self.configuration.host, port: self.configuration.port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }

    /// A call could not reach the database: probe it (once per outage).
    private func suspectOutage() {
        if self.breaker.withLock({ $0.callFailedToReach() }) == .startProbing {
            self.suspicions.continuation.yield()
        }
    }

    /// The pool of the event loop this code runs on, or the next one in turn.
    private var pool: LoopPool {
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop, let index = self.poolIndex[ObjectIdentifier(loop)] {
            return self.pools[index]
        }
        return self.pools[self.nextPool.wrappingAdd(1, ordering: .relaxed).oldValue % self.pools.count]
    }

    private var requestTimeout: TimeAmount {
        .nanoseconds(Int64(self.configuration.requestTimeout.milliseconds) * 1_000_000)
    }

    /// Runs `body` on a pooled connection with the database's error policy and timeout.
    ///
    /// `body` runs in a task of its own on the pool's event loop, racing an event-loop timer for
    /// a promise: at the deadline the caller gets its answer at once, whatever `body` is stuck
    /// in (the task is cancelled and left to finish). A task group with the work and the timer
    /// as children, as before, waited for the work to end even after the deadline; measured in
    /// a one-client loop, the two cost a server the same CPU per call.
    ///
    /// `body` gets its connection only once the pool has one to lend, so a deadline that comes
    /// first (PostgreSQL refusing connections, all of them busy) knows that nothing was sent and
    /// says so; one that comes later cannot know whether the statements took effect.
    ///
    /// With `retryingConflicts`, a `body` of one statement (one transaction, rolled back whole
    /// when PostgreSQL breaks a deadlock or a serialization failure by failing it) runs once more,
    /// on the same connection, before the failure is reported.
    func perform<Result: Sendable>(
        _ what: StaticString,
        retryingConflicts: Bool = false,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(MarketError) -> Result {
        if self.breaker.withLock({ $0.isOpen }) {
            throw self.unavailable
        }
        let pool = self.pool
        let answer = pool.eventLoop.makePromise(of: Result.self)
        let lease = Lease()
        let work = Task(executorPreference: pool.executor) {
            // Within the deadline: a database whose pools never run times out like any other.
            await self.untilPoolsRun()
            do {
                answer.succeed(
                    try await pool.client.withConnection { connection in
                        // Past the deadline the caller was told that nothing was sent: keep it so.
                        guard lease.begin() else { throw CancellationError() }
                        guard retryingConflicts else { return try await body(connection) }
                        do {
                            return try await body(connection)
                        } catch let error as PSQLError where error.isConflict {
                            self.conflictRetries.add(1, ordering: .relaxed)
                            self.logger.warning(
                                "database broke a conflict by failing the call; running it once more",
                                metadata: ["market.call": "\(what)", "postgres.sqlstate": "\(error.sqlState ?? "")"]
                            )
                            return try await body(connection)
                        }
                    }
                )
            } catch {
                answer.fail(error)
            }
        }
        // A promise keeps its first result: whichever of the two completes it first wins.
        let deadline = pool.eventLoop.scheduleTask(in: self.requestTimeout) {
            answer.fail(DatabaseTimeout(hadConnection: !lease.abandon()))
            work.cancel()
        }
        defer { deadline.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await answer.futureResult.get()
            } onCancel: {
                work.cancel()
            }
        } catch let error as MarketError {
            throw error
        } catch {
            throw self.translate(error, during: what)
        }
    }

    private struct DatabaseTimeout: Error {
        /// Whether the call had a connection (and so may have sent its statements) by then.
        let hadConnection: Bool
    }

    /// Whether a call got its connection before its deadline: the work and the deadline race to
    /// settle it, and exactly one of them wins, so a caller told that nothing was sent is right.
    private final class Lease: Sendable {
        private static let waiting = 0, begun = 1, abandoned = 2
        private let state = Atomic<Int>(Lease.waiting)
        /// The connection came: `false` when the deadline came first and the work must not start.
        func begin() -> Bool {
            self.state.compareExchange(expected: Self.waiting, desired: Self.begun, ordering: .acquiringAndReleasing).exchanged
        }
        /// The deadline came: `false` when the work had begun by then.
        func abandon() -> Bool {
            self.state.compareExchange(expected: Self.waiting, desired: Self.abandoned, ordering: .acquiringAndReleasing).exchanged
        }
    }

    private var unavailable: MarketError {
        MarketError(
            .unavailable,
            "The \(self.configuration.database) database is not reachable right now; nothing was changed. Please try again."
        )
    }

    private func translate(_ error: any Error, during what: StaticString) -> MarketError {
        let unavailable = self.unavailable
        if let timeout = error as? DatabaseTimeout, !timeout.hadConnection {
            self.logger.warning("no database connection within the deadline", metadata: ["market.call": "\(what)"])
            self.suspectOutage()
            return MarketError(
                .unavailable,
                "The \(self.configuration.database) database could not be reached in time; nothing was changed. Please try again."
            )
        }
        if error is DatabaseTimeout {
            self.logger.warning("database call timed out", metadata: ["market.call": "\(what)"])
            self.suspectOutage()
            // Unlike a refused connection, the request may have reached the database.
            return MarketError(
                .databaseTimeout,
                "The \(self.configuration.database) database did not answer in time, so whether this took effect is unknown; check before repeating it."
            )
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
                    self.suspectOutage()
                    return unavailable
                }
                // 40001 (serialization failure), 40P01 (deadlock detected), 55P03 (lock not
                // available), 57014 (statement timeout): the transaction was rolled back because
                // of other work on the same rows, or too much of it.
                if state.hasPrefix("40") || state == "55P03" || state == "57014" {
                    self.logger.warning(
                        "database gave up on the call",
                        metadata: ["market.call": "\(what)", "postgres.sqlstate": "\(state)"]
                    )
                    return MarketError(
                        .unavailable,
                        "The \(self.configuration.database) database was busy with other changes to the same data; nothing was changed. Please try again."
                    )
                }
                // 23514 (check violation): a value that MarketCore's rules let through and the
                // schema's checks refuse, a disagreement the log should show. The request was
                // still wrong, not the server.
                if state == "23514" {
                    let column = error.serverInfo?[.columnName]
                    self.logger.error(
                        "database refused a value that passed the rules",
                        metadata: ["market.call": "\(what)", "postgres.message": "\(error.serverInfo?[.message] ?? "")"]
                    )
                    return MarketError(
                        .invalidArgument,
                        column.map { "The \($0) was refused by the database's checks." } ?? "A value was refused by the database's checks.",
                        field: column
                    )
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
            self.suspectOutage()
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

    /// A deadlock broken (40P01) or a serialization failure (40001): the transaction was rolled
    /// back because of another one, and may be run again.
    var isConflict: Bool { self.sqlState == "40P01" || self.sqlState == "40001" }
}

extension PostgresConnection {
    /// Runs a statement whose rows (if any) are not needed, and waits for it to finish.
    func execute(_ query: PostgresQuery) async throws {
        for try await _ in try await self.query(query) {}
    }

    /// Runs a statement; its rows are read from the sequence returned.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await self.query(query, logger: Self.quiet)
    }

    /// The statements' logger: PostgresNIO's own logging of each one is not wanted (failures
    /// reach ``Database/perform(_:_:)``, which logs them with the call's name).
    static let quiet = Logger(label: "market.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
}

extension Database {
    /// Listens on `channel` until the connection breaks or the task is cancelled, calling
    /// `onListening` once the subscription is in place and `onNotification` with each payload.
    func listen(
        on channel: String,
        onListening: @escaping @Sendable () -> Void,
        onNotification: @escaping @Sendable (String) -> Void
    ) async throws {
        await self.untilPoolsRun()
        try await self.pools[0].client.withConnection { connection in
            try await connection.listen(on: channel) { notifications in
                onListening()
                for try await notification in notifications {
                    onNotification(notification.payload)
                }
            }
        }
    }
}
