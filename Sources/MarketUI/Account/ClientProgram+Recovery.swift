import MarketCore

/// How a client recovers by itself, without the user having to act: a server that cannot reach
/// its database or stops answering is tried again until it serves; a change whose answer was
/// lost is looked for in the views fetched again; keys meant for a screen that went (the session
/// ended under the user) are dropped for a moment; and a user busy on screen keeps the session
/// alive.
extension ClientProgram {
    /// Ticks between tries while the server cannot serve (100 ms each).
    static var retryTicks: Int { 50 }

    /// Ticks for which keys are dropped after the session ended under the user.
    public static var keyHoldTicks: Int { 15 }

    /// How often the clock beats: the finest step in which keep-alives are timed.
    public static var heartbeatInterval: Duration { .seconds(5) }

    /// Beats between keep-alives of a user busy on screen: a third of the server's session
    /// timeout (so that one lost on the way still leaves time for the next), at most a minute,
    /// at least one beat. A server that does not say its timeout gets a minute, well within the
    /// default of five.
    public static func keepAliveBeats(sessionTimeout: Duration?) -> Int {
        let minute = Int(Duration.seconds(60) / Self.heartbeatInterval)
        guard let sessionTimeout else { return minute }
        return min(minute, max(1, Int(sessionTimeout / 3 / Self.heartbeatInterval)))
    }

    /// On a beat: keeps the session alive if the user did something (a key, the mouse) since the
    /// last call and no call went for a third of the session timeout. A user who does nothing
    /// lets the session expire, as the server's timeout means it to.
    func keepAliveIfBusy(_ state: inout State) -> [Command] {
        state.shell.beatsSinceCall += 1
        guard state.isLoggedIn, state.shell.wasActive,
            state.shell.beatsSinceCall >= Self.keepAliveBeats(sessionTimeout: state.shell.sessionTimeout)
        else { return [] }
        return self.keepAlive(&state)
    }

    /// One cheap call that counts as activity, so that the server keeps the session.
    func keepAlive(_ state: inout State) -> [Command] {
        guard state.isLoggedIn else { return [] }
        state.shell.wasActive = false
        state.shell.beatsSinceCall = 0
        return [.account(.keepAlive)]
    }

    /// On a beat: ends the session of a client left alone for the server's session timeout. The
    /// server ends it by itself when nothing is sent, but a client sends things on its own (the
    /// views fetched again after a reconnect, a dashboard's news), and those would keep an
    /// unattended session alive; so the client, which knows when the user last did something,
    /// forgets the session as the server would have (the server's copy, no longer used, expires
    /// there a few minutes later). Returns whether it did.
    func endSessionIfUnattended(_ state: inout State) -> Bool {
        state.shell.idleBeats += 1
        guard state.isLoggedIn, let timeout = state.shell.sessionTimeout else { return false }
        // The first beat after a key comes up to a beat later: so many beats are at least the
        // timeout only with one more.
        let idle = Self.heartbeatInterval * state.shell.idleBeats
        let end = timeout + Self.heartbeatInterval
        if idle >= end {
            self.sessionEnded(saying: MarketError.sessionExpired(after: timeout).message, &state)
            return true
        }
        // From about a minute before (a fifth of a shorter timeout, if that is at least a beat),
        // counting down at every beat: counted from the timeout itself, not from the client's own
        // end a beat later, since the server may end the session first (its clock runs from the
        // last call, which may come before the last key), and a key then keeps it alive at once.
        // A message that replaced the warning meanwhile stays.
        let lead = min(.seconds(60), timeout / 5)
        if lead >= Self.heartbeatInterval, idle >= timeout - lead {
            let seconds = (timeout - idle).components.seconds
            let when = seconds >= 60 ? "in a minute" : seconds > 0 ? "in \(seconds) seconds" : "now"
            // Said when it would cost something (an unsaved cart), which the login screen
            // would otherwise be the first to say.
            let losing = self.lostWithSession(state) == nil ? "" : ", and what is not saved goes"
            let warning = StatusMessage.warning("Idle: logging out \(when)\(losing) — press a key to stay.")
            if state.shell.idleWarning == nil || state.shell.status == state.shell.idleWarning { state.shell.status = warning }
            state.shell.idleWarning = warning
        }
        return false
    }

    /// Notes, from any answer, whether the server can serve: it cannot when it says its database
    /// is away or lets a request time out. Returns the trouble's reason when it was in trouble
    /// and now answered.
    func noteTrouble(in message: Message, _ state: inout State) -> ServerTrouble.Reason? {
        if let error = message.failure {
            let reason: ServerTrouble.Reason? =
                switch error.code {
                case .unavailable, .databaseTimeout: .noDatabase
                case .timedOut: .noAnswer
                default: nil
                }
            if let reason, state.shell.trouble?.reason != reason {
                state.shell.trouble = ServerTrouble(reason: reason, lastTry: state.shell.tick)
            }
            return nil
        }
        guard !message.isConnectionNews, let trouble = state.shell.trouble else { return nil }
        state.shell.trouble = nil
        return trouble.reason
    }

    /// While the server cannot serve, fetches the views again every few seconds (when nothing
    /// else is in flight), so the screen recovers by itself as after a reconnect.
    func retryWhileInTrouble(_ state: inout State) -> [Command] {
        guard let trouble = state.shell.trouble, state.isLoggedIn, !state.shell.isBusy,
            state.shell.tick - trouble.lastTry >= Self.retryTicks
        else { return [] }
        state.shell.trouble = ServerTrouble(reason: trouble.reason, lastTry: state.shell.tick)
        return self.refresh(&state)
    }

    /// Ticks between fetches that look for a lost answer's outcome, and how many there are.
    static var outcomeCheckTicks: Int { 30 }
    static var outcomeCheckCount: Int { 5 }

    /// Starts looking for a lost answer's outcome when a box begins to await it, and stops when
    /// none does.
    func noteAwaitedOutcome(_ state: inout State) {
        guard self.awaitsOutcome(state) else {
            state.shell.outcomeChecks = nil
            return
        }
        if state.shell.outcomeChecks == nil {
            state.shell.outcomeChecks = OutcomeChecks(lastTry: state.shell.tick, left: Self.outcomeCheckCount)
        }
    }

    /// Every few seconds, while the server answers and nothing else is in flight, fetches the
    /// views again for a box that awaits a lost answer's outcome; a few times, then the warning
    /// is left to the user.
    func checkOutcome(_ state: inout State) -> [Command] {
        guard let checks = state.shell.outcomeChecks else { return [] }
        guard self.awaitsOutcome(state), state.isLoggedIn else {
            state.shell.outcomeChecks = nil
            return []
        }
        guard checks.left > 0, state.shell.trouble == nil, state.shell.connection == .connected, !state.shell.isBusy,
            state.shell.tick - checks.lastTry >= Self.outcomeCheckTicks
        else { return [] }
        state.shell.outcomeChecks = OutcomeChecks(lastTry: state.shell.tick, left: checks.left - 1)
        return self.refresh(&state)
    }
}
