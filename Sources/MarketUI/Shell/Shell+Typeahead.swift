public import TerminalUI

/// Keys typed while the screen waits for an answer they are meant for: a search's results, the
/// next page, an item's details, the login. A fast typist's `/ mug Enter a` means "add a mug",
/// not "add whatever the old results had selected", so keys are held until the answer comes and
/// then handled as if typed after it (Esc excepted, which drops them and acts at once). Nobody
/// waits long for nothing: if the answer fails the held
/// keys go (they were meant for a screen that did not come), and after five seconds (a login
/// under load takes that long) they go too and keys work on the screen as it is.
public struct Typeahead: Sendable, Hashable {
    /// The request whose answer the keys wait for.
    public var request: Int
    /// When the wait began, in ticks.
    public var since: Int
    public var keys: [Key] = []

    /// Most keys held; more are dropped.
    public static let maximumKeys = 64
    /// Ticks (100 ms each) after which the keys stop waiting.
    public static let patienceTicks = 50
}

extension Shell {
    /// Holds the keys typed from now on until `request` is answered (nothing for nil, a request
    /// not made). Keys already held for a request that led to this one (a new account's login)
    /// wait on for it.
    public mutating func holdKeys(until request: Int?) {
        guard let request else { return }
        self.typeahead = Typeahead(request: request, since: self.tick, keys: self.typeahead?.keys ?? [])
    }

    /// Whether `key` is held: keys wait while an answer they are meant for is on its way. Ctrl-C
    /// never waits, and neither does Esc, which means "never mind": it drops what was held and
    /// acts at once (closing a box whose request is still on its way, say).
    public mutating func hold(_ key: Key) -> Bool {
        guard self.typeahead != nil, key != .interrupt else { return false }
        if key == .escape {
            self.typeahead = nil
            return false
        }
        if self.typeahead!.keys.count < Typeahead.maximumKeys { self.typeahead!.keys.append(key) }
        return true
    }

    /// After an answer: the held keys to handle now, if it was the one they waited for and it
    /// succeeded (`failed` false); none otherwise.
    public mutating func releaseKeys(failed: Bool) -> [Key] {
        guard let typeahead = self.typeahead, self.requests[typeahead.request] == nil else { return [] }
        self.typeahead = nil
        return failed ? [] : typeahead.keys
    }

    /// On a tick: keys that waited too long are dropped, and say so.
    public mutating func expireHeldKeys() {
        guard let typeahead = self.typeahead, self.tick - typeahead.since >= Typeahead.patienceTicks else { return }
        self.typeahead = nil
        if !typeahead.keys.isEmpty {
            self.status = .info("The server is slow to answer: the keys typed meanwhile were dropped.")
        }
    }
}
