import CNCurses
import Dispatch
import Foundation
import Synchronization

/// Watches the terminal from a thread of its own and tells the main actor when there is input to
/// read or the window changed size. All ncurses calls stay on the main actor (ncurses is not
/// thread-safe); this thread only calls `poll` and asks the kernel for the window size.
final class InputPoller: Sendable {
    enum Signal: Sendable {
        /// Input is waiting: read it, then call ``acknowledge()``.
        case readable
        case resized(Size)
        /// The terminal went away.
        case hangup
        /// The process was sent a signal asking it to end (``CTerminalGuard``).
        case terminated(signal: Int32)
    }

    let signals: AsyncStream<Signal>
    private let continuation: AsyncStream<Signal>.Continuation
    private let readDone = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    private let descriptor: Int32
    /// Where the termination signals' handler writes their numbers, or -1.
    private let signalDescriptor: Int32

    init(descriptor: Int32, signalDescriptor: Int32 = -1) {
        self.descriptor = descriptor
        self.signalDescriptor = signalDescriptor
        (self.signals, self.continuation) = AsyncStream<Signal>.makeStream()
    }

    func start(initialSize: Size) {
        let thread = Thread { [self] in self.loop(lastSize: initialSize) }
        thread.name = "terminal-input"
        thread.start()
    }

    /// The main actor has read what was waiting.
    func acknowledge() {
        self.readDone.signal()
    }

    func stop() {
        self.stopped.store(true, ordering: .relaxed)
        self.readDone.signal()
        self.continuation.finish()
    }

    private func loop(lastSize: Size) {
        var lastSize = lastSize
        while !self.stopped.load(ordering: .relaxed) {
            var watched = [pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: self.signalDescriptor, events: Int16(POLLIN), revents: 0)]
            // The timeout bounds how late a resize is noticed when SIGWINCH went to another thread.
            let ready = poll(&watched, self.signalDescriptor >= 0 ? 2 : 1, 150)
            if self.stopped.load(ordering: .relaxed) { break }
            if watched[1].revents & Int16(POLLIN) != 0 {
                var number: UInt8 = 0
                if read(self.signalDescriptor, &number, 1) == 1 {
                    self.continuation.yield(.terminated(signal: Int32(number)))
                    break
                }
            }
            if let size = Self.windowSize(of: self.descriptor), size != lastSize {
                lastSize = size
                self.continuation.yield(.resized(size))
            }
            guard ready > 0 else { continue }
            if watched[0].revents & Int16(POLLIN) != 0 {
                self.continuation.yield(.readable)
                // Wait until the main actor has read, or the descriptor stays readable and we spin.
                self.readDone.wait()
            } else if watched[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                self.continuation.yield(.hangup)
                break
            }
        }
    }

    static func windowSize(of descriptor: Int32) -> Size? {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard market_terminal_size(descriptor, &rows, &columns) == 0, rows > 0, columns > 0 else { return nil }
        return Size(width: Int(columns), height: Int(rows))
    }
}
