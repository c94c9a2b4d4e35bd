/// One terminal cell: the text drawn there and its style.
///
/// A wide character occupies its cell and the next one; the next one is a *continuation* cell with
/// empty text, which terminals leave alone.
public struct Cell: Sendable, Hashable {
    /// One character, already made safe (see ``TerminalText``), or "" for a continuation cell.
    public var text: String
    public var style: Style
    /// 1, or 2 for a wide character; 0 for a continuation cell.
    public var width: Int

    public init(text: String = " ", style: Style = .normal, width: Int = 1) {
        self.text = text
        self.style = style
        self.width = width
    }

    public static func blank(_ style: Style = .normal) -> Cell { Cell(text: " ", style: style, width: 1) }

    public var isContinuation: Bool { self.width == 0 }
}
