import MarketProtocol
import NIOCore

/// ``FrameDecoder`` with a deadline: a frame begun must arrive whole within `timeout`, or the
/// connection is closed.
///
/// The idle timeout alone would let a client hold a partial frame of up to the maximum size for
/// as long as it sends a byte now and then, and a few thousand such clients would hold gigabytes.
/// With the deadline, what a connection buffers is freed or completed within `timeout`.
struct DeadlineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    private var frames: FrameDecoder
    private let timeout: TimeAmount
    /// Closes the connection unless the frame begun by then is complete.
    private var deadline: Scheduled<Void>?

    init(maximumFrameLength: Int, timeout: TimeAmount) {
        self.frames = FrameDecoder(maximumFrameLength: maximumFrameLength)
        self.timeout = timeout
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if let frame = try self.frames.decode(buffer: &buffer) {
            self.deadline?.cancel()
            self.deadline = nil
            context.fireChannelRead(Self.wrapInboundOut(frame))
            return .continue
        }
        if buffer.readableBytes > 0 && self.deadline == nil {
            let channel = context.channel
            self.deadline = context.eventLoop.scheduleTask(in: self.timeout) {
                channel.close(promise: nil)
            }
        }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A frame cut short by the peer going away is dropped: there is nobody left to answer.
        try self.decode(context: context, buffer: &buffer)
    }

    mutating func decoderRemoved(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        self.deadline = nil
    }
}
