/// One entry of a key table: the keys, the action they trigger, and how help and the footer
/// describe them. The same table drives the handlers and the help screen, so they cannot disagree.
public struct KeyBinding<Action: Sendable & Hashable>: Sendable {
    public var keys: [Key]
    public var action: Action
    /// A sentence for the help overlay.
    public var help: String
    /// A word or two for the footer bar; `nil` keeps the binding out of the footer.
    public var hint: String?
    /// How the keys are written, when the default (`keys` joined with "/") reads badly.
    public var label: String?

    public init(_ keys: [Key], _ action: Action, help: String, hint: String? = nil, label: String? = nil) {
        self.keys = keys
        self.action = action
        self.help = help
        self.hint = hint
        self.label = label
    }

    public init(_ key: Key, _ action: Action, help: String, hint: String? = nil, label: String? = nil) {
        self.init([key], action, help: help, hint: hint, label: label)
    }

    /// The keys as written in help, e.g. "j/↓".
    public var keyLabel: String { self.label ?? self.keys.map(\.description).joined(separator: "/") }

    /// The shortest form for the footer: the first key.
    public var footerKeyLabel: String { self.keys.first?.description ?? "" }
}
