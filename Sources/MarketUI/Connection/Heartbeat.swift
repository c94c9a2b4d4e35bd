/// The passing of time as an app's messages, for `Program.subscriptions()`: what lets a client
/// act on a user's activity (keeping the session alive) without a timer of its own in the state.
public enum Heartbeat {
    /// One message every `interval`, for as long as the program runs.
    public static func messages<Message: Sendable>(
        every interval: Duration,
        _ message: @escaping @Sendable () -> Message
    ) -> AsyncStream<Message> {
        AsyncStream { continuation in
            let task = Task {
                while (try? await Task.sleep(for: interval)) != nil {
                    continuation.yield(message())
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
