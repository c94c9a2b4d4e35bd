public import MarketCore
public import TerminalUI

extension ClientProgram {
    /// Applies an account command's result or a connection change.
    public func receive(account message: AccountMessage<State.Tag>, _ state: inout State) -> [Command] {
        switch message {
        case .connection(let connection):
            let recovered = state.shell.apply(connection: connection)
            // Back online: bring what is on screen up to date, keeping it shown meanwhile.
            guard recovered, state.isLoggedIn else { return [] }
            state.shell.status = .success("Reconnected to \(state.shell.server) — refreshed.")
            return self.refresh(&state) + (state.shell.categories == .none ? [.account(.loadCategories)] : [])

        case .loggedIn(let request, let profile, let sessionTimeout, let session):
            // The user stopped waiting for this one and may be typing another login: the
            // session it opened is never used and expires at the server.
            if state.shell.isAbandoned(request) { return [] }
            state.shell.finish(request)
            if let session { self.client.client.session = session }
            state.shell.sessionTimeout = sessionTimeout
            state.shell.keysHeldUntil = nil
            state.profile = profile
            state.shell.user = SignedInUser(username: profile.username, name: profile.name)
            state.login = LoginScreen(role: State.Tag.role)
            state.resetViews()
            return self.enter(&state) + [.account(.loadCategories)]

        case .accountCreated(let request, let username, let password):
            if state.shell.isAbandoned(request) {
                // Too late to log in with it unasked, but trying again would only hear the name is taken.
                if !state.isLoggedIn, !state.login.isSubmitting {
                    state.login = LoginScreen(role: State.Tag.role, username: username, notice: .info("The server created account \(username) after all: log in with it."))
                }
                return []
            }
            state.shell.finish(request)
            state.login.accountCreated(username: username)
            let login = state.shell.begin("Logging in…", keysWait: true)
            state.login.submission = login
            return [.account(.login(request: login, username: username, password: password))]

        case .loggedOut(let request):
            state.shell.finish(request)
            self.returnToLogin(&state, notice: .success(self.loggedOutNotice(state)))
            return []

        case .categories(let names):
            state.shell.categories = names
            state.categoriesChanged()
            return []

        case .wrongServer(let other):
            state.shell.wrongServer = other
            guard !state.isLoggedIn else { return [] }
            state.login.notice = .warning(ErrorText.wrongServer(state.shell.server, is: other, needs: State.Tag.role))
            return []

        case .heartbeat:
            state.shell.statusBeats += 1
            return self.endSessionIfUnattended(&state) ? [] : self.keepAliveIfBusy(&state)
        }
    }

    /// What a failure means for the account, the same in both clients: a refused login or new
    /// account shows on the login screen; a session that ended, or a logout that failed, returns
    /// to the login screen. Returns the failure's sentence when it is the app's to show, nil when
    /// it was handled here.
    public func failed(_ command: Command, _ error: MarketError, _ state: inout State) -> String? {
        let sentence = ErrorText.sentence(for: error, server: state.shell.server, changing: command.changesData, role: State.Tag.role)
        switch command.account {
        case .login(let request, _, _), .createAccount(let request, _, _, _):
            if !state.shell.isAbandoned(request) { state.login.failed(error, sentence: sentence) }
            return nil
        case .logout:
            // The session is gone or the server is away: either way this client forgets it.
            self.returnToLogin(&state, notice: .info("Logged out."))
            return nil
        case .keepAlive where !ErrorText.endsSession(error), .loadCategories where !ErrorText.endsSession(error):
            // Nobody asked for it: the views' own calls say when the server is in trouble (the
            // names come at the next reconnect; numbers do meanwhile).
            return nil
        case .connect, .keepAlive, .loadCategories, nil:
            break
        }
        if ErrorText.endsSession(error) {
            // Several requests may fail this way at once; the first one already went back.
            if state.isLoggedIn {
                self.sessionEnded(saying: sentence, &state)
            }
            return nil
        }
        return sentence
    }

    /// The session ended under the user: back to the login screen, saying why and what went
    /// with the session, keeping what the app keeps for the next login. Keys typed just then
    /// were meant for the views, not for the login form: they are dropped for a moment.
    func sessionEnded(saying sentence: String, _ state: inout State) {
        let lost = self.lostWithSession(state).map { " " + $0 } ?? ""
        self.keepForNextLogin(&state)
        self.returnToLogin(&state, notice: .warning(sentence + lost))
        state.shell.keysHeldUntil = state.shell.tick + Self.keyHoldTicks
    }

    /// Leaves the app for the login screen, with a sentence saying why; the username stays filled in.
    public func returnToLogin(_ state: inout State, notice: StatusMessage) {
        let username = state.profile?.username ?? ""
        self.client.client.session = nil
        state.shell.typeahead = nil
        state.profile = nil
        state.shell.user = nil
        state.shell.help = nil
        state.shell.status = nil
        state.resetViews()
        state.login = LoginScreen(role: State.Tag.role, username: username, notice: notice)
    }

    /// Carries out an account command.
    public func perform(account command: AccountCommand) async throws(MarketError) -> AccountMessage<State.Tag>? {
        switch command {
        case .connect:
            // Said before anyone types a password into a form the server would refuse.
            guard let role = try? await self.client.ping(), role != State.Tag.role else { return nil }
            return .wrongServer(role)
        case .keepAlive:
            try await self.client.keepSessionAlive()
            return nil
        case .loadCategories:
            return .categories(CategoryNames(try await self.client.categories()))
        case .login(let request, let username, let password):
            let session = try await self.client.requestSession(username: username, password: password)
            return .loggedIn(request: request, profile: session.profile, sessionTimeout: session.timeout, session: session.token)
        case .createAccount(let request, let username, let password, let name):
            _ = try await self.client.createAccount(username: username, password: password, name: name)
            return .accountCreated(request: request, username: username, password: password)
        case .logout(let request):
            try await self.client.logout()
            return .loggedOut(request: request)
        }
    }

    /// Runs `body`, the carrying out of `command`, and turns a failure into the app's `failed`
    /// message (logged with the command's name; never its arguments, which may hold a password).
    public func performing(_ command: Command, _ body: () async throws(MarketError) -> Message?) async -> Message? {
        do {
            return try await body()
        } catch {
            // A wait in the background cut short by quitting is no news.
            if !(command.isBackground && error.code == .unreachable) {
                self.logger.notice("request failed", metadata: ["code": "\(error.code)", "op": "\(Self.name(of: command))"])
            }
            return .failed(request: command.request ?? 0, command: command, error: error)
        }
    }

    /// The command's case name, e.g. `search`, or `login` for an account command.
    static func name(of command: Command) -> String {
        if let account = command.account { return Self.caseName(account) }
        return Self.caseName(command)
    }

    private static func caseName(_ value: some Any) -> String {
        // An enum case with associated values reflects as one child labelled with the case name;
        // one without any prints as its name.
        Mirror(reflecting: value).children.first?.label ?? String(describing: value)
    }
}
