import MarketCore
import MarketStore
import Testing

@testable import MarketServer

/// Who waits for a seller's news, and what a wait is owed, without a database.
@Suite struct SellerActivityWatchStateTests {
    private let seller = SellerID(rawValue: 7)
    private let dashboard = SessionKey(bytes: Array(repeating: 1, count: 32))!
    private let other = SessionKey(bytes: Array(repeating: 2, count: 32))!

    @Test func aChangeBetweenTwoWaitsIsOwedToTheNextOnceAndOnlyByAnotherSession() {
        var state = SellerActivityWatchState()
        var (ticket, _) = state.subscribe(self.seller, session: self.dashboard)
        state.unsubscribe(ticket)
        // Its own change is in its own answer.
        _ = state.announce(self.seller, except: self.dashboard)
        (ticket, _) = state.subscribe(self.seller, session: self.dashboard)
        #expect(!state.isWoken(ticket))
        state.unsubscribe(ticket)
        // Another session's is owed, once.
        _ = state.announce(self.seller, except: self.other)
        (ticket, _) = state.subscribe(self.seller, session: self.dashboard)
        #expect(state.isWoken(ticket))
        state.unsubscribe(ticket)
        (ticket, _) = state.subscribe(self.seller, session: self.dashboard)
        #expect(!state.isWoken(ticket))
        // Sales and votes are not owed: the next wait's read of the totals has them.
        state.unsubscribe(ticket)
        _ = state.announce(self.seller)
        (ticket, _) = state.subscribe(self.seller, session: self.dashboard)
        #expect(!state.isWoken(ticket))
    }

    @Test func anOwedChangeLastsAMinute() {
        var state = SellerActivityWatchState()
        let (ticket, _) = state.subscribe(self.seller, session: self.dashboard)
        state.unsubscribe(ticket, now: .now - .seconds(61))
        _ = state.announce(self.seller, except: self.other)
        let (next, _) = state.subscribe(self.seller, session: self.dashboard)
        #expect(!state.isWoken(next), "a dashboard gone a minute is not waited for")
    }
}
