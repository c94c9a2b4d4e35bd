public import MarketCore

/// A request as a client writes it.
public struct OutgoingRequest<Operation: MarketOperation>: Encodable, Sendable {
    public var id: Int64
    public var session: SessionToken?
    public var arguments: Operation.Arguments

    public init(id: Int64, session: SessionToken?, arguments: Operation.Arguments) {
        self.id = id
        self.session = session
        self.arguments = arguments
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKey.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(Operation.name, forKey: .op)
        try container.encodeIfPresent(self.session, forKey: .session)
        try container.encode(self.arguments, forKey: .args)
    }
}
