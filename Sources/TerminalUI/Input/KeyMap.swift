/// A titled table of key bindings for one context (a screen, a dialog, the whole app).
public struct KeyMap<Action: Sendable & Hashable>: Sendable {
    public var title: String
    public var bindings: [KeyBinding<Action>]

    public init(_ title: String, _ bindings: [KeyBinding<Action>]) {
        self.title = title
        self.bindings = bindings
    }

    /// The action bound to `key`, if any (the first binding wins).
    public func action(for key: Key) -> Action? {
        self.bindings.first { $0.keys.contains(key) }?.action
    }

    /// Whether any binding of the table takes `key`.
    public func binds(_ key: Key) -> Bool {
        self.bindings.contains { $0.keys.contains(key) }
    }

    /// Footer hints, in table order.
    public var hints: [KeyHint] {
        self.hints { _ in true }
    }

    /// Footer hints of the actions that `isOffered` keeps (e.g. none that need a selected row
    /// while the table is empty), in table order.
    /// `label` gives an action a label other than its binding's hint (what Enter does in this
    /// form, say).
    public func hints(where isOffered: (Action) -> Bool, label: (Action) -> String? = { _ in nil }) -> [KeyHint] {
        self.bindings.compactMap { binding in
            guard isOffered(binding.action) else { return nil }
            return binding.hint.map { KeyHint(key: binding.footerKeyLabel, label: label(binding.action) ?? $0) }
        }
    }

    /// The section the help overlay shows for this table.
    public var helpSection: HelpSection {
        HelpSection(title: self.title, entries: self.bindings.map { HelpSection.Entry(keys: $0.keyLabel, help: $0.help) })
    }

    /// The same table with each action mapped, for embedding a widget's table in a screen's.
    public func map<Other>(_ transform: (Action) -> Other) -> KeyMap<Other> {
        KeyMap<Other>(
            self.title,
            self.bindings.map { KeyBinding<Other>($0.keys, transform($0.action), help: $0.help, hint: $0.hint, label: $0.label) }
        )
    }
}

/// One footer hint: a key and what it does.
public struct KeyHint: Sendable, Hashable {
    public var key: String
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// A block of the help overlay.
public struct HelpSection: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var keys: String
        public var help: String

        public init(keys: String, help: String) {
            self.keys = keys
            self.help = help
        }
    }

    public var title: String
    public var entries: [Entry]

    public init(title: String, entries: [Entry]) {
        self.title = title
        self.entries = entries
    }
}
