import Synchronization
import Testing
import TerminalUI

/// A counter: `+` asks a "server" (perform) to add one; `q` finishes.
private struct Counter: Program {
    struct State: Sendable {
        var count = 0
        var size = Size.zero
        var pending = 0
        var started = false
        var finished = false
    }

    enum Command: Sendable { case add(Int) }
    enum Message: Sendable { case added(Int) }

    func start(_ state: inout State) -> [Command] {
        state.started = true
        return []
    }

    func update(_ state: inout State, _ event: ProgramEvent<Message>) -> [Command] {
        switch event {
        case .resize(let size): state.size = size
        case .key(.character("+")):
            state.pending += 1
            return [.add(1)]
        case .key(.character("q")), .hangup: state.finished = true
        case .message(.added(let amount)):
            state.pending -= 1
            state.count += amount
        default: break
        }
        return []
    }

    func render(_ state: State, into canvas: inout Canvas) {
        canvas.write("count \(state.count) pending \(state.pending) \(state.size)", x: 0, y: 0, style: .normal)
    }

    func isFinished(_ state: State) -> Bool { state.finished }

    func perform(_ command: Command) async -> Message? {
        switch command {
        case .add(let amount):
            await Task.yield()
            return .added(amount)
        }
    }
}

@MainActor
@Suite(.timeLimit(.minutes(1))) struct ProgramRunnerTests {
    @Test func commandsRunInTheBackgroundAndTheirResultsComeBackThroughTheLoop() async {
        let terminal = MemoryTerminal(size: Size(width: 40, height: 3))
        let runner = ProgramRunner(program: Counter(), state: Counter.State(), terminal: terminal, tickInterval: nil)
        let run = Task { await runner.run() }
        for _ in 0..<3 { runner.send(.key(.character("+"))) }
        await runner.settled()
        #expect(runner.state.count == 3)
        #expect(runner.state.pending == 0)
        #expect(runner.state.started)
        #expect(terminal.frame.text(row: 0).hasPrefix("count 3 pending 0 40×3"))
        runner.send(.key(.character("q")))
        let final = await run.value
        #expect(final.finished)
        #expect(terminal.isRestored, "the terminal is given back when the program ends")
    }

    @Test func resizesRedrawAtTheNewSize() async {
        let terminal = MemoryTerminal(size: Size(width: 30, height: 2))
        let runner = ProgramRunner(program: Counter(), state: Counter.State(), terminal: terminal, tickInterval: nil)
        let run = Task { await runner.run() }
        runner.send(.resize(Size(width: 50, height: 4)))
        await runner.settled()
        #expect(runner.state.size == Size(width: 50, height: 4))
        runner.send(.hangup)
        _ = await run.value
        #expect(terminal.isRestored)
    }
}

/// A program whose only command waits until the program is shut down, like a request to a
/// server that does not answer.
private struct Stalled: Program {
    final class Gate: Sendable {
        private let waiter = Mutex<CheckedContinuation<Void, Never>?>(nil)
        private let opened = Mutex(false)

        func wait() async {
            await withCheckedContinuation { continuation in
                let open = self.opened.withLock { $0 }
                if open { continuation.resume() } else { self.waiter.withLock { $0 = continuation } }
            }
        }

        func open() {
            self.opened.withLock { $0 = true }
            self.waiter.withLock { $0 }?.resume()
        }
    }

    struct State: Sendable {
        var finished = false
    }

    let gate = Gate()

    func update(_ state: inout State, _ event: ProgramEvent<Never>) -> [Int] {
        switch event {
        case .key(.character("s")): return [1]
        case .key(.control("c")): state.finished = true
        default: break
        }
        return []
    }

    func render(_ state: State, into canvas: inout Canvas) {}
    func isFinished(_ state: State) -> Bool { state.finished }
    func perform(_ command: Int) async -> Never? {
        await self.gate.wait()
        return nil
    }
    func shutdown() { self.gate.open() }
}

@MainActor
@Suite(.timeLimit(.minutes(1))) struct ProgramShutdownTests {
    @Test func quittingDoesNotWaitForRequestsInFlight() async {
        let terminal = MemoryTerminal(size: Size(width: 20, height: 2))
        let runner = ProgramRunner(program: Stalled(), state: Stalled.State(), terminal: terminal, tickInterval: nil)
        let run = Task { await runner.run() }
        runner.send(.key(.character("s")))
        runner.send(.key(.control("c")))
        let final = await run.value
        #expect(final.finished)
        #expect(terminal.isRestored)
    }
}
