public import Logging
import MarketCore
import MarketProtocol
import NIOTaskExecutor
public import NIOCore
public import NIOPosix
public import ServiceLifecycle
import Synchronization

/// Accepts TCP connections and serves each with ``Connection`` under the ``Router``.
///
/// Stops accepting on graceful shutdown; open connections stop reading, finish the requests they
/// have started, answer them and close.
public final class Listener: Service, Sendable {
    public struct Configuration: Sendable {
        /// Address to bind.
        public var host: String
        /// Port to bind; 0 for any free port.
        public var port: Int
        /// Largest accepted frame payload in bytes.
        public var maximumFrameLength: Int
        /// Close a connection after this long without input.
        public var idleTimeout: Duration
        /// Most simultaneous connections; more are answered `overloaded` and closed.
        public var maximumConnections: Int
        /// Most requests in progress per connection.
        public var maximumPipelinedRequests: Int
        /// Close a connection whose frame, once begun, has not arrived whole within this long.
        public var frameTimeout: Duration

        public init(
            host: String,
            port: Int,
            maximumFrameLength: Int,
            idleTimeout: Duration,
            maximumConnections: Int,
            maximumPipelinedRequests: Int,
            frameTimeout: Duration = .seconds(30)
        ) {
            self.host = host
            self.port = port
            self.maximumFrameLength = maximumFrameLength
            self.idleTimeout = idleTimeout
            self.maximumConnections = maximumConnections
            self.maximumPipelinedRequests = maximumPipelinedRequests
            self.frameTimeout = frameTimeout
        }
    }

    private let configuration: Configuration
    private let router: Router
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let onListening: @Sendable (SocketAddress) async -> Void
    private let openConnections = Mutex(0)
    private let executors: [ObjectIdentifier: EventLoopExecutor]

    /// - Parameter onListening: called once the socket is bound, with the actual address (tests
    ///   bind port 0 and learn the port here).
    public init(
        configuration: Configuration,
        router: Router,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        onListening: @escaping @Sendable (SocketAddress) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.router = router
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.onListening = onListening
        self.executors = EventLoopExecutor.executors(for: eventLoopGroup)
    }

    public func run() async throws {
        let configuration = self.configuration
        let server = try await ServerBootstrap(group: self.eventLoopGroup)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let reading = ReadingState(maximumInProgress: configuration.maximumPipelinedRequests)
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: TimeAmount(configuration.idleTimeout)))
                    try channel.pipeline.syncOperations.addHandler(IdleConnectionCloser())
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(
                            DeadlineFrameDecoder(
                                maximumFrameLength: configuration.maximumFrameLength,
                                timeout: TimeAmount(configuration.frameTimeout),
                                reading: reading
                            )
                        )
                    )
                    return (try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel), reading)
                }
            }

        guard let address = server.channel.localAddress else { throw ListenerError.notBound }
        self.logger.info("listening", metadata: ["market.address": "\(address)"])
        await self.onListening(address)

        try await withGracefulShutdownHandler {
            try await server.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await (connection, reading) in inbound {
                            group.addTask { await self.serve(connection, reading: reading) }
                        }
                    } catch {
                        self.logger.error("accept loop failed", metadata: ["error": "\(error)"])
                    }
                }
            }
        } onGracefulShutdown: {
            self.logger.info("stopped accepting connections")
            server.channel.close(promise: nil)
        }
        self.logger.info("all connections closed")
    }

    private func serve(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, reading: ReadingState) async {
        var logger = self.logger
        logger[metadataKey: "market.peer"] = "\(channel.channel.remoteAddress.map { "\($0)" } ?? "?")"

        let admitted = self.openConnections.withLock { count in
            guard count < self.configuration.maximumConnections else { return false }
            count += 1
            return true
        }
        guard admitted else {
            logger.warning("refusing connection: at the connection limit", metadata: ["market.limit": "\(self.configuration.maximumConnections)"])
            await Self.refuse(channel)
            return
        }
        defer { self.openConnections.withLock { $0 -= 1 } }

        let connection = Connection(
            channel: channel,
            router: self.router,
            maximumPipelinedRequests: self.configuration.maximumPipelinedRequests,
            reading: reading,
            logger: logger
        )
        await withGracefulShutdownHandler {
            await withTaskExecutorPreference(self.executors[ObjectIdentifier(channel.channel.eventLoop)]) {
                await connection.run()
            }
        } onGracefulShutdown: {
            // Stop reading; requests already read are answered before the connection closes.
            channel.channel.close(mode: .input, promise: nil)
        }
    }

    private static func refuse(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let error = MarketError(.overloaded, "The server is at its connection limit; please try again shortly.")
        try? await channel.executeThenClose { _, outbound in
            let frame = try WireFormat.frame(OutgoingResponse.failure(id: nil, error: error), allocator: channel.channel.allocator)
            try await outbound.write(frame)
        }
    }

    /// Open client connections right now.
    public var connectionCount: Int { self.openConnections.withLock { $0 } }

    enum ListenerError: Error {
        case notBound
    }
}
