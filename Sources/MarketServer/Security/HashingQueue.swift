import MarketCore
import NIOCore
import Synchronization

/// Admission to password hashing: at most `slots` hashes run at once, the others wait in turn,
/// first come first served, and at most `maximumWaiting` of them.
///
/// Every login and account creation costs tens of milliseconds of a core, whoever sends it, so
/// the queue in front of the hashing threads is what unauthenticated clients can grow. Bounded,
/// a flood of logins is answered `overloaded` rather than delaying everybody's by minutes; and a
/// waiting request whose task is cancelled (its client went away) leaves the queue at once
/// instead of being hashed for nobody.
final class HashingQueue: Sendable {
    private struct State {
        var free: Int
        var waiting = CircularBuffer<(id: UInt64, turn: CheckedContinuation<Admission, Never>)>()
        var nextID: UInt64 = 0
    }

    private enum Admission {
        case admitted, full, cancelled
    }

    private let state: Mutex<State>
    let maximumWaiting: Int

    init(slots: Int, maximumWaiting: Int) {
        precondition(slots > 0 && maximumWaiting >= 0)
        self.state = Mutex(State(free: slots))
        self.maximumWaiting = maximumWaiting
    }

    /// Runs `body` once a slot is free.
    func run<Result>(_ body: () async throws(MarketError) -> Result) async throws(MarketError) -> Result {
        switch await self.admission() {
        case .admitted:
            defer { self.release() }
            return try await body()
        case .full:
            throw MarketError(.overloaded, "Too many logins are being checked right now; please try again in a moment.")
        case .cancelled:
            throw MarketError(.unavailable, "The request was cancelled.")
        }
    }

    private func admission() async -> Admission {
        let id = self.state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (turn: CheckedContinuation<Admission, Never>) in
                let now: Admission? = self.state.withLock { state in
                    // Cancelled before it queued: the cancellation handler found nothing to remove.
                    if Task.isCancelled { return .cancelled }
                    if state.free > 0 {
                        state.free -= 1
                        return .admitted
                    }
                    guard state.waiting.count < self.maximumWaiting else { return .full }
                    state.waiting.append((id, turn))
                    return nil
                }
                if let now { turn.resume(returning: now) }
            }
        } onCancel: {
            let turn = self.state.withLock { state -> CheckedContinuation<Admission, Never>? in
                guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiting.remove(at: index).turn
            }
            turn?.resume(returning: .cancelled)
        }
    }

    /// A hash ended: its slot goes to the first in line, or is free again.
    private func release() {
        let next = self.state.withLock { state -> CheckedContinuation<Admission, Never>? in
            if let first = state.waiting.popFirst() { return first.turn }
            state.free += 1
            return nil
        }
        next?.resume(returning: .admitted)
    }
}
