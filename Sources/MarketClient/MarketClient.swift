public import Logging
public import MarketCore
public import MarketProtocol
public import NIOCore
public import NIOPosix
import Synchronization

/// An async client for one market server (seller or buyer).
///
/// Connects on first use, sends requests without waiting for earlier ones (each carries its own
/// id), and reconnects after the connection breaks: with ``Configuration/reconnectsAutomatically``
/// it keeps trying in the background with a growing pause, so a status line can show
/// "reconnecting…" and recover by itself. Requests that were in flight when a connection broke fail
/// with `connection_lost`, except idempotent ones (reads and repeat-safe writes), which are sent once
/// more on the new connection. The session lives in the server's database, so a new connection
/// changes nothing for the user.
public final class MarketClient: Sendable {
    public struct Configuration: Sendable {
        /// Server host name or address.
        public var host: String
        /// Server port.
        public var port: Int
        /// Largest accepted response frame.
        public var maximumFrameLength: Int
        /// How long to wait for each response.
        public var requestTimeout: Duration
        /// How long one connection attempt may take.
        public var connectTimeout: Duration
        /// Keep reconnecting in the background after the connection breaks.
        public var reconnectsAutomatically: Bool

        public init(
            host: String,
            port: Int,
            maximumFrameLength: Int = 16 << 20,
            requestTimeout: Duration = .seconds(15),
            connectTimeout: Duration = .seconds(3),
            reconnectsAutomatically: Bool = true
        ) {
            self.host = host
            self.port = port
            self.maximumFrameLength = maximumFrameLength
            self.requestTimeout = requestTimeout
            self.connectTimeout = connectTimeout
            self.reconnectsAutomatically = reconnectsAutomatically
        }
    }

    private struct State {
        var machine: ConnectionStateMachine
        var connection: ClientConnection?
        var attempt: EventLoopFuture<ClientConnection>?
        var session: SessionToken?
        var nextID: Int64 = 1
        var observers: [Int: AsyncStream<ConnectionState>.Continuation] = [:]
        var nextObserver = 0
    }

    public let configuration: Configuration
    /// The loop this client's connections live on. Tasks that prefer it as their executor make
    /// calls without switching threads.
    public let eventLoop: any EventLoop
    private let logger: Logger
    private let state: Mutex<State>

    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger = Logger(label: "market.client")) {
        self.configuration = configuration
        self.eventLoop = eventLoopGroup.next()
        self.logger = logger
        self.state = Mutex(State(machine: ConnectionStateMachine(reconnectsAutomatically: configuration.reconnectsAutomatically)))
    }

    /// The token sent with every request that needs a session. Set by a successful Login (through
    /// ``SellerClient`` or ``BuyerClient``) and cleared by Logout; settable to resume a session.
    public var session: SessionToken? {
        get { self.state.withLock { $0.session } }
        set { self.state.withLock { $0.session = newValue } }
    }

    public var connectionState: ConnectionState { self.state.withLock { $0.machine.state } }

    /// The current connection state, then every change, until the client closes.
    public func connectionStates() -> AsyncStream<ConnectionState> {
        let (stream, continuation) = AsyncStream<ConnectionState>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = self.state.withLock { state in
            let id = state.nextObserver
            state.nextObserver += 1
            state.observers[id] = continuation
            continuation.yield(state.machine.state)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.observers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Calls one operation and returns its typed result, or the server's (or the client's own)
    /// error.
    /// - Parameter extraTime: added to the configured request timeout, for an operation that
    ///   takes its time on purpose (a wait for news).
    public func call<Operation: MarketOperation>(_ operation: Operation.Type, _ arguments: Operation.Arguments, extraTime: Duration = .zero) async throws(MarketError) -> Operation.Result {
        var retried = false
        while true {
            let connection = try await self.connection()
            let (id, session) = self.state.withLock { state in
                defer { state.nextID += 1 }
                return (state.nextID, state.session)
            }
            let frame: ByteBuffer
            do {
                let request = OutgoingRequest<Operation>(id: id, session: Operation.requiresSession ? session : nil, arguments: arguments)
                frame = try WireFormat.frame(request, allocator: connection.channel.allocator)
            } catch {
                throw MarketError(.invalidArgument, "The request could not be encoded: \(error)")
            }
            guard frame.readableBytes - 4 <= self.configuration.maximumFrameLength else {
                throw MarketError(.frameTooLarge, "The request is too large to send.")
            }
            switch await connection.send(id: id, frame: frame, decoding: .decoding(operation), timeout: self.configuration.requestTimeout + extraTime) {
            case .success(let result):
                return result as! Operation.Result
            case .failure(let error):
                guard error.code == .connectionLost else { throw error }
                // The write can fail before the channel's close reaches this client: forget the
                // broken connection now, or the next call (this one's retry, too) would use it again.
                self.connectionClosed(connection)
                guard Operation.isIdempotent && !retried else { throw error }
                retried = true
            }
        }
    }

    /// Closes the connection and stops reconnecting. Waiting requests fail with `connection_lost`.
    public func close() {
        let (connection, observers) = self.state.withLock { state in
            state.machine.close()
            defer {
                state.connection = nil
                state.observers.removeAll()
            }
            return (state.connection, Array(state.observers.values))
        }
        connection?.close()
        for observer in observers {
            observer.yield(.closed)
            observer.finish()
        }
    }

    // MARK: - Connecting

    private func connection() async throws(MarketError) -> ClientConnection {
        enum Step {
            case use(ClientConnection)
            case wait(EventLoopFuture<ClientConnection>)
            case start(EventLoopPromise<ClientConnection>)
            case refuse
        }
        let step = self.state.withLock { state -> Step in
            switch state.machine.connectionNeeded() {
            case .useConnection: return state.connection.map(Step.use) ?? .refuse
            case .join: return state.attempt.map(Step.wait) ?? .refuse
            case .refuse: return .refuse
            case .connect: return .start(self.beginAttempt(&state))
            }
        }
        let attempt: EventLoopFuture<ClientConnection>
        switch step {
        case .use(let connection):
            return connection
        case .wait(let future):
            attempt = future
        case .start(let promise):
            self.publish()
            self.connect(fulfilling: promise)
            attempt = promise.futureResult
        case .refuse:
            throw MarketError(.unreachable, "The client is closed.")
        }
        do {
            return try await attempt.get()
        } catch {
            if Self.isUnknownHost(error) {
                throw MarketError(.unreachable, "No address is known for the host “\(self.configuration.host)”.", field: "host")
            }
            throw MarketError(
                .unreachable,
                "Cannot reach the server at \(self.configuration.host):\(self.configuration.port) (\(Self.describe(error)))."
            )
        }
    }

    /// Records a new attempt in `state`; the caller starts it with ``connect(fulfilling:)`` once
    /// the lock is released.
    private func beginAttempt(_ state: inout State) -> EventLoopPromise<ClientConnection> {
        let promise = self.eventLoop.makePromise(of: ClientConnection.self)
        state.attempt = promise.futureResult
        return promise
    }

    /// Opens a connection and records the outcome in the state machine.
    private func connect(fulfilling promise: EventLoopPromise<ClientConnection>) {
        let timeout = self.configuration.connectTimeout
        let maximumFrameLength = self.configuration.maximumFrameLength
        let logger = self.logger
        ClientBootstrap(group: self.eventLoop)
            .connectTimeout(.milliseconds(Int64(timeout.components.seconds) * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let connection = ClientConnection(channel: channel)
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maximumFrameLength: maximumFrameLength)))
                    try channel.pipeline.syncOperations.addHandler(
                        ResponseHandler(connection: connection, logger: logger) { [weak self] in
                            self?.connectionClosed(connection)
                        }
                    )
                    try channel.pipeline.syncOperations.addHandler(ConnectionBox(connection: connection))
                }
            }
            .connect(host: self.configuration.host, port: self.configuration.port)
            .flatMapThrowing { channel -> ClientConnection in
                guard let box = try? channel.pipeline.syncOperations.handler(type: ConnectionBox.self) else {
                    throw ChannelError.inappropriateOperationForState
                }
                return box.connection
            }
            .whenComplete { [weak self] result in
                self?.attemptFinished(result, promise: promise)
            }
    }

    private func attemptFinished(_ result: Result<ClientConnection, any Error>, promise: EventLoopPromise<ClientConnection>) {
        switch result {
        case .success(let connection):
            let closed = self.state.withLock { state -> Bool in
                state.attempt = nil
                guard state.machine.state != .closed else { return true }
                state.machine.connected()
                state.connection = connection
                return false
            }
            if closed {
                connection.close()
            } else if !connection.channel.isActive {
                // It closed before we recorded it, so its close notice was ignored: replay it.
                self.connectionClosed(connection)
            }
        case .failure(let error):
            let action = self.state.withLock { state in
                state.attempt = nil
                return state.machine.connectFailed(reason: Self.describe(error))
            }
            self.follow(action)
        }
        self.publish()
        promise.completeWith(result)
    }

    private func connectionClosed(_ connection: ClientConnection) {
        let action = self.state.withLock { state -> ConnectionStateMachine.FailureAction in
            guard state.connection === connection else { return .none }
            state.connection = nil
            return state.machine.connectionLost(reason: "connection closed")
        }
        self.follow(action)
        self.publish()
    }

    private func follow(_ action: ConnectionStateMachine.FailureAction) {
        guard case .scheduleReconnect(let delay) = action else { return }
        let nanoseconds = Int64(delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        self.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { [weak self] in
            guard let self else { return }
            let promise = self.state.withLock { state -> EventLoopPromise<ClientConnection>? in
                guard state.machine.reconnectTimerFired() == .connect else { return nil }
                return self.beginAttempt(&state)
            }
            if let promise {
                self.publish()
                self.connect(fulfilling: promise)
            }
        }
    }

    private func publish() {
        let (current, observers) = self.state.withLock { ($0.machine.state, Array($0.observers.values)) }
        for observer in observers { observer.yield(current) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return Self.describe(first.error)
        }
        if Self.isUnknownHost(error) { return "unknown host" }
        if let error = error as? IOError { return error.description }
        if error is ChannelError { return "connection failed" }
        return "\(error)"
    }

    /// Whether a connection failed because the host's name has no address: no lookup found one,
    /// so no connection was even tried.
    static func isUnknownHost(_ error: any Error) -> Bool {
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil)
        }
        if case .unknown? = error as? SocketAddressError { return true }
        return false
    }
}

/// Carries the connection object from the channel initializer to the connect future.
private final class ConnectionBox: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Never
    let connection: ClientConnection
    init(connection: ClientConnection) { self.connection = connection }
}
