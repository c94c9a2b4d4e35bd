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
    /// The fast path, for results that are ``JSONReadable``.
    let read: (@Sendable (inout JSONReader) throws -> any Sendable)?

    public static func decoding<Operation: MarketOperation>(_ operation: Operation.Type) -> ResultDecoding {
        var read: (@Sendable (inout JSONReader) throws -> any Sendable)?
        if let readable = Operation.Result.self as? any (JSONReadable & Sendable).Type {
            read = { json in try readable.init(json: &json) }
        }
        return ResultDecoding(decode: { container in try container.decode(Operation.Result.self, forKey: .result) }, read: read)
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
        if let response = try self.read(frame) { return response }
        return try self.decoder.decode(Envelope.self, from: Data(frame.readableBytesView)).response
    }

    /// The fast path: a success whose result is ``JSONReadable``, read in place. `nil` leaves the
    /// frame to `JSONDecoder` (failures, other results, and anything malformed, which it then
    /// reports as it always has).
    private func read(_ frame: ByteBuffer) throws -> IncomingResponse? {
        let lookup = self.lookup
        return try frame.withUnsafeReadableBytes { bytes -> IncomingResponse? in
            var json = JSONReader(bytes: bytes)
            var id: Int64?
            var ok: Bool?
            var resultOffset: Int?
            do {
                try json.readObject { json, key in
                    switch key {
                    case "id": id = try Int64?(json: &json)
                    case "ok": ok = try Bool(json: &json)
                    case "result":
                        resultOffset = json.offset
                        try json.skipValue()
                    default: try json.skipValue()
                    }
                }
                try json.expectEnd()
            } catch {
                return nil
            }
            guard ok == true, let id, let resultOffset, let decoding = lookup.resultDecoding(id), let read = decoding.read else {
                return nil
            }
            var result = JSONReader(bytes: bytes, offset: resultOffset)
            do {
                return IncomingResponse(id: id, outcome: .success(try read(&result)))
            } catch {
                throw MalformedResponse(id: id, reason: "result: \(error)")
            }
        }
    }

    private var lookup: Lookup {
        self.decoder.userInfo[.marketPendingResults] as! Lookup
    }

    private struct Lookup: Sendable {
        var resultDecoding: @Sendable (Int64) -> ResultDecoding?
    }

    /// The server sent a response this client cannot read.
    public struct MalformedResponse: Error, Sendable {
        public var id: Int64?
        public var reason: String
    }

    /// A success for a request that is not pending: usually one the client stopped waiting for
    /// (it timed out), answered once the server caught up.
    public struct UnexpectedResponse: Error, Sendable {
        public var id: Int64
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
            guard let id else { throw MalformedResponse(id: nil, reason: "a success without an id") }
            guard let lookup = decoder.userInfo[.marketPendingResults] as? Lookup, let resultDecoding = lookup.resultDecoding(id) else {
                throw UnexpectedResponse(id: id)
            }
            do {
                self.response = IncomingResponse(id: id, outcome: .success(try resultDecoding.decode(container)))
            } catch let error as DecodingError {
                throw MalformedResponse(id: id, reason: error.marketError(below: "result").message)
            }
        }
    }
}
