public import MarketCore
public import MarketClient
public import TerminalUI

/// What every screen of a terminal client shares: who is logged in where, the connection, the
/// terminal's size, requests in flight, the status line, and the help and quit overlays.
/// Changed by pure functions; each app keeps one in its state.
public struct Shell: Sendable {
    /// The product name shown first in the header.
    public var appName: String
    /// What this client is, e.g. "Seller dashboard".
    public var title: String
    /// `host:port` of the server.
    public var server: String
    public var connection: ConnectionState = .idle
    /// Whether a connection was ever made (so a later failure reads "reconnecting").
    public var hasConnected = false
    /// Set while the server cannot serve (it says its database is away, or it stops answering in
    /// time) and nothing has succeeded since: why, and when the views were last fetched again.
    public var trouble: ServerTrouble?
    /// Whether the user pressed a key or used the mouse since the last request or keep-alive: a
    /// busy user keeps the session alive even while sending nothing.
    public var wasActive = false
    /// Clock beats since the last call: the session's activity as the server last saw it.
    public var beatsSinceCall = 0
    /// Clock beats since the user last pressed a key or used the mouse.
    public var idleBeats = 0
    /// Keys the app handles while the quit question is shown, for the footer after the
    /// question's own.
    public var quitExtraHints: [KeyHint] = []
    /// The warning that the session is about to end for want of activity, while it may be on
    /// show: the next key or click takes it away.
    public var idleWarning: StatusMessage?
    /// How long the server keeps a session without a request, as it said at login.
    public var sessionTimeout: Duration?
    /// The role of the server at the address, when the first ping found it is the other one's
    /// (a client started with the other server's port): the header says so instead of
    /// "connected".
    public var wrongServer: Role?
    /// The market's category names, as the server said after the login (numbers only before).
    public var categories = CategoryNames.none
    /// Until this tick keys are dropped (all but Ctrl-C): set when the session ends under the
    /// user, so that what they were typing for the screen that went does not land in the login
    /// form's password field and log in with it.
    public var keysHeldUntil: Int?
    /// While a box says a change's answer was lost: how the views are fetched again, a few times,
    /// to learn whether it happened (it may commit just after the server answers again).
    public var outcomeChecks: OutcomeChecks?
    /// The logged-in user's username and display name.
    public var user: SignedInUser?
    public var size: Size = .zero
    /// Counts spinner ticks.
    public var tick = 0
    public var status: StatusMessage? {
        didSet { self.statusBeats = 0 }
    }
    /// Clock beats since ``status`` was set: an old message goes at the next key press.
    public var statusBeats = 0
    /// A note about where the selection is (the first or last page), which moving makes stale.
    private var edgeNote: StatusMessage?

    /// Says `text` about the edge of a list the user tried to go past; it goes at the next key
    /// (``dropEdgeNote()``), which either moves away from the edge or says it again.
    public mutating func noteEdge(_ text: String) {
        self.status = .info(text)
        self.edgeNote = self.status
    }

    /// A key came: a note about the edge the selection was at goes.
    public mutating func dropEdgeNote() {
        if let note = self.edgeNote, self.status == note { self.status = nil }
        self.edgeNote = nil
    }
    /// Requests in flight: id → what the status line says while waiting ("Searching…").
    public var requests: [Int: String] = [:]
    private var nextRequest = 1
    /// Requests the user stopped waiting for: their answers, when they come, are dropped.
    public private(set) var abandoned: Set<Int> = []
    /// Keys typed while the screen waits for an answer they are meant for, held until it comes.
    public var typeahead: Typeahead?
    /// The help overlay, when shown.
    public var help: HelpOverlay?
    /// The quit confirmation, when shown.
    public var quitDialog: Dialog?
    /// Set when the quit question's middle button (``confirmQuit(extraLines:extraHints:alternative:)``,
    /// e.g. "Save & quit") was pressed: the app does what it names, then clears this.
    public var quitAlternativePressed = false
    public var isFinished = false
    /// Whether Ctrl-C ended the program (rather than a confirmed quit).
    public var wasInterrupted = false

    public init(appName: String = "swift-market", title: String, server: String) {
        self.appName = appName
        self.title = title
        self.server = server
    }

    /// Starts tracking a request; the returned id comes back with its result. A request counts
    /// as the session's activity by itself, so only what the user does after it calls for a
    /// keep-alive (typing the password does not keep the new session alive).
    /// - Parameter keysWait: the keys typed next are meant for the answer, so they wait for it
    ///   (``Typeahead``).
    public mutating func begin(_ label: String, keysWait: Bool = false) -> Int {
        self.wasActive = false
        self.beatsSinceCall = 0
        let id = self.nextRequest
        self.nextRequest += 1
        self.requests[id] = label
        if keysWait { self.holdKeys(until: id) }
        return id
    }

    /// An id for a request that goes on in the background, such as a dashboard's wait for news:
    /// it is not tracked (no spinner, no "working…"), does not hold keys, and is not the user's
    /// activity.
    public mutating func beginQuietly() -> Int {
        defer { self.nextRequest += 1 }
        return self.nextRequest
    }

    /// Stops tracking a request.
    public mutating func finish(_ id: Int) {
        self.requests[id] = nil
    }

    /// The requests of a refresh the user asked for (r), until all are answered: the status line
    /// then says the view is up to date, unless an answer had something to say.
    var refreshRequests: Set<Int> = []

    /// After an answer: once every request of the user's refresh is answered, says so.
    mutating func noteRefreshAnswered() {
        guard !self.refreshRequests.isEmpty else { return }
        self.refreshRequests = self.refreshRequests.filter { self.requests[$0] != nil }
        if self.refreshRequests.isEmpty, self.status == nil { self.status = .success("Up to date.") }
    }

    /// Beats (5 s each) after which the status line's message goes at the next key press, so
    /// that it does not linger over what the user has done since: between 5 and 10 seconds.
    public static let statusLifetimeBeats = 2

    /// A key was pressed: a message on show long enough has been read.
    public mutating func dropOldStatus() {
        if self.statusMayBeReplaced { self.status = nil }
    }

    /// Whether the status line says nothing the user has yet to read: it is empty, or its message
    /// has been up for its lifetime.
    public var statusMayBeReplaced: Bool { self.status == nil || self.statusBeats >= Self.statusLifetimeBeats }

    /// Stops waiting for a request: it no longer counts as in flight, and its answer will be
    /// dropped (``isAbandoned(_:)``).
    public mutating func abandon(_ id: Int) {
        self.finish(id)
        self.abandoned.insert(id)
        if self.typeahead?.request == id { self.typeahead = nil }
    }

    /// Whether the user stopped waiting for this answer; it is forgotten by asking.
    public mutating func isAbandoned(_ id: Int) -> Bool {
        self.abandoned.remove(id) != nil
    }

    /// The label of the latest request in flight, for the status line.
    public var busyLabel: String? {
        self.requests.max { $0.key < $1.key }?.value
    }

    public var isBusy: Bool { !self.requests.isEmpty }

    /// Whether the status line shows the warning that the session is about to end.
    public var isIdleWarningOnShow: Bool { self.idleWarning != nil && self.status == self.idleWarning }

    /// The user pressed a key or used the mouse: the session is theirs again, and a warning that
    /// it was about to end goes. Returns whether there was one (the session then wants keeping
    /// alive at once, not at the next beat).
    @discardableResult
    public mutating func noteActivity() -> Bool {
        self.wasActive = true
        self.idleBeats = 0
        guard let warning = self.idleWarning else { return false }
        if self.status == warning { self.status = nil }
        self.idleWarning = nil
        return true
    }

    /// The footer's keys while the quit question is shown.
    public var quitHints: [KeyHint] { (self.quitDialog?.hints ?? []) + self.quitExtraHints }

    public var isTooSmall: Bool { !self.size.contains(.minimum) }

    /// Where the help overlay goes: the screen above the status line, which stays whole and
    /// readable under it (the footer says the overlay's keys).
    public var helpArea: Rect { Rect(x: 0, y: 0, width: self.size.width, height: max(0, self.size.height - 2)) }

    /// Asks whether to quit; `extraLines` adds a note such as an unsaved cart.
    /// - Parameters:
    ///   - extraLines: said under the question (what quitting would lose).
    ///   - extraHints: keys the app handles while the question is shown, for the footer.
    ///   - alternative: a button between Quit and Cancel (another way out, such as saving
    ///     first); pressing it sets ``quitAlternativePressed``.
    public mutating func confirmQuit(extraLines: [Span] = [], extraHints: [KeyHint] = [], alternative: String? = nil) {
        self.quitExtraHints = extraHints
        let buttons = ["Quit"] + (alternative.map { [$0] } ?? []) + ["Cancel"]
        self.quitDialog = Dialog(
            title: "Quit",
            lines: [Span("Quit the \(self.title.lowercased())?")] + extraLines,
            buttons: buttons,
            // A warning means something would be lost: then Enter and q q keep it.
            focus: extraLines.isEmpty ? 0 : buttons.count - 1,
            isDestructive: true,
            actionTakesLetter: extraLines.isEmpty
        )
    }
}

/// Why the server cannot serve right now, and the tick of the last try, so that the views are
/// fetched again every few seconds until it can.
public struct ServerTrouble: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// The server answered that it cannot reach its database.
        case noDatabase
        /// The server accepted the request but did not answer in time (it is stalled or
        /// overloaded).
        case noAnswer
    }

    public var reason: Reason
    public var lastTry: Int

    public init(reason: Reason, lastTry: Int) {
        self.reason = reason
        self.lastTry = lastTry
    }
}

/// Fetching the views again to learn the outcome of a change whose answer was lost: when last,
/// and how many more times.
public struct OutcomeChecks: Sendable, Hashable {
    public var lastTry: Int
    public var left: Int
}

/// Who is logged in.
public struct SignedInUser: Sendable, Hashable {
    public var username: String
    public var name: String

    public init(username: String, name: String) {
        self.username = username
        self.name = name
    }
}
