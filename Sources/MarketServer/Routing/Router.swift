public import MarketCore
public import MarketProtocol

/// Maps operation names to handlers, decoding arguments and resolving sessions on the way.
///
/// Built once at start-up by a service (``SellerService``, ``BuyerService``) and then only read.
public struct Router: Sendable {
    typealias Handler = @Sendable (any Sendable, RequestContext) async throws(MarketError) -> any Encodable & Sendable

    private(set) var handlers: [String: Handler] = [:]
    /// Argument decoders for ``RequestDecoder``, one per routed operation.
    public private(set) var argumentDecoders: [String: ArgumentDecoding] = [:]
    private let authenticate: @Sendable (RequestContext, _ countsAsActivity: Bool) async throws(MarketError) -> Session

    /// - Parameter authenticate: resolves the request's token to a live session of this
    ///   server's role, or fails with `not_logged_in`, `session_expired` or `wrong_role`; when
    ///   the operation counts as activity, the session's expiry moves forward.
    public init(authenticate: @escaping @Sendable (RequestContext, _ countsAsActivity: Bool) async throws(MarketError) -> Session) {
        self.authenticate = authenticate
    }

    /// Routes an operation that needs no session.
    public mutating func on<Operation: MarketOperation>(
        _ operation: Operation.Type,
        _ handler: @escaping @Sendable (Operation.Arguments, RequestContext) async throws(MarketError) -> Operation.Result
    ) {
        precondition(!Operation.requiresSession, "\(Operation.name) needs a session")
        self.register(operation) { arguments, context throws(MarketError) in
            try await handler(arguments as! Operation.Arguments, context)
        }
    }

    /// Routes an operation that runs on behalf of a live session.
    public mutating func on<Operation: MarketOperation>(
        _ operation: Operation.Type,
        _ handler: @escaping @Sendable (Operation.Arguments, Session, RequestContext) async throws(MarketError) -> Operation.Result
    ) {
        precondition(Operation.requiresSession, "\(Operation.name) needs no session")
        let authenticate = self.authenticate
        self.register(operation) { arguments, context throws(MarketError) in
            let session = try await authenticate(context, Operation.countsAsActivity)
            return try await handler(arguments as! Operation.Arguments, session, context)
        }
    }

    private mutating func register<Operation: MarketOperation>(_ operation: Operation.Type, _ handler: @escaping Handler) {
        precondition(self.handlers[Operation.name] == nil, "\(Operation.name) routed twice")
        self.handlers[Operation.name] = handler
        self.argumentDecoders[Operation.name] = .decoding(operation)
    }

    /// The names of every routed operation.
    public var operationNames: Set<String> { Set(self.handlers.keys) }

    /// Runs the request's handler and turns the outcome into a response.
    func respond(to request: IncomingRequest, context: RequestContext) async -> OutgoingResponse {
        guard let handler = self.handlers[request.op] else {
            return .failure(id: request.id, error: MarketError(.unknownOp, "This server has no operation “\(request.op)”."))
        }
        do {
            return .success(id: request.id, result: try await handler(request.arguments, context))
        } catch {
            if error.code == .internal || error.code == .unavailable {
                context.logger.warning("request failed", metadata: ["market.error": "\(error.code)"])
            }
            return .failure(id: request.id, error: error)
        }
    }
}
