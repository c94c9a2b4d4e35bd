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
            return []
        case .hangup:
            state.shell.isFinished = true
            return []
        case .message(let message):
            return self.receive(message, &state)
        case .key(let key):
            return self.press(key, &state)
        case .mouse(let mouse):
            return self.click(mouse, &state)
        }
    }

    /// The program ends when the shell says so (quit confirmed, or Ctrl-C).
    public func isFinished(_ state: State) -> Bool { state.shell.isFinished }

    /// The spinner turns while any request is in flight.
    public func isAnimating(_ state: State) -> Bool { state.shell.isBusy }

    public func subscriptions() -> [AsyncStream<Message>] {
        [ConnectionFeed.messages(from: self.client.client) { .account(.connection($0)) }]
    }

    /// Closing the connection makes requests still in flight fail at once, so quitting is
    /// immediate even while the server is slow or away.
    public func shutdown() {
        self.client.client.close()
    }
}
