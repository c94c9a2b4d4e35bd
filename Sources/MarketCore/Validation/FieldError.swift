/// A value that breaks a rule: which field, and a sentence a person can act on.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field's name as it appears on the wire, e.g. `name` or `card.number`.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { self.message }
}
