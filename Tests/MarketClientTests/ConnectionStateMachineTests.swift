@testable import MarketClient
import Testing

@Suite struct ConnectionStateMachineTests {
    @Test func firstRequestConnectsAndOthersJoin() {
        var machine = ConnectionStateMachine(reconnectsAutomatically: true)
        #expect(machine.connectionNeeded() == .connect)
        #expect(machine.state == .connecting(attempt: 1))
        #expect(machine.connectionNeeded() == .join)
        machine.connected()
        #expect(machine.connectionNeeded() == .useConnection)
    }

    @Test func failuresBackOffUpToTheMaximumAndResetOnSuccess() {
        var machine = ConnectionStateMachine(reconnectsAutomatically: true)
        _ = machine.connectionNeeded()
        var delays: [Duration] = []
        for _ in 0..<8 {
            guard case .scheduleReconnect(let delay) = machine.connectFailed(reason: "refused") else {
                Issue.record("no reconnect scheduled")
                return
            }
            delays.append(delay)
            #expect(machine.reconnectTimerFired() == .connect)
        }
        #expect(delays.prefix(5) == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600)])
        #expect(delays.last == .seconds(2))
        #expect(machine.state == .connecting(attempt: 9))
        machine.connected()
        #expect(machine.failures == 0)
    }

    @Test func aLostConnectionWaitsThenReconnects() {
        var machine = ConnectionStateMachine(reconnectsAutomatically: true)
        _ = machine.connectionNeeded()
        machine.connected()
        #expect(machine.connectionLost(reason: "reset") == .scheduleReconnect(after: .milliseconds(100)))
        #expect(machine.state == .waitingToReconnect(attempt: 1, reason: "reset"))
        // A request does not sit out the pause.
        #expect(machine.connectionNeeded() == .connect)
        // The timer then finds an attempt under way and leaves it alone.
        #expect(machine.reconnectTimerFired() == .join)
    }

    @Test func withoutAutomaticReconnectALostConnectionGoesIdle() {
        var machine = ConnectionStateMachine(reconnectsAutomatically: false)
        _ = machine.connectionNeeded()
        #expect(machine.connectFailed(reason: "refused") == .none)
        #expect(machine.state == .idle)
        #expect(machine.connectionNeeded() == .connect)
    }

    @Test func closingIsFinal() {
        var machine = ConnectionStateMachine(reconnectsAutomatically: true)
        _ = machine.connectionNeeded()
        machine.close()
        #expect(machine.connectFailed(reason: "x") == .none)
        machine.connected()
        #expect(machine.state == .closed)
        #expect(machine.connectionNeeded() == .refuse)
        #expect(machine.reconnectTimerFired() == .refuse)
    }
}
