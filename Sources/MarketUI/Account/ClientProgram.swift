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

    /// What the login screen says after a logout the user asked for: "Logged out." by default.
    func loggedOutNotice(_ state: State) -> String

    /// The session ended under the user: keeps what they were typing, if it is worth keeping,
    /// for when they log in again (``enter(_:)`` brings it back). Does nothing by default.
    func keepForNextLogin(_ state: inout State)

    /// Whether a box says a change's answer was lost and can learn from the views, fetched
    /// again, whether it happened (then the views are fetched a few more times).
    func awaitsOutcome(_ state: State) -> Bool

    /// Whether keys now go into a text field of a logged-in view (a box's form, a bar), where
    /// they type rather than act. (The login box always takes text; help and the quit question
    /// take none: see ``keysType(_:)``.)
    func takesText(_ state: State) -> Bool

    /// The help overlay's sections for what is on show (logged in).
    func helpSections(_ state: State) -> [HelpSection]
}

extension ClientProgram {
    public func start(_ state: inout State) -> [Command] { [.account(.connect)] }

    /// Whether keys now type into a text field: the login box's, or a view's (``takesText(_:)``);
    /// never while help or the quit question is up.
    func keysType(_ state: State) -> Bool {
        guard state.shell.help == nil, state.shell.quitDialog == nil else { return false }
        return !state.isLoggedIn || self.takesText(state)
    }

    public func keepForNextLogin(_ state: inout State) {}

    public func loggedOutNotice(_ state: State) -> String { "Logged out." }

    /// `r`: what is on screen fetched again, and the status line says when it is up to date.
    public func refreshAsked(_ state: inout State) -> [Command] {
        state.shell.status = nil
        let commands = self.refresh(&state)
        state.shell.refreshRequests = Set(commands.compactMap(\.request))
        return commands
    }

    /// `commands`, with the keys typed next waiting for the answer to the first of them (a page
    /// or a search the user asked for: `j`, Enter or `a` are meant for the rows on their way).
    public func keysWait(for commands: [Command], _ state: inout State) -> [Command] {
        state.shell.holdKeys(until: commands.first?.request)
        return commands
    }

    public func update(_ state: inout State, _ event: ProgramEvent<Message>) -> [Command] {
        switch event {
        case .resize(let size):
            state.shell.size = size
            self.relayout(&state)
            return []
        case .tick:
            state.shell.tick += 1
            state.shell.expireHeldKeys()
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
            var commands = self.receive(message, &state)
            self.noteAwaitedOutcome(&state)
            state.shell.noteRefreshAnswered()
            if endedTrouble != nil, state.isLoggedIn { commands += self.refresh(&state) }
            // Keys typed for this answer, as if typed now (one may start another wait).
            for key in state.shell.releaseKeys(failed: message.failure != nil) {
                commands += self.update(&state, .key(key))
            }
            return commands
        case .key(let key):
            // Alt with a key is for text fields (a word left, right, deleted). Elsewhere it is
            // what it was typed as: Esc, then the key (tmux sends Esc and a key pressed within its
            // escape time, half a second before 3.5, as Alt with the key).
            if case .alt(let character) = key, !self.keysType(state) {
                return self.update(&state, .key(.escape)) + self.update(&state, .key(.character(character)))
            }
            if let until = state.shell.keysHeldUntil {
                guard state.shell.tick >= until || key == .control("c") else { return [] }
                state.shell.keysHeldUntil = nil
            }
            let warningOnShow = state.shell.isIdleWarningOnShow
            let wasWarned = state.shell.noteActivity()
            let keepAlive = wasWarned ? self.keepAlive(&state) : []
            // The key that answers "press a key to stay" only stays: pressed without a look at
            // the screen, it must not also act on what is behind (x opening Remove units). Into a
            // text field it types as ever (it may be the first of a paste).
            if warningOnShow, key != .interrupt, !self.keysType(state) { return keepAlive }
            if state.shell.hold(key) { return keepAlive }
            state.shell.dropOldStatus()
            state.shell.dropEdgeNote()
            // Help over the quit question (which the question itself would ignore), in either app.
            if state.shell.asksForHelpOverQuitQuestion(key) {
                if state.isLoggedIn { state.shell.help = HelpOverlay(sections: self.helpSections(state)) } else { state.shell.showHelp(on: state.login) }
                return keepAlive
            }
            return keepAlive + self.press(key, &state)
        case .mouse(let mouse):
            let keepAlive = state.shell.noteActivity() ? self.keepAlive(&state) : []
            state.shell.dropEdgeNote()
            return keepAlive + self.handle(mouse, &state)
        }
    }

    private func handle(_ mouse: MouseEvent, _ state: inout State) -> [Command] {
        // The footer's hints: a click presses the key it shows.
        if mouse.kind == .press, mouse.point.y == state.shell.size.height - 1 {
            let canvas = self.canvas(for: state, size: state.shell.size)
            guard let key = FooterBar.key(at: mouse.point.x, row: mouse.point.y, of: canvas) else { return [] }
            return self.update(&state, .key(key))
        }
        guard !state.isLoggedIn else { return self.click(mouse, &state) }
        // The login box: a tab or a field. (The help overlay and the quit question, when shown,
        // are above it and take no clicks here.)
        let shell = state.shell
        guard mouse.kind == .press, !shell.isTooSmall, shell.help == nil, shell.quitDialog == nil,
            let keys = state.login.keys(forClickAt: mouse.point, in: Chrome.contentArea(shell.size))
        else { return self.click(mouse, &state) }
        return keys.flatMap { self.press($0, &state) }
    }

    public func runsInBackground(_ command: Command) -> Bool { command.isBackground }

    /// The program ends when the shell says so (quit confirmed, or Ctrl-C).
    public func isFinished(_ state: State) -> Bool { state.shell.isFinished }

    /// 130 after Ctrl-C, as shells expect of a program ended by SIGINT; 0 after quitting.
    public func exitStatus(_ state: State) -> Int32 { state.shell.wasInterrupted ? 130 : 0 }

    /// The spinner turns while any request is in flight; the clock also runs while the client
    /// is recovering by itself (see ClientProgram+Recovery.swift).
    public func isAnimating(_ state: State) -> Bool {
        state.shell.isBusy || state.shell.trouble != nil || state.shell.keysHeldUntil != nil || (state.shell.outcomeChecks?.left ?? 0) > 0
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
