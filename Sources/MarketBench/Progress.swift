import Foundation
import Synchronization

/// A one-line progress display on standard error while the benchmark runs.
public final class Progress: Sendable {
    private struct State {
        var label = ""
        var total = 0
        var started = ContinuousClock.now
    }

    private let done = Atomic<Int>(0)
    private let state = Mutex(State())
    private let enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    func completed() {
        self.done.add(1, ordering: .relaxed)
    }

    func note(_ message: String) {
        guard self.enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(message)\n".utf8))
    }

    func beginRun(scenario: Int, run: Int, of runs: Int, calls: Int) {
        self.done.store(0, ordering: .relaxed)
        self.state.withLock {
            $0.label = "scenario \(scenario) (\(2 * scenario) connections) run \(run)/\(runs)"
            $0.total = calls
            $0.started = .now
        }
    }

    func endRun(throughput: Double, errors: Int) {
        // No run in progress until the next begins: the set-up in between (accounts, listings,
        // logouts) is not this run's, and the line would count it as calls beyond the total.
        let label = self.state.withLock { state in
            defer { state.label = "" }
            return state.label
        }
        guard self.enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label): \(Int(throughput)) ops/s, \(errors) errors\n".utf8))
    }

    /// Redraws the line every half second until cancelled.
    public func display() async {
        guard self.enabled else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(500))
            let (label, total, started) = self.state.withLock { ($0.label, $0.total, $0.started) }
            guard !label.isEmpty else { continue }
            let done = self.done.load(ordering: .relaxed)
            let seconds = Double((ContinuousClock.now - started).nanoseconds) / 1e9
            let rate = seconds > 0 ? Int(Double(done) / seconds) : 0
            FileHandle.standardError.write(Data("\r\u{1B}[K\(label): \(done)/\(total) calls, \(rate) ops/s".utf8))
        }
    }
}
