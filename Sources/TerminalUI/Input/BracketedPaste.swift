/// A bracketed paste being read: the text between the terminal's start marker (`ESC [200~`) and
/// its end marker (`ESC [201~`), which ncurses hands over as key codes of their own.
///
/// A paste must never take the keyboard hostage. ncurses recognises a marker only when its bytes
/// arrive within the escape delay of each other; one that arrives split (over a slow link, or a
/// large paste written in pieces) comes as plain characters, and a paste waiting for an end marker
/// that already went by would swallow every key after it, Ctrl-C included. So the end marker is
/// also recognised in the characters, Ctrl-C ends the paste (and counts as pressed), and a paste
/// that has had no input for ``idleLimit`` is over.
public struct BracketedPaste: Sendable {
    /// The most characters of a paste kept; the rest of a larger one is dropped.
    public static let limit = 65_536
    /// How long a paste may go without input before it is taken as ended.
    public static let idleLimit: Duration = .seconds(1)

    private static let endMarker: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
    private static let interrupt: Unicode.Scalar = "\u{03}"

    private var scalars: [Unicode.Scalar] = []
    /// The last characters, while they could be the start of an end marker.
    private var pending: [Unicode.Scalar] = []
    /// When the last character came.
    public private(set) var lastInput: ContinuousClock.Instant

    public init(now: ContinuousClock.Instant = .now) {
        self.lastInput = now
    }

    /// What a character typed during the paste does.
    public enum Outcome: Sendable, Equatable {
        /// Kept as part of the paste.
        case kept
        /// It completed an end marker: the paste is over, with this text.
        case ended(String)
        /// Ctrl-C: the paste is dropped, and the key is the user's.
        case interrupted
    }

    public mutating func add(_ scalar: Unicode.Scalar, now: ContinuousClock.Instant = .now) -> Outcome {
        self.lastInput = now
        if scalar == Self.interrupt { return .interrupted }
        self.pending.append(scalar)
        if self.pending == Self.endMarker {
            self.pending = []
            return .ended(self.text)
        }
        if !Self.endMarker.starts(with: self.pending) {
            // Not a marker after all: text, but for an escape that may begin one.
            let restarts = self.pending.last == Self.endMarker[0]
            for character in restarts ? self.pending.dropLast() : self.pending[...] where self.scalars.count < Self.limit {
                self.scalars.append(character)
            }
            self.pending = restarts ? [Self.endMarker[0]] : []
        }
        return .kept
    }

    /// What was pasted so far (all of it, once the end marker came as a key code).
    public var text: String { String(String.UnicodeScalarView((self.scalars + self.pending).prefix(Self.limit))) }

    /// Whether the paste has gone without input for longer than ``idleLimit``.
    public func hasStalled(now: ContinuousClock.Instant = .now) -> Bool {
        now - self.lastInput > Self.idleLimit
    }
}
