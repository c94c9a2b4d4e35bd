public import Logging
public import MarketCore
public import MarketStore

/// What a handler knows about the request besides its arguments.
public struct RequestContext: Sendable {
    /// Logger with connection and request metadata attached.
    public var logger: Logger
    /// The token the request carried, if any.
    public var token: SessionToken?
}

/// A live session of the server's role, resolved from the request's token.
public struct Session: Sendable {
    public var token: SessionToken
    public var key: SessionKey
    public var owner: CustomersStore.SessionOwner
}
