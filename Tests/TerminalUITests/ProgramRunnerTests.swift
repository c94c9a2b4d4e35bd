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

/// A line of text: `i` starts typing into it (a cursor shows), Esc stops; `q` finishes.
private struct LineEditor: Program {
    struct State: Sendable {
        var field = TextField()
        var editing = false
        var finished = false
    }

    typealias Command = Never
    typealias Message = Never

    func update(_ state: inout State, _ event: ProgramEvent<Message>) -> [Command] {
        guard case .key(let key) = event else { return [] }
        if state.editing {
            if key == .escape { state.editing = false } else { _ = state.field.handle(key) }
        } else if key == .character("i") {
            state.editing = true
        } else if key == .character("q") {
            state.finished = true
        }
        return []
    }

    func render(_ state: State, into canvas: inout Canvas) {
        let cursor = state.field.render(in: Rect(x: 0, y: 0, width: 40, height: 1), canvas: &canvas, focused: state.editing)
        if state.editing { canvas.cursor = cursor }
    }

    func isFinished(_ state: State) -> Bool { state.finished }

    func perform(_ command: Command) async -> Message? {}
}

@MainActor
@Suite(.timeLimit(.minutes(1))) struct ProgramRunnerTests {
    @Test func aPasteIsTypedOnOneLineWhereACursorShowsAndDroppedElsewhere() async {
        let terminal = MemoryTerminal(size: Size(width: 40, height: 2))
        let runner = ProgramRunner(program: LineEditor(), state: LineEditor.State(), terminal: terminal, tickInterval: nil)
        let run = Task { await runner.run() }
        // No cursor: the letters are not commands (no q quits, no i starts typing).
        runner.paste("quit\niq")
        await runner.settled()
        #expect(!runner.state.finished)
        #expect(!runner.state.editing)
        runner.send(.key(.character("i")))
        runner.paste("line one\r\nline\ttwo\n\u{7}")
        await runner.settled()
        #expect(runner.state.field.text == "line one line two ", "one line, control characters dropped, Enter never pressed")
        #expect(runner.state.editing)
        runner.send(.key(.escape))
        runner.send(.key(.character("q")))
        _ = await run.value
    }

    @Test func aLineBreakAtTheEndOfAPasteIsNotTyped() {
        #expect(Paste.keys(typing: "qa30-password\n") == "qa30-password".map { .character($0) }, "copied with its line")
        #expect(Paste.keys(typing: "ab\r\n\r\n") == [.character("a"), .character("b")])
        #expect(Paste.keys(typing: "a\nb") == [.character("a"), .character(" "), .character("b")], "a break inside is a space")
    }

    @Test func aPasteIsCutAtItsLimit() {
        #expect(Paste.keys(typing: String(repeating: "a", count: Paste.limit + 10)).count == Paste.limit)
        #expect(Paste.keys(typing: "é東\u{1B}[31m") == [.character("é"), .character("東"), .character("["), .character("3"), .character("1"), .character("m")])
    }

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
        /// Whether the terminal had been given back when the stalled command was let go.
        let restoredWhenLetGo = Mutex<Bool?>(nil)

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
    let terminal: MemoryTerminal

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
        let restored = await MainActor.run { self.terminal.isRestored }
        self.gate.restoredWhenLetGo.withLock { $0 = restored }
        return nil
    }
    func shutdown() { self.gate.open() }
}

@MainActor
@Suite(.timeLimit(.minutes(1))) struct ProgramShutdownTests {
    @Test func quittingDoesNotWaitForRequestsInFlight() async {
        let terminal = MemoryTerminal(size: Size(width: 20, height: 2))
        let program = Stalled(terminal: terminal)
        let runner = ProgramRunner(program: program, state: Stalled.State(), terminal: terminal, tickInterval: nil)
        let run = Task { await runner.run() }
        runner.send(.key(.character("s")))
        runner.send(.key(.control("c")))
        let final = await run.value
        #expect(final.finished)
        #expect(program.gate.restoredWhenLetGo.withLock { $0 } == true, "the terminal is given back before the request in flight ends")
    }
}
