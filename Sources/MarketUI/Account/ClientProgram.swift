public import Logging
public import MarketClient
public import TerminalUI

/// A terminal client of one role. Both clients follow an account the same way: they connect at
/// start, log in or create an account on the login screen, refresh what is on screen when a lost
/// connection comes back, and return to the login screen on logout or when the session ends.
/// That is written once, here; an app supplies its views through the requirements below and gets
/// `start`, `update`, `subscriptions`, `shutdown`, `isFinished` and `isAnimating`.
public protocol ClientProgram: Program
where State: ClientState, Message: ClientMessage, Command: ClientCommand, State.Tag == Client.Tag, Message.Tag == Client.Tag, Message.Command == Command {
    associatedtype Client: AccountClient

    var client: Client { get }
    var logger: Logger { get }

    /// Applies a command's result (the app's own messages; account messages go to
    /// ``receive(account:_:)``).
    func receive(_ message: Message, _ state: inout State) -> [Command]

    /// Handles a key.
    func press(_ key: Key, _ state: inout State) -> [Command]

    /// Handles a click or the wheel.
    func click(_ mouse: MouseEvent, _ state: inout State) -> [Command]

    /// Fits the views to a new terminal size (keeps each table's selection on screen).
    func relayout(_ state: inout State)

    /// Just logged in, on fresh views: the greeting and the first loads.
    func enter(_ state: inout State) -> [Command]

    /// Reloads what is on screen (after a lost connection came back).
    func refresh(_ state: inout State) -> [Command]

    /// What the user loses when the session ends under them (an unsaved cart, a form not yet
    /// sent), said on the login screen; nil when nothing.
    func lostWithSession(_ state: State) -> String?

    /// Whether a box says a change's answer was lost and can learn from the views, fetched
    /// again, whether it happened (then the views are fetched a few more times).
    func awaitsOutcome(_ state: State) -> Bool
}

extension ClientProgram {
    public func start(_ state: inout State) -> [Command] { [.account(.connect)] }

    public func update(_ state: inout State, _ event: ProgramEvent<Message>) -> [Command] {
        switch event {
        case .resize(let size):
            state.shell.size = size
            self.relayout(&state)
            return []
        case .tick:
            state.shell.tick += 1
            return self.retryWhileInTrouble(&state) + self.checkOutcome(&state)
        case .hangup:
            state.shell.isFinished = true
            return []
        case .message(let message):
            let endedTrouble = self.noteTrouble(in: message, &state)
            if let endedTrouble, state.isLoggedIn {
                // Said first, so that what the answer itself has to say wins.
                state.shell.status = .success(
                    endedTrouble == .noDatabase ? "The server reaches its database again — refreshed." : "The server answers again — refreshed."
                )
            }
            let commands = self.receive(message, &state)
            self.noteAwaitedOutcome(&state)
            guard endedTrouble != nil, state.isLoggedIn else { return commands }
            return commands + self.refresh(&state)
        case .key(let key):
            if let until = state.shell.keysHeldUntil {
                guard state.shell.tick >= until || key == .control("c") else { return [] }
                state.shell.keysHeldUntil = nil
            }
            state.shell.wasActive = true
            return self.press(key, &state)
        case .mouse(let mouse):
            state.shell.wasActive = true
            return self.click(mouse, &state)
        }
    }

    /// The program ends when the shell says so (quit confirmed, or Ctrl-C).
    public func isFinished(_ state: State) -> Bool { state.shell.isFinished }

    /// The spinner turns while any request is in flight; the clock also runs while the server
    /// cannot serve, to try again.
    public func isAnimating(_ state: State) -> Bool {
        state.shell.isBusy || state.shell.trouble != nil || state.shell.keysHeldUntil != nil || (state.shell.outcomeChecks?.left ?? 0) > 0
    }

    /// Ticks between tries while the server cannot serve (100 ms each).
    static var retryTicks: Int { 50 }

    /// Ticks for which keys are dropped after the session ended under the user.
    public static var keyHoldTicks: Int { 15 }

    /// How often a user busy on screen keeps the session alive: well within the servers' default
    /// session timeout of five minutes.
    public static var heartbeatInterval: Duration { .seconds(60) }

    /// Notes, from any answer, whether the server can serve: it cannot when it says its database
    /// is away or lets a request time out. Returns the trouble's reason when it was in trouble
    /// and now answered.
    private func noteTrouble(in message: Message, _ state: inout State) -> ServerTrouble.Reason? {
        if let error = message.failure {
            let reason: ServerTrouble.Reason? =
                switch error.code {
                case .unavailable: .noDatabase
                case .timedOut: .noAnswer
                default: nil
                }
            if let reason, state.shell.trouble?.reason != reason {
                state.shell.trouble = ServerTrouble(reason: reason, lastTry: state.shell.tick)
            }
            return nil
        }
        guard !message.isConnectionNews, let trouble = state.shell.trouble else { return nil }
        state.shell.trouble = nil
        return trouble.reason
    }

    /// While the server cannot serve, fetches the views again every few seconds (when nothing
    /// else is in flight), so the screen recovers by itself as after a reconnect.
    private func retryWhileInTrouble(_ state: inout State) -> [Command] {
        guard let trouble = state.shell.trouble, state.isLoggedIn, !state.shell.isBusy,
            state.shell.tick - trouble.lastTry >= Self.retryTicks
        else { return [] }
        state.shell.trouble = ServerTrouble(reason: trouble.reason, lastTry: state.shell.tick)
        return self.refresh(&state)
    }

    /// Ticks between fetches that look for a lost answer's outcome, and how many there are.
    static var outcomeCheckTicks: Int { 30 }
    static var outcomeCheckCount: Int { 5 }

    /// Starts looking for a lost answer's outcome when a box begins to await it, and stops when
    /// none does.
    private func noteAwaitedOutcome(_ state: inout State) {
        guard self.awaitsOutcome(state) else {
            state.shell.outcomeChecks = nil
            return
        }
        if state.shell.outcomeChecks == nil {
            state.shell.outcomeChecks = OutcomeChecks(lastTry: state.shell.tick, left: Self.outcomeCheckCount)
        }
    }

    /// Every few seconds, while the server answers and nothing else is in flight, fetches the
    /// views again for a box that awaits a lost answer's outcome; a few times, then the warning
    /// is left to the user.
    private func checkOutcome(_ state: inout State) -> [Command] {
        guard let checks = state.shell.outcomeChecks else { return [] }
        guard self.awaitsOutcome(state), state.isLoggedIn else {
            state.shell.outcomeChecks = nil
            return []
        }
        guard checks.left > 0, state.shell.trouble == nil, state.shell.connection == .connected, !state.shell.isBusy,
            state.shell.tick - checks.lastTry >= Self.outcomeCheckTicks
        else { return [] }
        state.shell.outcomeChecks = OutcomeChecks(lastTry: state.shell.tick, left: checks.left - 1)
        return self.refresh(&state)
    }

    public func subscriptions() -> [AsyncStream<Message>] {
        [
            ConnectionFeed.messages(from: self.client.client) { .account(.connection($0)) },
            Heartbeat.messages(every: Self.heartbeatInterval) { .account(.heartbeat) },
        ]
    }

    /// Closing the connection makes requests still in flight fail at once, so quitting is
    /// immediate even while the server is slow or away.
    public func shutdown() {
        self.client.client.close()
    }
}
