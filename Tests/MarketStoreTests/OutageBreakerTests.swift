@testable import MarketStore
import Testing

@Suite struct OutageBreakerTests {
    @Test func aFailedCallStartsOneProbeLoopAndRefusesOnlyOnceTheProbeFails() {
        var breaker = OutageBreaker()
        #expect(!breaker.isOpen)
        #expect(breaker.callFailedToReach() == .startProbing)
        #expect(!breaker.isOpen, "a slow database is not a dead one: only a failed probe opens")
        #expect(breaker.callFailedToReach() == .none, "one probe loop at a time")
        #expect(breaker.probed(reachable: false) == .probeAgain)
        #expect(breaker.isOpen)
        #expect(breaker.probed(reachable: false) == .probeAgain)
        #expect(breaker.probed(reachable: true) == .none)
        #expect(!breaker.isOpen && !breaker.isProbing)
        #expect(breaker.callFailedToReach() == .startProbing, "a later outage probes again")
    }

    @Test func aReachableDatabaseNeverOpensTheBreaker() {
        var breaker = OutageBreaker()
        _ = breaker.callFailedToReach()
        #expect(breaker.probed(reachable: true) == .none)
        #expect(!breaker.isOpen)
    }

    @Test func stoppingTheProbesStopsRefusing() {
        var breaker = OutageBreaker()
        _ = breaker.callFailedToReach()
        _ = breaker.probed(reachable: false)
        breaker.probingStopped()
        #expect(!breaker.isOpen && !breaker.isProbing)
    }
}
