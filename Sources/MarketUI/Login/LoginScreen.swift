public import MarketCore
public import TerminalUI

/// Logging in, or creating an account and then logging in. Shared by both clients; the form is
/// checked with the same MarketCore rules as the server, as the user types.
public struct LoginScreen: Sendable {
    public enum Mode: Sendable, Hashable {
        case login
        case createAccount
    }

    public var role: Role
    public var mode: Mode
    public var form: Form
    /// A sentence in the box: why the user is here again, or what went wrong.
    public var notice: StatusMessage?
    /// The request of the login or account creation in flight.
    public var submission: Int?
    public var isSubmitting: Bool { self.submission != nil }
    /// The login form as it was when the user went to create an account, put back if they
    /// come back to logging in.
    var loginForm: Form?
    /// The new account's form as it was when the user went back to logging in, put back if they
    /// come back to it: what was typed is not thrown away by a look at the other box.
    var createForm: Form?

    public init(role: Role, mode: Mode = .login, username: String = "", notice: StatusMessage? = nil) {
        self.role = role
        self.mode = mode
        self.form = Form(Self.fields(for: mode))
        self.notice = notice
        if !username.isEmpty {
            self.form.set("username", to: username)
            self.form.focus = self.form.fields.firstIndex { $0.id == "password" } ?? 0
        }
        self.validate()
    }

    static func fields(for mode: Mode) -> [FormField] {
        let username = FormField(id: "username", label: "Username", hint: "3–32 of a–z 0–9 . _ - (A–Z reads as a–z)", maximumLength: 64)
        switch mode {
        case .login:
            return [username, FormField(id: "password", label: "Password", kind: .secret, maximumLength: 200)]
        case .createAccount:
            return [
                FormField(id: "name", label: "Your name", hint: "Shown to other users, up to 32 characters", maximumLength: 64),
                username,
                FormField(id: "password", label: "Password", kind: .secret, hint: "At least 8 characters", maximumLength: 200),
                FormField(id: "confirm", label: "Repeat it", kind: .secret, hint: "The same password again", maximumLength: 200),
            ]
        }
    }

    /// What the login screen's own keys do.
    public enum Action: Sendable, Hashable {
        case switchMode
        case help
        case quit
        case stopWaiting
    }

    /// The keys while logging in: Esc asks whether to quit.
    public static let keys = KeyMap<Action>("Logging in", [
        KeyBinding([.control("n"), .function(2)], .switchMode, help: "Create an account instead", hint: "New account", label: "^N"),
        KeyBinding(.function(1), .help, help: "Show every key", hint: "Help"),
        KeyBinding(.escape, .quit, help: "Quit", hint: "Quit"),
    ])

    /// The keys while creating an account: Esc goes back to logging in, as ^N does.
    public static let createAccountKeys = KeyMap<Action>("Creating an account", [
        KeyBinding([.control("n"), .function(2)], .switchMode, help: "Log in instead", hint: "Log in instead", label: "^N"),
        KeyBinding(.function(1), .help, help: "Show every key", hint: "Help"),
        KeyBinding(.escape, .switchMode, help: "Back to logging in", hint: "Back"),
    ])

    /// The keys while a login or a new account waits for the server (which may be stalled:
    /// its answer can take up to the client's request timeout).
    public static let waitingKeys = KeyMap<Action>("Waiting for the server", [
        KeyBinding(.escape, .stopWaiting, help: "Stop waiting, to edit and try again (a late answer is ignored)", hint: "Stop waiting"),
        KeyBinding(.function(1), .help, help: "Show every key", hint: "Help"),
    ])

    /// The key table of the current mode, for handling and for help.
    public var keys: KeyMap<Action> {
        if self.isSubmitting { return Self.waitingKeys }
        return self.mode == .login ? Self.keys : Self.createAccountKeys
    }

    /// Footer hints for the current mode.
    public var hints: [KeyHint] {
        let submit = self.isSubmitting ? [] : [KeyHint(key: "Enter", label: self.mode == .login ? "Log in" : "Create"), KeyHint(key: "Tab", label: "Next field")]
        return submit + self.keys.hints + [KeyHint(key: "^C", label: "Exit")]
    }

    /// What a key press asks the app to do.
    public enum Outcome: Sendable, Hashable {
        case none
        case login(username: String, password: String)
        case createAccount(username: String, password: String, name: String)
        /// The user stopped waiting for the submission with this request id.
        case stopWaiting(request: Int)
        case help
        case quit
    }

    public mutating func handle(_ key: Key) -> Outcome {
        if let action = self.keys.action(for: key) {
            switch action {
            case .switchMode:
                self.switchMode()
                return .none
            case .help:
                return .help
            case .quit:
                return .quit
            case .stopWaiting:
                // Bound only while submitting (``waitingKeys``).
                guard let request = self.submission else { return .none }
                self.submission = nil
                self.notice = .info("Stopped waiting for the server; if it answers later, that is ignored. Enter tries again.")
                return .stopWaiting(request: request)
            }
        }
        guard !self.isSubmitting else { return .none }
        switch self.form.handle(key) {
        case .edited:
            self.validate()
            // Why the session ended stays until something else is to be said.
            if self.notice?.kind != .warning { self.notice = nil }
            return .none
        case .submit:
            // The shell starts the request and sets ``submission``.
            let username = (try? FieldRules.validateUsername(self.form["username"])) ?? self.form["username"]
            switch self.mode {
            case .login:
                return .login(username: username, password: self.form["password"])
            case .createAccount:
                return .createAccount(username: username, password: self.form["password"], name: self.form["name"])
            }
        case .cancel:
            return .quit
        case .moved, .refused, .ignored:
            return .none
        }
    }

    /// A new account starts from an empty form, but for a username the user typed here (the
    /// username of the last login, filled in for them, is someone else's); going back to logging
    /// in puts that form back as it was, with the username typed for the new account if there is
    /// one (told it is taken, the user most likely means to log in with it).
    mutating func switchMode() {
        switch self.mode {
        case .login:
            let form = self.form
            let username = form.fields.first { $0.id == "username" }
            let created = self.createForm
            self = LoginScreen(role: self.role, mode: .createAccount)
            self.loginForm = form
            if let created { self.form = created }
            if let username, username.touched, !Text.trimmingWhitespace(username.value).isEmpty {
                self.form.set("username", to: Text.trimmingWhitespace(username.value))
                self.validate()
            }
        case .createAccount:
            let typed = Text.trimmingWhitespace(self.form["username"])
            let form = self.loginForm
            let created = self.form
            self = LoginScreen(role: self.role, mode: .login)
            if let form { self.form = form }
            self.createForm = created
            if !typed.isEmpty {
                self.form.set("username", to: typed)
                self.form.focus = self.form.fields.firstIndex { $0.id == "password" } ?? 0
                self.validate()
            }
        }
    }

    /// Checks every field with the marketplace's rules.
    public mutating func validate() {
        self.form.apply(problems: Self.problems(in: self.form, mode: self.mode))
    }

    static func problems(in form: Form, mode: Mode) -> [String: String] {
        var problems: [String: String] = [:]
        do { _ = try FieldRules.validateUsername(form["username"]) } catch { problems["username"] = error.message }
        switch mode {
        case .createAccount:
            do { try FieldRules.validatePassword(form["password"]) } catch { problems["password"] = error.message }
            if let problem = FieldRules.accountName.problem(with: form["name"]) { problems["name"] = problem }
            if form["confirm"].isEmpty {
                problems["confirm"] = "Repeat the password."
            } else if form["confirm"] != form["password"] {
                problems["confirm"] = "The two passwords differ."
            }
        case .login:
            // The rules for a new password are no hint for typing one's own: a wrong one gets
            // the server's plain answer.
            if form["password"].isEmpty { problems["password"] = "Enter your password." }
        }
        return problems
    }

    /// The login failed: say why and let the user try again. A wrong password is cleared, and
    /// the empty field counts as untouched (its "at least 8 characters" would only repeat the
    /// notice); any other failure, such as a server out of reach, keeps what was typed, so
    /// trying again is just Enter.
    public mutating func failed(_ error: MarketError, sentence: String) {
        self.submission = nil
        self.notice = .error(sentence)
        // A taken name is said next to it (not under a ✓ beside the field), with the cursor there.
        if error.code == .usernameTaken {
            self.form.reject("username", saying: sentence)
            self.notice = nil
            return
        }
        guard self.mode == .login, error.code == .invalidCredentials,
            let password = self.form.fields.firstIndex(where: { $0.id == "password" })
        else { return }
        self.form.set("password", to: "")
        self.form.showsAllProblems = false
        self.form.focus(on: password)
        self.validate()
    }

    /// An account was created: switch to logging in with it (the app logs in right away).
    public mutating func accountCreated(username: String) {
        self.notice = .success("Account \(username) created. Logging in…")
    }
}
