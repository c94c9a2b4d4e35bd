extension Result where Failure == MarketError {
    /// Runs `body` and keeps its outcome, so two calls started with `async let` can both be
    /// awaited without losing the typed error.
    public static func capturing(_ body: () async throws(MarketError) -> Success) async -> Self {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
