import MarketProtocol
import NIOCore
import Synchronization

/// ``FrameDecoder`` with a deadline: a frame begun must arrive whole within `timeout` of the
/// connection's reading time, or the connection is closed.
///
/// The idle timeout alone would let a client hold a partial frame of up to the maximum size for
/// as long as it sends a byte now and then, and a few thousand such clients would hold gigabytes.
/// With the deadline, what a connection buffers is freed or completed within `timeout`. Time the
/// server itself does not read (its connection has as many requests in progress as it may, so
/// the rest of the frame waits in the socket, or the frame, though whole, waits its turn) does not
/// count: each `timeout` the check finds the connection full, or finds it was full at some moment
/// since the last check, it waits another — at most ``maximumExtensions`` times, so a client that
/// never reads its answers (whose requests then stay in progress) cannot hold a partial frame for
/// ever.
struct DeadlineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    private var frames: FrameDecoder
    private let timeout: TimeAmount
    private let reading: ReadingState
    /// Closes the connection unless the frame begun by then is complete.
    private var deadline: RepeatedTask?
    /// How many more `timeout`s a frame begun may wait while the connection is full.
    static let maximumExtensions = 10

    init(maximumFrameLength: Int, timeout: TimeAmount, reading: ReadingState) {
        self.frames = FrameDecoder(maximumFrameLength: maximumFrameLength)
        self.timeout = timeout
        self.reading = reading
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
            let reading = self.reading
            let extensions = Countdown(Self.maximumExtensions)
            self.deadline = context.eventLoop.scheduleRepeatedTask(initialDelay: self.timeout, delay: self.timeout) { task in
                if reading.wasFullSinceLastLook(), extensions.take() { return }
                task.cancel()
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

/// How many requests a connection has in progress, counted by its ``Connection`` for its frame
/// deadline: while it has as many as it may, the server takes no more of its requests, so a frame
/// begun meanwhile is not late.
final class ReadingState: Sendable {
    private let inProgress = Atomic<Int>(0)
    /// Whether the connection was full at some moment since the deadline last looked: a request
    /// ending just before a look does not make a connection full all along look late.
    private let wasFull = Atomic<Bool>(false)
    private let maximum: Int

    init(maximumInProgress: Int) {
        self.maximum = maximumInProgress
    }

    var isPaused: Bool { self.inProgress.load(ordering: .relaxed) >= self.maximum }

    func requestStarted() {
        if self.inProgress.add(1, ordering: .relaxed).newValue >= self.maximum { self.wasFull.store(true, ordering: .relaxed) }
    }

    func requestEnded() { self.inProgress.subtract(1, ordering: .relaxed) }

    /// Whether the connection is full now or was since the last look (which starts afresh).
    func wasFullSinceLastLook() -> Bool {
        self.wasFull.exchange(false, ordering: .relaxed) || self.isPaused
    }
}

/// A count of chances left, taken one at a time from any thread.
final class Countdown: Sendable {
    private let left: Atomic<Int>

    init(_ count: Int) {
        self.left = Atomic(count)
    }

    /// Takes a chance; false when none is left.
    func take() -> Bool {
        self.left.subtract(1, ordering: .relaxed).newValue >= 0
    }
}
