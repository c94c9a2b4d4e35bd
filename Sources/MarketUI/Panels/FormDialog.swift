public import MarketCore
public import TerminalUI

/// A box over the screen holding a form that makes one request: its fields are checked as they
/// are typed, Enter sends what the form asks for, the box then says "working…" until the
/// result, and keeps the server's refusal on show until the next edit.
///
/// A dialog provides its form, how to check it and what a valid form asks for; key handling and
/// failures are shared (``handleForm(_:)``). A dialog that asks for a confirmation first is a
/// ``ConfirmingFormDialog``.
public protocol FormDialog: Sendable {
    /// What a submitted form asks for (a price, a number of units, a card…).
    associatedtype Value: Sendable

    var form: Form { get set }
    /// The request in flight, once sent.
    var request: Int? { get set }
    /// What the server said when it refused, if not about one field.
    var failure: String? { get set }
    /// Whether the failure on show is a lost answer to a request that changes something: it may
    /// have gone through, so sending it again could do it twice. Kept until the next edit.
    var mayHaveGoneThrough: Bool { get set }
    /// A confirmation shown over the form, which then has the keys (none by default).
    var confirmation: Dialog? { get }

    /// Puts each field's problem, by the marketplace's rules, next to it.
    mutating func validate()

    /// What the form asks for, or nil while a field is wrong.
    var value: Value? { get }

    /// Handles a key (by default ``handleForm(_:)``).
    mutating func handle(_ key: Key) -> FormDialogOutcome<Value>

    /// After every edit (by default clears the refusal and checks the fields again).
    mutating func edited()

    /// Whether Esc closes the box while its request is in flight (not for a payment, whose
    /// outcome the user must see).
    static var closesWhileWorking: Bool { get }
}

/// What a key did to a ``FormDialog``.
public enum FormDialogOutcome<Value: Sendable>: Sendable {
    case none
    /// Enter on a valid form (confirmed, where the dialog asks): make the request.
    case submit(Value)
    /// Esc: close the box.
    case cancel
}

extension FormDialog {
    public var isWorking: Bool { self.request != nil }

    public var confirmation: Dialog? { nil }

    /// The footer's keys: the form's, or the confirmation's while one is shown.
    public var hints: [KeyHint] { self.confirmation?.hints ?? self.form.hints }

    public static var closesWhileWorking: Bool { true }

    public mutating func handle(_ key: Key) -> FormDialogOutcome<Value> {
        self.handleForm(key)
    }

    public mutating func edited() {
        self.failure = nil
        self.mayHaveGoneThrough = false
        self.validate()
    }

    /// The shared handling: while working only Esc counts; edits are checked at once; Enter
    /// submits a valid form and does nothing on an invalid one (its problems are on show).
    public mutating func handleForm(_ key: Key) -> FormDialogOutcome<Value> {
        if self.isWorking { return key == .escape && Self.closesWhileWorking ? .cancel : .none }
        switch self.form.handle(key) {
        case .edited:
            self.edited()
            return .none
        case .submit:
            return self.value.map(FormDialogOutcome.submit) ?? .none
        case .cancel:
            return .cancel
        case .moved, .refused, .ignored:
            return .none
        }
    }

    /// A click at `point` on this dialog's box (as FormBox draws it, `boxWidth` wide with labels
    /// `labelWidth` wide, saying `working` while busy): on `question`, shown over the box, the
    /// keys that press the button under it; otherwise the keys that move to the field under it.
    /// Nil when the click is on neither. Keys, so that a click goes through the question's or
    /// the form's own rules.
    public func keys(forClickAt point: Point, on question: Dialog?, boxWidth: Int, labelWidth: Int, working: String, in screen: Rect) -> [Key]? {
        let notice = self.notice(working: working)
        guard let question else {
            guard !self.isWorking else { return nil }
            return FormBox.keys(forClickAt: point, on: self.form, labelWidth: labelWidth, notice: notice, width: boxWidth, in: screen)
        }
        return FormBox.button(of: question, at: point, form: self.form, notice: notice, width: boxWidth, in: screen).map { question.keys(pressing: $0) }
    }

    /// The request failed: the box stays open, showing why.
    public mutating func failed(_ sentence: String) {
        self.request = nil
        self.failure = sentence
        self.mayHaveGoneThrough = false
    }

    /// A request that changes something failed with `error`: as ``failed(_:)``, and when its
    /// answer was lost rather than refused, the box remembers that it may have gone through.
    public mutating func failed(_ sentence: String, after error: MarketError) {
        self.failed(sentence)
        self.mayHaveGoneThrough = ErrorText.outcomeIsUnknown(error)
    }

    /// The server can be reached again: forget a failure that only said it could not, but keep
    /// one whose request may have gone through, so that it is not sent twice unawares.
    public mutating func forgetUnreachable() {
        guard !self.mayHaveGoneThrough else { return }
        self.failure = nil
    }

    /// The line under the form: `working` while the request is in flight, else the refusal.
    public func notice(working: String) -> Span? {
        if self.isWorking { return Span(working, .muted) }
        return self.failure.map { Span("✗ " + $0, .error) }
    }
}

/// A form dialog that asks before it sends: Enter on a valid form shows
/// ``confirmation(for:)`` over the form, whose first button (the action) sends and whose other
/// buttons go back to the form.
public protocol ConfirmingFormDialog: FormDialog {
    var confirmation: Dialog? { get set }

    /// The question to ask before sending `value`.
    func confirmation(for value: Value) -> Dialog
}

extension ConfirmingFormDialog {
    public mutating func handle(_ key: Key) -> FormDialogOutcome<Value> {
        self.handleConfirming(key)
    }

    /// The shared handling: ``handleForm(_:)``, with the confirmation between a valid Enter and
    /// the request.
    public mutating func handleConfirming(_ key: Key) -> FormDialogOutcome<Value> {
        guard self.confirmation != nil, !self.isWorking else {
            let outcome = self.handleForm(key)
            guard case .submit(let value) = outcome else { return outcome }
            self.confirmation = self.confirmation(for: value)
            // The question answers what the last refusal said (not a warning that the last try
            // may have gone through, which stays to be read with it).
            if !self.mayHaveGoneThrough { self.failure = nil }
            return .none
        }
        guard Dialog.press(key, on: &self.confirmation) == 0, let value = self.value else { return .none }
        return .submit(value)
    }
}

/// A form dialog whose Esc asks before throwing away what was typed into it: "Discard …?" over
/// the form, Keep editing the default.
public protocol DiscardingFormDialog: FormDialog {
    /// The question, while it is asked.
    var discardQuestion: Dialog? { get set }
    /// What Esc would throw away ("the item you were filling in"); nil while nothing was typed
    /// that is worth a question.
    var unsentWork: String? { get }
}

extension DiscardingFormDialog {
    /// Handles `key` with `handle`, the dialog's own handling, except that Esc on unsent work
    /// asks first; while the question is up it has the keys (Discard closes the box).
    public mutating func askingBeforeDiscarding(_ key: Key, _ handle: (inout Self, Key) -> FormDialogOutcome<Value>) -> FormDialogOutcome<Value> {
        if self.discardQuestion != nil {
            return Dialog.press(key, on: &self.discardQuestion) == 0 ? .cancel : .none
        }
        let outcome = handle(&self, key)
        guard case .cancel = outcome, !self.isWorking, let work = self.unsentWork else { return outcome }
        self.discardQuestion = .discarding(work)
        return .none
    }

    /// The question over the form, if any: whether to discard, or the dialog's confirmation.
    public var shownQuestion: Dialog? { self.discardQuestion ?? self.confirmation }

    /// The footer's keys: the form's, or a question's while one is shown.
    public var hints: [KeyHint] { self.shownQuestion?.hints ?? self.form.hints }
}

extension Dialog {
    /// Asked when Esc would throw away what the user typed into a form; keeping it is the default.
    public static func discarding(_ what: String) -> Dialog {
        Dialog(title: "Discard", message: "Throw away \(what)?", buttons: ["Discard", "Keep editing"], focus: 1, isDestructive: true)
    }
}
