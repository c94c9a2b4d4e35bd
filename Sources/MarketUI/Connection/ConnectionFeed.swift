public import MarketClient

/// Turns a client's connection state changes, and the passing of time, into an app's messages,
/// for `Program.subscriptions()`.
public enum ConnectionFeed {
    public static func messages<Message: Sendable>(
        from client: MarketClient,
        _ transform: @escaping @Sendable (ConnectionState) -> Message
    ) -> AsyncStream<Message> {
        let states = client.connectionStates()
        return AsyncStream { continuation in
            let task = Task {
                for await state in states { continuation.yield(transform(state)) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// One message every `interval`, for as long as the program runs.
    public static func heartbeats<Message: Sendable>(
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
