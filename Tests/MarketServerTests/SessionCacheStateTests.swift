import MarketCore
import MarketStore
import Testing

@testable import MarketServer

/// The session cache's rules, without a database: what it may serve, and when it must not.
@Suite struct SessionCacheStateTests {
    private let key = SessionKey(bytes: Array(repeating: 7, count: 32))!
    private let owner = CustomersStore.SessionOwner(accountID: 1, role: .buyer, username: "ada", name: "Ada")
    private let start = ContinuousClock.now

    private func listeningCache() -> SessionCacheState {
        var cache = SessionCacheState(freshness: .seconds(6), capacity: 100)
        cache.setListening(true)
        return cache
    }

    @Test func aConfirmedSessionIsServedUntilItIsNoLongerFresh() {
        var cache = self.listeningCache()
        cache.remember(self.key, owner: self.owner, ticket: cache.ticket, now: self.start)
        #expect(cache.owner(of: self.key, now: self.start + .seconds(5)) == self.owner)
        #expect(cache.owner(of: self.key, now: self.start + .seconds(6)) == nil)
    }

    @Test func aSessionEndedWhileTheDatabaseCheckedItIsNotRemembered() {
        var cache = self.listeningCache()
        // The check begins, the session ends (a logout here or an announcement from elsewhere),
        // then the database's "live" answer arrives.
        let ticket = cache.ticket
        cache.forget(self.key)
        cache.remember(self.key, owner: self.owner, ticket: ticket, now: self.start)
        #expect(cache.owner(of: self.key, now: self.start) == nil)
        // A check that began after the logout is trusted (the database answered for it).
        cache.remember(self.key, owner: self.owner, ticket: cache.ticket, now: self.start)
        #expect(cache.owner(of: self.key, now: self.start) == self.owner)
    }

    @Test func nothingIsCachedWhileAnnouncementsAreNotHeard() {
        var cache = SessionCacheState(freshness: .seconds(6), capacity: 100)
        cache.remember(self.key, owner: self.owner, ticket: cache.ticket, now: self.start)
        #expect(cache.owner(of: self.key, now: self.start) == nil)

        cache.setListening(true)
        let ticket = cache.ticket
        cache.remember(self.key, owner: self.owner, ticket: ticket, now: self.start)
        cache.setListening(false)
        #expect(cache.owner(of: self.key, now: self.start) == nil)
        // Announcements missed while deaf make checks begun before it untrustworthy.
        cache.setListening(true)
        cache.remember(self.key, owner: self.owner, ticket: ticket, now: self.start)
        #expect(cache.owner(of: self.key, now: self.start) == nil)
    }

    @Test func aFullCacheMakesRoomInsteadOfGrowing() {
        var cache = SessionCacheState(freshness: .seconds(6), capacity: 2)
        cache.setListening(true)
        let keys = (1...3).map { SessionKey(bytes: Array(repeating: UInt8($0), count: 32))! }
        cache.remember(keys[0], owner: self.owner, ticket: cache.ticket, now: self.start)
        cache.remember(keys[1], owner: self.owner, ticket: cache.ticket, now: self.start + .seconds(7))
        // The first has gone stale: it makes room.
        cache.remember(keys[2], owner: self.owner, ticket: cache.ticket, now: self.start + .seconds(7))
        #expect(cache.count == 2, "the stale entry went")
        #expect(cache.owner(of: keys[1], now: self.start + .seconds(7)) == self.owner)
        #expect(cache.owner(of: keys[2], now: self.start + .seconds(7)) == self.owner)

        // Every entry fresh: the cache starts again rather than grow past its capacity.
        let newest = SessionKey(bytes: Array(repeating: 9, count: 32))!
        cache.remember(newest, owner: self.owner, ticket: cache.ticket, now: self.start + .seconds(8))
        #expect(cache.count == 1)
        #expect(cache.owner(of: newest, now: self.start + .seconds(8)) == self.owner)
    }
}
