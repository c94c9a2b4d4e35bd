import Foundation
public import MarketCore
public import NIOCore

/// A request as a server reads it: envelope fields plus arguments already decoded into the
/// operation's own type.
public struct IncomingRequest: Sendable {
    public var id: Int64
    public var op: String
    public var session: SessionToken?
    public var arguments: any Sendable
}

/// Why a frame could not become an ``IncomingRequest``, with the id when it was readable, so the
/// error response can still be matched by the client.
public struct RequestDecodingFailure: Error, Sendable {
    public var id: Int64?
    public var error: MarketError
}

/// How to decode one operation's arguments; the server builds one per routed operation.
public struct ArgumentDecoding: Sendable {
    let decode: @Sendable (KeyedDecodingContainer<EnvelopeKey>) throws -> any Sendable
    /// The fast path, for arguments that are ``JSONReadable``.
    let read: (@Sendable (inout JSONReader) throws -> any Sendable)?
    /// Whether the operation runs on behalf of a session: without a usable token its arguments
    /// do not matter, and a bad argument is reported as `not_logged_in`, as a good one would be.
    let requiresSession: Bool

    public static func decoding<Operation: MarketOperation>(_ operation: Operation.Type) -> ArgumentDecoding {
        var read: (@Sendable (inout JSONReader) throws -> any Sendable)?
        if let readable = Operation.Arguments.self as? any (JSONReadable & Sendable).Type {
            read = { json in try readable.init(json: &json) }
        }
        return ArgumentDecoding(read: read, requiresSession: Operation.requiresSession) { container in
            if container.contains(.args) {
                return try container.decode(Operation.Arguments.self, forKey: .args)
            }
            // A missing `args` reads as `{}`: fine for operations without required arguments,
            // and a "missing field" error naming the first required one otherwise.
            return try WireFormat.makeDecoder().decode(Operation.Arguments.self, from: Data("{}".utf8))
        }
    }

    private init(
        read: (@Sendable (inout JSONReader) throws -> any Sendable)?,
        requiresSession: Bool,
        decode: @escaping @Sendable (KeyedDecodingContainer<EnvelopeKey>) throws -> any Sendable
    ) {
        self.read = read
        self.requiresSession = requiresSession
        self.decode = decode
    }
}

/// Decodes request frames for one connection. Not thread-safe: one per connection.
public struct RequestDecoder {
    private let decoder: JSONDecoder

    /// - Parameter operations: argument decoders keyed by wire name.
    public init(operations: [String: ArgumentDecoding]) {
        self.decoder = WireFormat.makeDecoder()
        self.decoder.userInfo[.marketOperations] = OperationTable(operations: operations)
    }

    public func decode(_ frame: ByteBuffer) -> Result<IncomingRequest, RequestDecodingFailure> {
        // JSON parsers check UTF-8 only in the parts they look at; the protocol promises more.
        guard String(validating: frame.readableBytesView, as: UTF8.self) != nil else {
            return .failure(RequestDecodingFailure(id: nil, error: MarketError(.badRequest, "The frame is not valid UTF-8.")))
        }
        if let request = self.read(frame) { return .success(request) }
        let slow = self.decodeWithFoundation(frame)
        // Foundation's decoder takes a number that is no 64-bit integer, where one belongs (1.5,
        // 1e400), for text that is not JSON at all, and says neither where nor which request.
        guard case .failure(let failure) = slow, failure.error.code == .badRequest, let misread = Self.misreadNumber(in: frame) else { return slow }
        if self.table.operations[misread.op]?.requiresSession == true {
            guard let session = misread.session else { return .failure(RequestDecodingFailure(id: misread.id, error: .noSession)) }
            guard session.isWellFormed else { return .failure(RequestDecodingFailure(id: misread.id, error: .foreignSession)) }
        }
        let error = MarketError(.invalidArgument, "Field “\(misread.field)” has the wrong type: expected a whole number of at most 64 bits.", field: misread.field)
        return .failure(RequestDecodingFailure(id: misread.id, error: error))
    }

    /// The request's envelope and the path below `args` of its first number that is no 64-bit
    /// integer, if the frame is a JSON object with both (read again, the slow way: only for a
    /// request already refused).
    private static func misreadNumber(in frame: ByteBuffer) -> (id: Int64, op: String, session: SessionToken?, field: String)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(frame.readableBytesView)) as? [String: Any],
            let id = (object["id"] as? NSNumber).flatMap(Self.integer), let op = object["op"] as? String,
            let arguments = object["args"], let path = Self.pathToNonInteger(in: arguments)
        else { return nil }
        let session = (object["session"] as? String).map(SessionToken.init(rawValue:))
        guard object["session"] == nil || object["session"] is NSNull || session != nil else { return nil }
        return (id, op, session, path)
    }

    /// `number` as a 64-bit integer, if it is one (2.0 is; 1.5, 2⁶³ and `true` are not), by the
    /// type JSONSerialization read it as.
    private static func integer(_ number: NSNumber) -> Int64? {
        switch String(cString: number.objCType) {
        case "c", "B":
            return nil  // true or false
        case "d", "f":
            let value = number.doubleValue
            guard value.rounded() == value, value >= -0x1p63, value < 0x1p63 else { return nil }
            return Int64(value)
        case "Q", "L", "I", "S", "C":
            return number.uint64Value <= UInt64(Int64.max) ? Int64(number.uint64Value) : nil
        default:
            return number.int64Value
        }
    }

    /// The field (`quantity`, `itemID.category`, `keywords[0]`) of the first number in `value`
    /// that is no 64-bit integer: "" for `value` itself, nil when there is none.
    private static func pathToNonInteger(in value: Any) -> String? {
        func below(_ name: String, _ inner: Any) -> String? {
            Self.pathToNonInteger(in: inner).map { $0.isEmpty || $0.hasPrefix("[") ? name + $0 : name + "." + $0 }
        }
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().lazy.compactMap { below($0, object[$0]!) }.first
        case let array as [Any]:
            return array.indices.lazy.compactMap { below("[\($0)]", array[$0]) }.first
        case let number as NSNumber:
            return Self.integer(number) == nil ? "" : nil
        default:
            return nil
        }
    }

    /// The slow path, which names what is wrong with a request.
    private func decodeWithFoundation(_ frame: ByteBuffer) -> Result<IncomingRequest, RequestDecodingFailure> {
        do {
            let envelope = try self.decoder.decode(Envelope.self, from: Data(frame.readableBytesView))
            return .success(envelope.request)
        } catch let failure as RequestDecodingFailure {
            return .failure(failure)
        } catch let error as DecodingError {
            return .failure(RequestDecodingFailure(id: nil, error: error.marketError()))
        } catch {
            return .failure(RequestDecodingFailure(id: nil, error: MarketError(.badRequest, "The request could not be decoded.")))
        }
    }

    private var table: OperationTable { self.decoder.userInfo[.marketOperations] as! OperationTable }

    /// The fast path: a well-formed request with arguments that are ``JSONReadable``, read in
    /// place. `nil` leaves the frame to `JSONDecoder`, which names what is wrong with it.
    private func read(_ frame: ByteBuffer) -> IncomingRequest? {
        let table = self.table
        return frame.withUnsafeReadableBytes { bytes -> IncomingRequest? in
            var json = JSONReader(bytes: bytes)
            var id: Int64?
            var op: String?
            var session: SessionToken?
            var argumentsOffset: Int?
            do {
                try json.readObject { json, key in
                    switch key {
                    case "id": id = try Int64(json: &json)
                    case "op": op = try String(json: &json)
                    case "session": session = try SessionToken?(json: &json)
                    case "args":
                        argumentsOffset = json.offset
                        try json.skipValue()
                    default: try json.skipValue()
                    }
                }
                try json.expectEnd()
                guard let id, let op, let read = table.operations[op]?.read else { return nil }
                guard let argumentsOffset else {
                    // Omitted arguments read as `{}`, as in the slow path.
                    return try Self.emptyObject.withUnsafeBytes { empty in
                        var arguments = JSONReader(bytes: empty)
                        return IncomingRequest(id: id, op: op, session: session, arguments: try read(&arguments))
                    }
                }
                var arguments = JSONReader(bytes: bytes, offset: argumentsOffset)
                return IncomingRequest(id: id, op: op, session: session, arguments: try read(&arguments))
            } catch {
                return nil
            }
        }
    }

    private static let emptyObject: [UInt8] = Array("{}".utf8)

    private struct OperationTable: Sendable {
        var operations: [String: ArgumentDecoding]
    }

    private struct Envelope: Decodable {
        var request: IncomingRequest

        init(from decoder: any Decoder) throws {
            let container: KeyedDecodingContainer<EnvelopeKey>
            do {
                container = try decoder.container(keyedBy: EnvelopeKey.self)
            } catch {
                throw RequestDecodingFailure(id: nil, error: MarketError(.badRequest, "A request must be a JSON object."))
            }
            guard let id = try? container.decode(Int64.self, forKey: .id) else {
                throw RequestDecodingFailure(
                    id: nil,
                    error: MarketError(.badRequest, "A request needs an integer “id”.", field: "id")
                )
            }
            guard let op = try? container.decode(String.self, forKey: .op) else {
                throw RequestDecodingFailure(
                    id: id,
                    error: MarketError(.badRequest, "A request needs a string “op”.", field: "op")
                )
            }
            let session: SessionToken?
            do {
                session = try container.decodeIfPresent(SessionToken.self, forKey: .session)
            } catch {
                throw RequestDecodingFailure(
                    id: id,
                    error: MarketError(.invalidArgument, "“session” must be a string.", field: "session")
                )
            }
            let table = decoder.userInfo[.marketOperations] as? OperationTable
            guard let argumentDecoding = table?.operations[op] else {
                throw RequestDecodingFailure(
                    id: id,
                    error: MarketError(.unknownOp, "This server has no operation “\(op.prefix(64))”.")
                )
            }
            let arguments: any Sendable
            do {
                arguments = try argumentDecoding.decode(container)
            } catch let error as DecodingError {
                if argumentDecoding.requiresSession {
                    guard let session else { throw RequestDecodingFailure(id: id, error: .noSession) }
                    guard session.isWellFormed else { throw RequestDecodingFailure(id: id, error: .foreignSession) }
                }
                throw RequestDecodingFailure(id: id, error: error.marketError())
            }
            self.request = IncomingRequest(id: id, op: op, session: session, arguments: arguments)
        }
    }
}
