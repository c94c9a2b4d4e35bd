public import MarketClient

/// Turns a client's connection state changes into an app's messages, for
/// `Program.subscriptions()`.
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
}
