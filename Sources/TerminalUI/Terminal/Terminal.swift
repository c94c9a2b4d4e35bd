/// Where a program's screens appear and its input comes from.
///
/// ``NCursesTerminal`` is the real one; ``MemoryTerminal`` keeps frames in memory for tests.
@MainActor
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Keys, mouse events and resizes, in the order they happened.
    var events: AsyncStream<TerminalEvent> { get }
    /// Shows a finished frame.
    func present(_ canvas: Canvas)
    /// Gives the terminal back to the shell as it was. Safe to call more than once.
    func restore()
}

/// Keys the real terminal handles itself, whatever the program shows (``NCursesTerminal``), for
/// help overlays.
public enum TerminalKeys {
    public static let helpSection = HelpSection(title: "Terminal", entries: [
        HelpSection.Entry(keys: "^Z", help: "Suspend to the shell; fg comes back"),
        HelpSection.Entry(keys: "^L", help: "Draw the whole screen again (after another program wrote on it)"),
    ])
}
