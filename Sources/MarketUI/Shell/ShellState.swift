public import TerminalUI

/// An app's state that carries the shell both clients share.
public protocol ShellState: Sendable {
    var shell: Shell { get }
}

extension Program where State: ShellState {
    /// The program ends when the shell says so (quit confirmed, or Ctrl-C).
    public func isFinished(_ state: State) -> Bool { state.shell.isFinished }

    /// The spinner turns while any request is in flight.
    public func isAnimating(_ state: State) -> Bool { state.shell.isBusy }
}
