/// A modal box with a title, a few lines of text and buttons: confirmations for anything
/// destructive or irreversible. ←/→ move between buttons and stop at the ends (a key too many
/// must not land on the other answer), Tab cycles, Enter presses the focused one, a button's
/// first letter presses it directly, Esc presses the last (cancel) button. The focused button
/// is bracketed as well as highlighted, so it shows without colour too.
///
/// The first letters of the buttons win over the generic letters (q, n: cancel; y: the first
/// button; h/l: move), so in Quit/Cancel q quits, as people typing q q expect; a letter that
/// begins two buttons presses neither. An action that cannot be undone (paying, a vote, losing
/// an unsaved cart) is kept from its letter (`actionTakesLetter`), so that a key meant for the
/// screen behind (r for refresh, p, v) does not press it: y, Enter on it, or a click does. The
/// letter then means what it means in any dialog (q q on a Quit that would lose something
/// cancels).
public struct Dialog: Sendable, Hashable {
    public var title: String
    public var lines: [Span]
    public var buttons: [String]
    public var focus: Int
    /// Draws the frame in the error colour (for "remove", "clear", "quit").
    public var isDestructive: Bool
    /// Whether the first button (the action) is pressed by its first letter too.
    public var actionTakesLetter: Bool

    public init(title: String, lines: [Span], buttons: [String], focus: Int = 0, isDestructive: Bool = false, actionTakesLetter: Bool = true) {
        self.title = title
        self.lines = lines
        self.buttons = buttons
        self.focus = focus
        self.isDestructive = isDestructive
        self.actionTakesLetter = actionTakesLetter
    }

    public init(title: String, message: String, buttons: [String], focus: Int = 0, isDestructive: Bool = false, actionTakesLetter: Bool = true) {
        self.init(title: title, lines: [Span(message)], buttons: buttons, focus: focus, isDestructive: isDestructive, actionTakesLetter: actionTakesLetter)
    }

    public enum Outcome: Sendable, Hashable {
        /// The button at this index was pressed.
        case pressed(Int)
        case moved
        case ignored
    }

    /// What a dialog's own keys do.
    public enum Action: Sendable, Hashable {
        case previous, next, cycleBack, cycle, press, yes, no
    }

    /// The keys of every dialog, for handling and for help. A button's first letter, which wins
    /// over these, is described by ``helpSection``.
    public static let keys = KeyMap<Action>("Questions (confirm boxes)", [
        KeyBinding([.left, .character("h")], .previous, help: "Previous button", label: "←/h"),
        KeyBinding([.right, .character("l")], .next, help: "Next button", label: "→/l"),
        KeyBinding(.tab, .cycle, help: "Next button, round to the first"),
        KeyBinding(.backTab, .cycleBack, help: "Previous button, round to the last"),
        KeyBinding(.enter, .press, help: "Press the highlighted button"),
        KeyBinding([.character("y"), .character("Y")], .yes, help: "Yes: the first button (the action)", label: "y"),
        KeyBinding([.escape, .character("n"), .character("N"), .character("q"), .character("Q")], .no, help: "No: the last button (cancel, go back)", label: "Esc/n/q"),
    ])

    /// The help overlay's section for dialogs: ``keys`` and the first-letter rule.
    public static var helpSection: HelpSection {
        var section = Self.keys.helpSection
        section.entries.append(HelpSection.Entry(keys: "A–Z", help: "A button's first letter presses it, unless irreversible"))
        return section
    }

    public mutating func handle(_ key: Key) -> Outcome {
        if let letter = key.typedCharacter.map({ Character($0.lowercased()) }) {
            let matches = self.buttons.indices.filter { self.buttons[$0].lowercased().first == letter }
            // A letter kept from the action means what it means anywhere else (q: no).
            if matches.count == 1, matches[0] != 0 || self.actionTakesLetter { return .pressed(matches[0]) }
            if matches.count > 1 { return .ignored }
        }
        switch Self.keys.action(for: key) {
        case .previous?:
            self.focus = max(0, self.focus - 1)
            return .moved
        case .next?:
            self.focus = min(self.buttons.count - 1, self.focus + 1)
            return .moved
        case .cycleBack?:
            self.focus = (self.focus + self.buttons.count - 1) % max(1, self.buttons.count)
            return .moved
        case .cycle?:
            self.focus = (self.focus + 1) % max(1, self.buttons.count)
            return .moved
        case .press?:
            return .pressed(self.focus)
        case .no?:
            return .pressed(self.buttons.count - 1)
        case .yes?:
            return .pressed(0)
        case nil:
            return .ignored
        }
    }

    /// The keys that press `button`: along to it from the first, then Enter (how a click on it
    /// is passed on where the dialog is part of a bigger box's state).
    public func keys(pressing button: Int) -> [Key] {
        Array(repeating: .left, count: self.buttons.count) + Array(repeating: .right, count: button) + [.enter]
    }

    /// Passes a key to a dialog shown over something else: the button pressed, which also takes
    /// the dialog away, or nil while it stays.
    public static func press(_ key: Key, on dialog: inout Dialog?) -> Int? {
        guard var shown = dialog else { return nil }
        let outcome = shown.handle(key)
        dialog = shown
        guard case .pressed(let button) = outcome else { return nil }
        dialog = nil
        return button
    }

    /// The footer's keys while the dialog is shown (of ``keys``, written short): what Enter
    /// presses, which is the highlighted button and not always the action, and the keys that
    /// press the first and the last button directly when Enter does not.
    public var hints: [KeyHint] {
        guard let first = self.buttons.first, let last = self.buttons.last else { return [] }
        var hints = self.buttons.count > 1 ? [KeyHint(key: "←→", label: "Choose")] : []
        hints.append(KeyHint(key: "Enter", label: self.buttons[min(max(0, self.focus), self.buttons.count - 1)]))
        if self.focus != 0 { hints.append(KeyHint(key: "y", label: first)) }
        if self.focus != self.buttons.count - 1 { hints.append(KeyHint(key: "Esc", label: last)) }
        return hints
    }

    /// The box the dialog takes when drawn over `screen`, or over the box `parent` (a form
    /// asking for this confirmation): inside it when there is room, else covering it whole, so
    /// the two frames never cross.
    public func frame(in screen: Rect, over parent: Rect? = nil) -> Rect {
        let textWidth = self.lines.map { DisplayWidth.of($0.text) }.max() ?? 0
        let buttonsWidth = self.buttons.reduce(0) { $0 + DisplayWidth.of($1) + 6 }
        let width = min(screen.width - 4, max(36, max(textWidth, buttonsWidth, DisplayWidth.of(self.title) + 4) + 6))
        let size = Size(width: width, height: self.lines.count + 6)
        guard let parent else { return screen.centered(size) }
        let inside = parent.insetBy(dx: 2, dy: 1)
        if inside.size.contains(size) { return inside.centered(size) }
        let cover = Size(width: max(size.width, parent.width), height: max(size.height, parent.height))
        let box = Rect(x: parent.x - (cover.width - parent.width) / 2, y: parent.y - (cover.height - parent.height) / 2, width: cover.width, height: cover.height)
        return Rect(x: min(max(screen.x, box.x), screen.maxX - box.width), y: min(max(screen.y, box.y), screen.maxY - box.height), width: box.width, height: box.height)
            .intersection(screen)
    }

    public func render(in screen: Rect, over parent: Rect? = nil, canvas: inout Canvas) {
        let box = self.frame(in: screen, over: parent)
        canvas.box(box, style: self.isDestructive ? .error : .border, title: self.title, fill: .dialog)
        for (index, line) in self.lines.enumerated() {
            // On a narrow screen a long name it quotes gives way before the question's end.
            canvas.write(DisplayWidth.shorten(line.text, to: box.width - 6), in: Rect(x: box.x + 3, y: box.y + 2 + index, width: box.width - 6, height: 1), style: line.style)
        }
        for button in self.buttonLayout(in: box) {
            canvas.write(button.label, x: button.x, y: box.maxY - 3, style: button.index == self.focus ? .buttonFocused : .button)
        }
    }

    /// Which button a click at `point` hit.
    public func button(at point: Point, in screen: Rect, over parent: Rect? = nil) -> Int? {
        let box = self.frame(in: screen, over: parent)
        guard point.y == box.maxY - 3 else { return nil }
        return self.buttonLayout(in: box).first { point.x >= $0.x && point.x < $0.x + DisplayWidth.of($0.label) }?.index
    }

    /// The buttons as drawn in `box`, centred on its row, two columns apart: the focused one in
    /// brackets, each as wide either way.
    private func buttonLayout(in box: Rect) -> [(index: Int, label: String, x: Int)] {
        let labels = self.buttons.indices.map { $0 == self.focus ? "[ \(self.buttons[$0]) ]" : "  \(self.buttons[$0])  " }
        let total = labels.reduce(0) { $0 + DisplayWidth.of($1) } + 2 * max(0, labels.count - 1)
        var x = box.x + max(1, (box.width - total) / 2)
        return labels.enumerated().map { index, label in
            defer { x += DisplayWidth.of(label) + 2 }
            return (index, label, x)
        }
    }
}
