/// A full-screen program: state changed by a pure `update`, drawn by a pure `render`, and
/// commands (network calls) described as values and carried out by `perform` in child tasks.
///
/// ``ProgramRunner`` is the loop that ties them to a terminal; tests call `update` and `render`
/// directly, or drive the runner with a ``MemoryTerminal``.
public protocol Program: Sendable {
    associatedtype State: Sendable
    associatedtype Message: Sendable
    associatedtype Command: Sendable

    /// The commands to carry out when the program starts (connecting, loading).
    func start(_ state: inout State) -> [Command]

    /// Applies one event to the state and returns the commands to carry out.
    func update(_ state: inout State, _ event: ProgramEvent<Message>) -> [Command]

    /// Draws the state.
    func render(_ state: State, into canvas: inout Canvas)

    /// Whether the program is done (the runner then restores the terminal and returns).
    func isFinished(_ state: State) -> Bool

    /// The process exit status for a finished state: 0 by default.
    func exitStatus(_ state: State) -> Int32

    /// Whether something on screen animates (a spinner), so the runner should send ticks.
    func isAnimating(_ state: State) -> Bool

    /// Carries out a command, off the main actor, and returns the message to feed back.
    func perform(_ command: Command) async -> Message?

    /// Whether `command` goes on in the background (a long wait for news): the loop does not
    /// count it among the work ``ProgramRunner/settled()`` waits for. False by default.
    func runsInBackground(_ command: Command) -> Bool

    /// Streams of messages that run for the program's whole life (connection state changes).
    func subscriptions() -> [AsyncStream<Message>]

    /// Called once the loop has ended and the terminal is restored: make commands still in flight
    /// return at once (close the connection), so quitting never waits for the network.
    func shutdown()
}

extension Program {
    public func start(_ state: inout State) -> [Command] { [] }
    public func isAnimating(_ state: State) -> Bool { false }
    public func subscriptions() -> [AsyncStream<Message>] { [] }
    public func shutdown() {}
    public func runsInBackground(_ command: Command) -> Bool { false }
    public func exitStatus(_ state: State) -> Int32 { 0 }

    /// Renders `state` on a canvas of `size`, as the terminal would show it: for drawing, and
    /// for asking what is on screen (a cursor, a key in the footer).
    public func canvas(for state: State, size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        self.render(state, into: &canvas)
        return canvas
    }
}

/// What reaches a program's `update`.
public enum ProgramEvent<Message: Sendable>: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal's size: sent once at start and after every change.
    case resize(Size)
    /// A spinner step, sent while the program animates.
    case tick
    /// The terminal went away.
    case hangup
    /// The result of a command, or a subscription's news.
    case message(Message)

    /// The event a terminal event is, nil for a paste (which ``ProgramRunner`` types key by key).
    init?(_ event: TerminalEvent) {
        switch event {
        case .key(let key): self = .key(key)
        case .mouse(let mouse): self = .mouse(mouse)
        case .resize(let size): self = .resize(size)
        case .hangup: self = .hangup
        case .paste: return nil
        }
    }
}
