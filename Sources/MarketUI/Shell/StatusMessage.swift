public import TerminalUI

/// A sentence on the status line about what just happened.
public struct StatusMessage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case info
        case success
        case warning
        case error
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    public static func info(_ text: String) -> StatusMessage { StatusMessage(.info, text) }
    public static func success(_ text: String) -> StatusMessage { StatusMessage(.success, text) }
    public static func warning(_ text: String) -> StatusMessage { StatusMessage(.warning, text) }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(.error, text) }

    /// The message as drawn: a symbol and the sentence in the kind's style.
    public var span: Span {
        switch self.kind {
        case .info: Span(self.text, .normal)
        case .success: Span("✓ " + self.text, .success)
        case .warning: Span("! " + self.text, .warning)
        case .error: Span("✗ " + self.text, .error)
        }
    }
}
