public import NIOCore

/// Runs Swift tasks on one NIO event loop.
///
/// Give a task this executor as its preference (`withTaskExecutorPreference`) and its awaits
/// resume on the loop: work that reads a socket, awaits a database and writes a reply then stays
/// on one thread, with no wake-ups of other threads between the steps (each costs tens of
/// microseconds on a small virtual machine).
public final class EventLoopExecutor: TaskExecutor, Sendable {
    public let eventLoop: any EventLoop

    public init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    /// One executor per loop of `group`, keyed by the loop's identity.
    public static func executors(for group: any EventLoopGroup) -> [ObjectIdentifier: EventLoopExecutor] {
        var executors: [ObjectIdentifier: EventLoopExecutor] = [:]
        for loop in group.makeIterator() {
            executors[ObjectIdentifier(loop)] = EventLoopExecutor(eventLoop: loop)
        }
        return executors
    }
}
