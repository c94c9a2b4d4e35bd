/// A column of fields with inline validation: each field shows its problem right under it, in
/// words, once the user has changed the field and moved on from it (and every problem after a
/// submit attempt). A problem waits while the user is still typing — the first digits of a card
/// number are not yet wrong — but once shown it follows every key, so a fix is seen at once.
///
/// Tab, ↓ and ↑ move between fields; Enter submits from the last field or when everything is
/// valid, otherwise it moves on; Esc cancels.
public struct Form: Sendable, Hashable {
    public var fields: [FormField]
    public var focus: Int
    /// Set by a submit attempt: shows every problem, whether the field was changed or not.
    public var showsAllProblems: Bool

    /// What Enter does, for the footer ("Register", "Pay"): the word the box itself uses.
    public var submitLabel: String

    public init(_ fields: [FormField], focus: Int = 0, submitLabel: String = "OK") {
        self.fields = fields
        self.focus = focus
        self.showsAllProblems = false
        self.submitLabel = submitLabel
    }

    /// What a key did to the form.
    public enum Outcome: Sendable, Hashable {
        /// A field's value changed: validate again.
        case edited
        case moved
        /// Enter with every field valid.
        case submit
        /// Enter with a problem somewhere: the first field at fault now has the focus.
        case refused
        case cancel
        /// Not a form key.
        case ignored
    }

    public subscript(id: String) -> String {
        self.fields.first { $0.id == id }?.value ?? ""
    }

    public var isValid: Bool { self.fields.allSatisfy { $0.problem == nil } }

    /// The problem of field `index` as the user sees it: shown once they have moved on from the
    /// field after changing it or tried to submit, and at once when pasted text did not fit.
    public func shownProblem(at index: Int) -> String? {
        guard self.fields.indices.contains(index), let problem = self.fields[index].problem else { return nil }
        let field = self.fields[index]
        return self.showsAllProblems || field.movedOn || field.input.overflowed ? problem : nil
    }

    /// Puts the focus on field `index`. The field left behind, if the user changed it, shows its
    /// problems from now on.
    public mutating func focus(on index: Int) {
        guard self.fields.indices.contains(index), index != self.focus else { return }
        if self.fields.indices.contains(self.focus), self.fields[self.focus].touched {
            self.fields[self.focus].movedOn = true
        }
        self.focus = index
    }

    /// The server refused field `id` for `problem`: said under the field at once, with the
    /// cursor there, and for as long as the field holds the value refused; once it is changed,
    /// the form's own rules check it again.
    public mutating func reject(_ id: String, saying problem: String) {
        guard let index = self.fields.firstIndex(where: { $0.id == id }) else { return }
        self.fields[index].problem = problem
        self.fields[index].refusal = FormField.Refusal(value: self.fields[index].input.text, problem: problem)
        self.fields[index].touched = true
        self.fields[index].movedOn = true
        self.focus(on: index)
    }

    /// Shows field `index`'s problem from the first key typed into it, rather than once the user
    /// moves on: for the one field of a box, which is never moved on from, holding a count that
    /// typing more cannot mend (more digits only make it larger).
    public mutating func showProblemAsTyped(at index: Int) {
        guard self.fields.indices.contains(index), self.fields[index].problem != nil, self.fields[index].touched,
            !self.fields[index].input.text.allSatisfy(\.isWhitespace)
        else { return }
        self.fields[index].movedOn = true
    }

    /// Sets each field's problem from `problems` (field id → message). A field that dropped
    /// characters past its length is never valid, since the kept part alone is text the user did
    /// not mean (a word cut in half): it says so, unless its rule already finds it too long
    /// (which then says the rule's own limit, and that typing stopped, since the count it gives
    /// is the field's, not what was typed).
    public mutating func apply(problems: [String: String]) {
        for index in self.fields.indices {
            let input = self.fields[index].input
            if let refusal = self.fields[index].refusal, refusal.value != input.text { self.fields[index].refusal = nil }
            let problem = problems[self.fields[index].id] ?? self.fields[index].refusal?.problem
            guard input.overflowed else {
                self.fields[index].problem = problem
                continue
            }
            self.fields[index].problem = problem.map { "\($0) Nothing past \(input.maximumLength) characters is taken." }
                ?? "Too long: cut to \(input.maximumLength) characters; shorten it to go on."
        }
    }

    /// Sets a value from code and counts the field as untouched, so its problem (if any) shows
    /// only once the user edits it or tries to submit.
    /// - Parameter byUser: a value the user chose (from a list, say): counted as typed, so its ✓
    ///   shows as for a value typed in.
    public mutating func set(_ id: String, to value: String, byUser: Bool = false) {
        guard let index = self.fields.firstIndex(where: { $0.id == id }) else { return }
        self.fields[index].input = TextField(value, isSecret: self.fields[index].kind == .secret, maximumLength: self.fields[index].input.maximumLength)
        self.fields[index].touched = byUser
        self.fields[index].movedOn = false
    }

    /// The footer's keys for this form: moving between fields only where there are several, and
    /// F1 for help (? types itself in a form).
    public var hints: [KeyHint] {
        let moves = self.fields.count > 1
        return Self.keys.hints(where: { moves || ($0 != .next && $0 != .previous) }, label: { $0 == .submit ? self.submitLabel : nil })
            + [KeyHint(key: "F1", label: "Help")]
    }

    /// Moving between fields and leaving the form.
    public enum Action: Sendable, Hashable {
        case next, previous, submit, cancel
    }

    /// The form's own keys, for handling and for help.
    public static let keys = KeyMap<Action>("Forms", [
        KeyBinding([.tab, .down], .next, help: "Next field", hint: "Next", label: "Tab/↓"),
        KeyBinding([.backTab, .up], .previous, help: "Previous field", label: "S-Tab/↑"),
        KeyBinding(.enter, .submit, help: "Submit, or go to the next field while one is missing", hint: "OK"),
        KeyBinding(.escape, .cancel, help: "Cancel: close the box, back to where you were", hint: "Cancel"),
    ])

    /// Changing the option of a choice field.
    public enum ChoiceAction: Sendable, Hashable {
        case previous, next
    }

    /// The keys of choice fields (a choice's first letter also picks it).
    public static let choiceKeys = KeyMap<ChoiceAction>("Choices", [
        KeyBinding(.left, .previous, help: "Previous option"),
        KeyBinding([.right, .character(" ")], .next, help: "Next option", label: "→/Space"),
    ])

    public mutating func handle(_ key: Key) -> Outcome {
        guard self.fields.indices.contains(self.focus) else { return .ignored }
        if case .choice(let options) = self.fields[self.focus].kind, !options.isEmpty {
            var choice = self.fields[self.focus].choice
            var changed = true
            switch Self.choiceKeys.action(for: key) {
            case .previous: choice = (choice + options.count - 1) % options.count
            case .next: choice = (choice + 1) % options.count
            case nil:
                // The first letter of an option picks it: "u" for Used.
                if let character = key.typedCharacter,
                    let match = options.firstIndex(where: { $0.lowercased().first == Character(character.lowercased()) })
                {
                    choice = match
                } else {
                    changed = false
                }
            }
            if changed {
                self.fields[self.focus].choice = choice
                self.fields[self.focus].touched = true
                return .edited
            }
        }
        if let action = Self.keys.action(for: key) {
            switch action {
            case .next:
                self.focus(on: (self.focus + 1) % self.fields.count)
                return .moved
            case .previous:
                self.focus(on: (self.focus + self.fields.count - 1) % self.fields.count)
                return .moved
            case .cancel:
                return .cancel
            case .submit:
                if self.isValid {
                    // Problems that turn up from here on (a refusal, a reload) are on show.
                    self.showsAllProblems = true
                    return .submit
                }
                if self.focus < self.fields.count - 1, self.fields[self.focus].problem == nil {
                    self.focus(on: self.focus + 1)
                    return .moved
                }
                self.showsAllProblems = true
                if let first = self.fields.firstIndex(where: { $0.problem != nil }) { self.focus(on: first) }
                return .refused
            }
        }
        if case .choice = self.fields[self.focus].kind { return .ignored }
        let before = self.fields[self.focus].input
        guard self.fields[self.focus].input.handle(key) else { return .ignored }
        let after = self.fields[self.focus].input
        if after.text != before.text || after.overflowed != before.overflowed {
            self.fields[self.focus].touched = true
            return .edited
        }
        return .moved
    }

    /// Rows the form needs: two per field (input, then its problem or hint).
    public var height: Int { self.fields.count * 2 }

    /// A choice's options as drawn, each with the column it starts at, the first at `x`.
    private static func optionLabels(_ options: [String], chosen: Int, from x: Int) -> [(String, Int)] {
        var x = x
        return options.enumerated().map { option, name in
            let label = " \(option == chosen ? "●" : "○") \(name) "
            defer { x += DisplayWidth.of(label) + 1 }
            return (label, x)
        }
    }

    /// A click at `point` on this form drawn in `rect` with labels `labelWidth` wide (as
    /// ``render(in:canvas:labelWidth:inputWidth:focused:)`` draws it): the keys that move the
    /// focus to the field under it — its input, label or the line under it — and, on an option
    /// of a choice, pick that option, or on a text input, put the cursor where the click was. Nil
    /// when the click is on no field. Keys, so that a click goes through the form's own rules
    /// (the field left behind shows its problems).
    public func keys(forClickAt point: Point, in rect: Rect, labelWidth: Int) -> [Key]? {
        guard rect.contains(point), !self.fields.isEmpty else { return nil }
        let index = (point.y - rect.y) / 2
        guard self.fields.indices.contains(index) else { return nil }
        var keys = Array(repeating: Key.tab, count: (index - self.focus + self.fields.count) % self.fields.count)
        let field = self.fields[index]
        if case .choice(let options) = field.kind, point.y == rect.y + index * 2,
            let picked = Self.optionLabels(options, chosen: field.choice, from: rect.x + labelWidth + 2)
                .firstIndex(where: { label, x in (x..<x + DisplayWidth.of(label)).contains(point.x) })
        {
            keys += Array(repeating: Key.right, count: (picked - field.choice + options.count) % options.count)
        }
        let inputX = rect.x + labelWidth + 2
        if !field.isChoice, point.y == rect.y + index * 2, point.x >= inputX {
            // On the input, or past it: the cursor goes where the click was, or to the end. (The
            // text is scrolled only when it is wider than the room to the right of the label,
            // and the input is then that wide.)
            let room = max(4, rect.maxX - inputX)
            keys += TextField.keys(toPlaceCursorAt: field.input.cursor(forClickAtColumn: point.x - inputX, width: room))
        }
        return keys
    }

    /// Draws the form in `rect`, labels right-aligned in `labelWidth` columns, inputs
    /// `inputWidth` wide, or wider while their text needs it and `rect` has room (a long name is
    /// seen whole, not scrolled in a box sized for a short one). Returns where the cursor goes
    /// when `focused`.
    @discardableResult
    public func render(in rect: Rect, canvas: inout Canvas, labelWidth: Int, inputWidth: Int, focused: Bool = true) -> Point? {
        var cursor: Point?
        let inputX = rect.x + labelWidth + 2
        let room = rect.maxX - inputX
        for (index, field) in self.fields.enumerated() {
            let wanted = max(inputWidth, DisplayWidth.of(field.input.text) + 3)  // a blank each side, and the cursor
            let width = max(4, min(wanted, room))
            let y = rect.y + index * 2
            guard y < rect.maxY else { break }
            let isFocused = focused && index == self.focus
            canvas.write(field.label, in: Rect(x: rect.x, y: y, width: labelWidth, height: 1), style: isFocused ? .accent : .normal, alignment: .right)
            let box = Rect(x: inputX, y: y, width: width, height: 1)
            switch field.kind {
            case .choice(let options):
                for (option, (label, x)) in zip(options.indices, Self.optionLabels(options, chosen: field.choice, from: inputX)) {
                    let chosen = option == field.choice
                    let style: Style = chosen ? (isFocused ? .buttonFocused : .button) : .muted
                    canvas.write(label, x: x, y: y, style: style, limit: rect.maxX - x)
                }
            case .text, .secret:
                let point = field.input.render(in: box, canvas: &canvas, focused: isFocused)
                if isFocused { cursor = point }
            }
            let note = Rect(x: inputX + 1, y: y + 1, width: max(0, rect.maxX - inputX - 1), height: 1)
            if let problem = self.shownProblem(at: index) {
                // A problem too long for the room under the input starts under the label instead.
                let text = "✗ " + problem
                let room = DisplayWidth.of(text) <= note.width ? note : Rect(x: rect.x + 1, y: note.y, width: rect.width - 1, height: 1)
                canvas.write(text, in: room, style: .error)
            } else if field.touched, field.problem == nil, field.kind != .secret || !field.input.text.isEmpty, !field.isChoice, let hint = field.hint {
                // (A choice cannot be wrong: no tick under it; nor under a field with nothing to
                // say, where a lone tick reads as noise.)
                canvas.write("✓ " + hint, in: note, style: .muted)
                canvas.restyle(Rect(x: note.x, y: note.y, width: 1, height: 1), style: .success)
            } else if let hint = field.hint {
                canvas.write(hint, in: note, style: .muted)
            }
        }
        return cursor
    }
}
