/// Something the terminal reports: a key, a mouse event, a new size, or that it went away.
public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// The terminal closed (the window or the tmux pane went away): time to exit.
    case hangup
}
