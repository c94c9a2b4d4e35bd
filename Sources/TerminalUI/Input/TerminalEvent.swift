/// Something the terminal reports: a key, a mouse event, pasted text, a new size, or that it
/// went away.
public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    /// Text pasted into the terminal (bracketed paste), whole: it is typed only where text is
    /// typed, never read as commands (see ``ProgramRunner``).
    case paste(String)
    case resize(Size)
    /// The terminal closed (the window or the tmux pane went away): time to exit.
    case hangup
}
