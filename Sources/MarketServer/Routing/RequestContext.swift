public import Logging
public import MarketCore
public import MarketStore

/// What a handler knows about the request besides its arguments.
public struct RequestContext: Sendable {
    /// The connection's logger.
    public var connectionLogger: Logger
    /// The request's operation name and id, for the log.
    public var operation: String
    public var requestID: Int64
    /// The token the request carried, if any.
    public var token: SessionToken?

    /// Logger with connection and request metadata attached. Built when something is logged, not
    /// for every request: formatting the metadata cost more than some requests' own work.
    public var logger: Logger {
        var logger = self.connectionLogger
        logger[metadataKey: "market.op"] = "\(self.operation)"
        logger[metadataKey: "market.request"] = "\(self.requestID)"
        return logger
    }
}

/// A live session of the server's role, resolved from the request's token.
public struct Session: Sendable {
    public var token: SessionToken
    public var key: SessionKey
    public var owner: CustomersStore.SessionOwner
}
