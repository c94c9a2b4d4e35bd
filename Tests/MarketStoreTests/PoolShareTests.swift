import Testing

@testable import MarketStore

/// How a database's connection limit is shared among event loops: never more than the limit.
@Suite struct PoolShareTests {
    @Test(arguments: [(20, 1), (20, 3), (20, 7), (20, 19), (5, 2), (1, 1)])
    func sharesAddUpToTheLimitAndDifferByAtMostOne(total: Int, loops: Int) {
        let shares = (0..<loops).map { Database.share(of: total, among: loops, $0) }
        #expect(shares.reduce(0, +) == total)
        #expect(shares.max()! - shares.min()! <= 1)
        #expect(shares.first == shares.max(), "the first loop, which also listens for ended sessions, is never the smallest")
    }
}
