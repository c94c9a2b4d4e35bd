import Logging
import ServiceLifecycle

/// Keeps a subscription to a database's announcements (`LISTEN`) open for a service's whole
/// life: `listen` runs until the connection breaks, and is then started again a second later,
/// until graceful shutdown. `setListening` hears whether announcements are heard, true once
/// `listen` says it is subscribed and false whenever the subscription is down, so the caller
/// can stop trusting what it would have been told meanwhile (`interrupted` says what that means,
/// for the log).
func keepListening(
    logger: Logger,
    interrupted: String,
    setListening: @escaping @Sendable (Bool) -> Void,
    listen: @escaping @Sendable (_ onListening: @escaping @Sendable () -> Void) async throws -> Void
) async {
    while !Task.isCancelled && !Task.isShuttingDownGracefully {
        do {
            try await cancelWhenGracefulShutdown {
                try await listen { setListening(true) }
            }
        } catch {
            if Task.isCancelled || Task.isShuttingDownGracefully { break }
            logger.notice("\(interrupted)", metadata: ["error": "\(String(reflecting: error))"])
        }
        setListening(false)
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
    }
    setListening(false)
}
