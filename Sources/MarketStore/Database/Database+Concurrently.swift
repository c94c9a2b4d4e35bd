import MarketCore

extension Database {
    /// Runs two database calls at the same time (each on its own pooled connection) and returns
    /// both results, or the first failure.
    static func concurrently<A: Sendable, B: Sendable>(
        _ first: @autoclosure @escaping @Sendable () async throws(MarketError) -> A,
        _ second: @autoclosure @escaping @Sendable () async throws(MarketError) -> B
    ) async throws(MarketError) -> (A, B) {
        async let a = Result.capturing(first)
        async let b = Result.capturing(second)
        return (try await a.get(), try await b.get())
    }
}
