/// One field of a ``Form``: a label, an input (free text, secret, or a choice), and what is wrong
/// with the current value.
public struct FormField: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case text
        case secret
        /// One of fixed options, changed with ←/→ or Space.
        case choice([String])
    }

    var isChoice: Bool { if case .choice = self.kind { true } else { false } }

    /// A name for code to find the field by.
    public var id: String
    public var label: String
    public var kind: Kind
    public var input: TextField
    /// For a choice: the option shown.
    public var choice: Int
    /// A hint shown under the field while it has no problem.
    public var hint: String?
    /// What is wrong with the value now, in words; set by the screen's validation.
    public var problem: String?
    /// Whether the user has changed the field.
    public var touched: Bool
    /// Whether the user has moved on from the field after changing it: its problem is on show
    /// from then on, also while they come back to fix it (see ``Form/shownProblem(at:)``).
    public var movedOn: Bool
    /// The value the server refused and why (``Form/reject(_:saying:)``): the problem stands,
    /// whatever the form's own rules say, until the value changes.
    var refusal: Refusal?

    struct Refusal: Sendable, Hashable {
        var value: String
        var problem: String
    }

    public init(id: String, label: String, kind: Kind = .text, value: String = "", hint: String? = nil, maximumLength: Int = 256) {
        self.id = id
        self.label = label
        self.kind = kind
        self.input = TextField(value, isSecret: kind == .secret, maximumLength: maximumLength)
        self.choice = 0
        self.hint = hint
        self.problem = nil
        self.touched = false
        self.movedOn = false
    }

    /// The text, or the chosen option.
    public var value: String {
        if case .choice(let options) = self.kind { return options.indices.contains(self.choice) ? options[self.choice] : "" }
        return self.input.text
    }
}
