/// A size in terminal cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public static let zero = Size(width: 0, height: 0)

    /// The smallest terminal the clients lay out for; below it they show a notice instead.
    public static let minimum = Size(width: 80, height: 24)

    /// Whether a rectangle of `other` fits inside this size.
    public func contains(_ other: Size) -> Bool { other.width <= self.width && other.height <= self.height }

    public var description: String { "\(self.width)×\(self.height)" }
}
