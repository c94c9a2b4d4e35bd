public import Foundation
public import NIOCore

/// The JSON conventions of the protocol, in one place: ISO 8601 dates, unescaped slashes.
/// (``StreamingJSONEncoder`` follows the same conventions as ``makeEncoder()``.)
public enum WireFormat {
    /// The default largest frame payload: 1 MiB.
    public static let defaultMaximumFrameLength = 1 << 20

    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Encodes `value` as a complete frame: the 4-byte big-endian length, then the JSON (written
    /// by ``StreamingJSONEncoder`` straight into the frame).
    public static func frame(_ value: some Encodable, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try self.streamingFrame(value, allocator: allocator)
    }

    private static func streamingFrame(_ value: some Encodable, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 512)
        buffer.writeInteger(UInt32(0))
        try StreamingJSONEncoder.encode(value, into: &buffer)
        buffer.setInteger(UInt32(buffer.readableBytes - 4), at: buffer.readerIndex)
        return buffer
    }

    /// Encodes a request as a complete frame: by ``JSONWriter`` when its arguments are
    /// ``JSONWritable`` (all of the protocol's are), else through `Encodable`; the same bytes.
    public static func frame<Operation>(_ request: OutgoingRequest<Operation>, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        guard let arguments = request.arguments as? any JSONWritable else {
            return try self.streamingFrame(request, allocator: allocator)
        }
        return self.writtenFrame(allocator: allocator) { json in
            json.field("id", request.id)
            json.field("op", Operation.name)
            json.fieldIfPresent("session", request.session)
            json.key("args")
            arguments.writeJSON(to: &json)
        }
    }

    /// Encodes a response as a complete frame. A result that is ``JSONWritable`` (every frequent
    /// one) is written by ``JSONWriter``, anything else through `Encodable`; the bytes are the
    /// same either way.
    public static func frame(_ response: OutgoingResponse, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        guard case .success(let id, let result as any JSONWritable) = response else {
            return try self.streamingFrame(response, allocator: allocator)
        }
        return self.writtenFrame(allocator: allocator) { json in
            json.field("id", id)
            json.field("ok", true)
            json.key("result")
            result.writeJSON(to: &json)
        }
    }

    /// A frame holding one object, whose entries `writeEntries` writes.
    private static func writtenFrame(allocator: ByteBufferAllocator, _ writeEntries: (inout JSONWriter) -> Void) -> ByteBuffer {
        var json = JSONWriter(buffer: allocator.buffer(capacity: 512))
        json.buffer.writeInteger(UInt32(0))
        json.beginObject()
        writeEntries(&json)
        json.endObject()
        json.buffer.setInteger(UInt32(json.buffer.readableBytes - 4), at: json.buffer.readerIndex)
        return json.buffer
    }
}

extension CodingUserInfoKey {
    /// Where ``IncomingRequest`` finds the operations it may decode.
    static let marketOperations = CodingUserInfoKey(rawValue: "market.operations")!
    /// Where ``IncomingResponse`` finds how to decode the result of a pending request.
    static let marketPendingResults = CodingUserInfoKey(rawValue: "market.pendingResults")!
}

/// The keys of both envelopes.
enum EnvelopeKey: String, CodingKey {
    case id, op, session, args, ok, result, error
}
