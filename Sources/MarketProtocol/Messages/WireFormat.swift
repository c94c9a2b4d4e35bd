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
        var buffer = allocator.buffer(capacity: 512)
        buffer.writeInteger(UInt32(0))
        try StreamingJSONEncoder.encode(value, into: &buffer)
        buffer.setInteger(UInt32(buffer.readableBytes - 4), at: buffer.readerIndex)
        return buffer
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
