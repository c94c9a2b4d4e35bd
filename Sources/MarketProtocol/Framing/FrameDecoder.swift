public import NIOCore

/// Splits a byte stream into frames: a 4-byte big-endian length, then that many bytes.
///
/// Consumes exactly one frame per call and never buffers more than one frame's worth: a declared
/// length above ``maximumFrameLength`` fails at once, before the body arrives, so a 2 GB prefix
/// costs the server nothing.
public struct FrameDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// The largest payload accepted, in bytes.
    public let maximumFrameLength: Int

    public init(maximumFrameLength: Int) {
        precondition(maximumFrameLength > 0 && maximumFrameLength <= Int(UInt32.max))
        self.maximumFrameLength = maximumFrameLength
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else {
            return nil
        }
        guard Int(length) <= self.maximumFrameLength else {
            throw FrameTooLargeError(declaredLength: Int(length), maximumLength: self.maximumFrameLength)
        }
        guard buffer.readableBytes >= 4 + Int(length) else {
            return nil
        }
        buffer.moveReaderIndex(forwardBy: 4)
        return buffer.readSlice(length: Int(length))
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        // A frame cut short by the peer going away is dropped: there is nobody left to answer.
        try self.decode(buffer: &buffer)
    }
}

/// A frame whose declared length exceeds the maximum. The stream cannot be resynchronised
/// safely, so the server answers once and closes the connection.
public struct FrameTooLargeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var declaredLength: Int
    public var maximumLength: Int

    public init(declaredLength: Int, maximumLength: Int) {
        self.declaredLength = declaredLength
        self.maximumLength = maximumLength
    }

    public var description: String {
        "frame of \(self.declaredLength) bytes exceeds the maximum of \(self.maximumLength) bytes"
    }
}
