import Synchronization

/// The one loop of a terminal program, on the main actor: it merges key presses, resizes, spinner
/// ticks and the results of commands, applies each to the state, and draws the new state.
///
/// Commands run in child tasks of the loop, so the screen never waits for the network; their
/// results come back as messages through the same queue as keys.
@MainActor
public final class ProgramRunner<P: Program> {
    public private(set) var state: P.State
    public let program: P
    public let terminal: any Terminal
    private let tickInterval: Duration?
    private let queue: AsyncStream<Input>
    private let queueContinuation: AsyncStream<Input>.Continuation
    /// Events sent with ``send(_:)`` and commands started, whose effects are not yet applied.
    private var outstanding = 0
    private var settledWaiters: [CheckedContinuation<Void, Never>] = []
    private var ticker: Task<Void, Never>?
    private var finished = false
    private let feed: Feed

    private enum Input: Sendable {
        /// A terminal event (not counted) or one given to ``send(_:)`` (counted).
        case event(ProgramEvent<P.Message>, counted: Bool)
        /// News from a subscription.
        case news(P.Message)
        /// A command finished, with or without a message; `counted` unless it ran in the background.
        case completed(P.Message?, counted: Bool)
        /// Pasted text, from the terminal (not counted) or given to ``paste(_:)`` (counted).
        case paste(String, counted: Bool)
    }

    /// - Parameter tickInterval: how often to send ``ProgramEvent/tick`` while the program
    ///   animates; `nil` for never (tests, where frames must not depend on time).
    public init(program: P, state: P.State, terminal: any Terminal, tickInterval: Duration? = .milliseconds(100)) {
        self.program = program
        self.state = state
        self.terminal = terminal
        self.tickInterval = tickInterval
        (self.queue, self.queueContinuation) = AsyncStream<Input>.makeStream()
        self.feed = Feed(continuation: self.queueContinuation, depth: QueueDepth())
    }

    /// Feeds an event to the loop, as if the terminal had reported it.
    public func send(_ event: ProgramEvent<P.Message>) {
        self.outstanding += 1
        self.feed.yield(.event(event, counted: true))
    }

    /// Feeds pasted text to the loop, as if the terminal had reported it.
    public func paste(_ text: String) {
        self.outstanding += 1
        self.feed.yield(.paste(text, counted: true))
    }

    /// Puts inputs on the loop's queue and counts those not yet taken: while more are waiting, the
    /// loop applies them without drawing, so a burst of keys (a paste) costs one frame, not one
    /// per key.
    private struct Feed: Sendable {
        let continuation: AsyncStream<Input>.Continuation
        let depth: QueueDepth

        func yield(_ input: Input) {
            self.depth.count.add(1, ordering: .relaxed)
            self.continuation.yield(input)
        }
    }

    /// Waits until every event given to ``send(_:)`` has been applied and every command it
    /// started has finished and been applied too, and the screen drawn from the result.
    /// Deterministic: no clock involved.
    public func settled() async {
        guard self.outstanding > 0, !self.finished else { return }
        await withCheckedContinuation { self.settledWaiters.append($0) }
    }

    /// Runs until the program finishes or the terminal goes away, then restores the terminal.
    @discardableResult
    public func run() async -> P.State {
        await withDiscardingTaskGroup { group in
            let events = self.terminal.events
            let feed = self.feed
            group.addTask {
                for await event in events {
                    if case .paste(let text) = event {
                        feed.yield(.paste(text, counted: false))
                    } else if let event = ProgramEvent<P.Message>(event) {
                        feed.yield(.event(event, counted: false))
                    }
                }
            }
            for subscription in self.program.subscriptions() {
                group.addTask {
                    for await message in subscription { feed.yield(.news(message)) }
                }
            }
            self.spawn(self.program.start(&self.state), group: &group)
            self.apply(.resize(self.terminal.size), group: &group)
            self.draw()
            for await input in self.queue {
                self.feed.depth.count.subtract(1, ordering: .relaxed)
                switch input {
                case .event(let event, let counted):
                    self.apply(event, group: &group)
                    if counted { self.outstanding -= 1 }
                case .news(let message):
                    self.apply(.message(message), group: &group)
                case .completed(let message, let counted):
                    if let message { self.apply(.message(message), group: &group) }
                    if counted { self.outstanding -= 1 }
                case .paste(let text, let counted):
                    self.type(pasted: text, group: &group)
                    if counted { self.outstanding -= 1 }
                }
                if self.program.isFinished(self.state) { break }
                if self.outstanding == 0, !self.settledWaiters.isEmpty {
                    // Drawn before the waiters look at the screen.
                    self.draw()
                    self.resumeSettledWaiters()
                } else if self.feed.depth.count.load(ordering: .relaxed) == 0 {
                    self.draw()
                }
                self.updateTicker()
            }
            self.finished = true
            self.ticker?.cancel()
            // Give the terminal back first: the user asked to leave, and the group still waits
            // for the commands in flight, which shutdown() makes end promptly.
            self.terminal.restore()
            self.program.shutdown()
            group.cancelAll()
        }
        self.queueContinuation.finish()
        for waiter in self.settledWaiters { waiter.resume() }
        self.settledWaiters.removeAll()
        return self.state
    }

    private func apply(_ event: ProgramEvent<P.Message>, group: inout DiscardingTaskGroup) {
        self.spawn(self.program.update(&self.state, event), group: &group)
    }

    /// Types pasted text into the text input in focus — where the screen shows a cursor — as
    /// one line (see ``Paste/keys(typing:)``); elsewhere a paste is dropped, so that its letters
    /// never run as commands and its line breaks never press Enter.
    private func type(pasted text: String, group: inout DiscardingTaskGroup) {
        guard self.program.canvas(for: self.state, size: self.terminal.size).cursor != nil else { return }
        for key in Paste.keys(typing: text) {
            self.apply(.key(key), group: &group)
            if self.program.isFinished(self.state) { return }
        }
    }

    private func spawn(_ commands: [P.Command], group: inout DiscardingTaskGroup) {
        for command in commands {
            let counted = !self.program.runsInBackground(command)
            if counted { self.outstanding += 1 }
            let program = self.program
            let feed = self.feed
            group.addTask {
                let message = await program.perform(command)
                feed.yield(.completed(message, counted: counted))
            }
        }
    }

    private func resumeSettledWaiters() {
        let waiters = self.settledWaiters
        self.settledWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    private func draw() {
        self.terminal.present(self.program.canvas(for: self.state, size: self.terminal.size))
    }

    private func updateTicker() {
        let animating = self.program.isAnimating(self.state)
        if animating, self.ticker == nil, let interval = self.tickInterval {
            let feed = self.feed
            self.ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { break }
                    feed.yield(.event(.tick, counted: false))
                }
            }
        } else if !animating, let ticker = self.ticker {
            ticker.cancel()
            self.ticker = nil
        }
    }
}

/// How many inputs wait in a runner's queue.
private final class QueueDepth: Sendable {
    let count = Atomic<Int>(0)
}
