/// A terminal in memory: frames are kept for inspection and events are injected by tests.
@MainActor
public final class MemoryTerminal: Terminal {
    public private(set) var size: Size
    /// The last frame presented.
    public private(set) var frame: Canvas
    /// How many frames were presented.
    public private(set) var frameCount = 0
    public private(set) var isRestored = false
    public let events: AsyncStream<TerminalEvent>
    private let continuation: AsyncStream<TerminalEvent>.Continuation

    public init(size: Size) {
        self.size = size
        self.frame = Canvas(size: size)
        (self.events, self.continuation) = AsyncStream<TerminalEvent>.makeStream()
    }

    public func present(_ canvas: Canvas) {
        self.frame = canvas
        self.frameCount += 1
    }

    public func restore() {
        self.isRestored = true
        self.continuation.finish()
    }

    /// Changes the size and reports it, as a window resize would.
    public func resize(to size: Size) {
        self.size = size
        self.continuation.yield(.resize(size))
    }

    /// Reports an event as if the user caused it.
    public func send(_ event: TerminalEvent) {
        self.continuation.yield(event)
    }

    /// The last frame as text, one line per row.
    public var screenText: String { self.frame.lines.joined(separator: "\n") }
}
