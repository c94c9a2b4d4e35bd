import Foundation
public import MarketCore
public import NIOCore

/// A response as a client reads it, with the result already decoded into the type the pending
/// request expects.
public struct IncomingResponse: Sendable {
    /// The request's id; `nil` when the server could not read it (the connection is then closing).
    public var id: Int64?
    public var outcome: Result<any Sendable, MarketError>
}

/// How to decode the result of one pending request.
public struct ResultDecoding: Sendable {
    let decode: @Sendable (KeyedDecodingContainer<EnvelopeKey>) throws -> any Sendable

    public static func decoding<Operation: MarketOperation>(_ operation: Operation.Type) -> ResultDecoding {
        ResultDecoding { container in try container.decode(Operation.Result.self, forKey: .result) }
    }
}

/// Decodes response frames for one connection. Not thread-safe: one per connection.
public struct ResponseDecoder {
    private let decoder: JSONDecoder

    /// - Parameter lookup: how to decode the result for a request id, or `nil` for an id that is
    ///   not pending.
    public init(lookup: @escaping @Sendable (Int64) -> ResultDecoding?) {
        self.decoder = WireFormat.makeDecoder()
        self.decoder.userInfo[.marketPendingResults] = Lookup(resultDecoding: lookup)
    }

    public func decode(_ frame: ByteBuffer) throws -> IncomingResponse {
        try self.decoder.decode(Envelope.self, from: Data(frame.readableBytesView)).response
    }

    private struct Lookup: Sendable {
        var resultDecoding: @Sendable (Int64) -> ResultDecoding?
    }

    /// The server sent a response this client cannot read.
    public struct MalformedResponse: Error, Sendable {
        public var id: Int64?
        public var reason: String
    }

    private struct Envelope: Decodable {
        var response: IncomingResponse

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: EnvelopeKey.self)
            let id = try container.decodeIfPresent(Int64.self, forKey: .id)
            let ok = try container.decode(Bool.self, forKey: .ok)
            guard ok else {
                self.response = IncomingResponse(id: id, outcome: .failure(try container.decode(MarketError.self, forKey: .error)))
                return
            }
            guard let id, let lookup = decoder.userInfo[.marketPendingResults] as? Lookup,
                let resultDecoding = lookup.resultDecoding(id)
            else {
                throw MalformedResponse(id: id, reason: "response to a request that is not pending")
            }
            do {
                self.response = IncomingResponse(id: id, outcome: .success(try resultDecoding.decode(container)))
            } catch let error as DecodingError {
                throw MalformedResponse(id: id, reason: error.marketError(below: "result").message)
            }
        }
    }
}
