/// A mouse click or wheel step at a cell.
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case press
        case doubleClick
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var point: Point

    /// The arrow key the wheel stands for where it moves one step at a time (a menu's choices).
    public var wheelKey: Key? {
        switch self.kind {
        case .wheelUp: .up
        case .wheelDown: .down
        case .press, .doubleClick: nil
        }
    }

    public init(_ kind: Kind, at point: Point) {
        self.kind = kind
        self.point = point
    }
}
