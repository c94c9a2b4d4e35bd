import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// Logging in and creating an account.
extension SellerFlowTests {
    @Test func startingConnectsSoTheHeaderCanSaySo() {
        var state = SellerState(server: "h:1")
        #expect(self.program.start(&state) == [.account(.connect)])
    }

    @Test func loggingInSendsTheNormalisedUsername() {
        var state = SellerFixtures.started()
        self.program.fill([" Zoe ", "correct horse"], &state)
        let commands = self.program.press([.enter], &state)
        guard case .account(.login(_, let username, let password))? = commands.first else {
            Issue.record("expected a login, got \(commands)")
            return
        }
        #expect(username == "zoe")
        #expect(password == "correct horse")
        #expect(state.shell.isBusy, "the spinner runs while the login is in flight")
    }

    @Test func aRefusedLoginSaysWhyAndClearsThePassword() {
        var state = SellerFixtures.started()
        self.program.fill(["zoe", "wrong password"], &state)
        let commands = self.program.press([.enter], &state)
        let request = commands.first?.request ?? 0
        _ = self.program.update(&state, .message(.failed(request: request, command: commands[0], error: MarketError(.invalidCredentials, "x"))))
        #expect(state.login.notice == .error("Wrong username or password."))
        #expect(state.login.form["password"] == "")
        #expect(state.login.form["username"] == "zoe")
        #expect(!state.shell.isBusy)
    }

    @Test func aLoginAtTheBuyerServerSaysWhichServerItNeeds() {
        var state = SellerFixtures.started()
        self.program.fill(["zoe", "correct horse"], &state)
        let commands = self.program.press([.enter], &state)
        let refusal = MarketError(.wrongRole, "This is the buyer server: seller accounts are at the seller server.")
        _ = self.program.update(&state, .message(.failed(request: commands.first?.request ?? 0, command: commands[0], error: refusal)))
        #expect(state.login.notice == .error("The server at 127.0.0.1:7001 is the buyer server: this client needs the seller server (--port 7001 by default)."))
    }

    @Test func clicksOnTheLoginBoxSwitchModesAndFocusFields() throws {
        var state = SellerFixtures.started()
        var canvas = self.program.canvas(for: state, size: state.shell.size)
        let create = try #require(canvas.point(of: "Create account"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: create)))
        #expect(state.login.mode == .createAccount)
        canvas = self.program.canvas(for: state, size: state.shell.size)
        let password = try #require(canvas.point(of: "Password"))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: password)))
        #expect(state.login.form.fields[state.login.form.focus].id == "password")
        let logIn = try #require(canvas.point(of: "Log in "))
        _ = self.program.update(&state, .mouse(MouseEvent(.press, at: logIn)))
        #expect(state.login.mode == .login)
    }

    @Test func creatingAnAccountLogsStraightIn() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Zoë Müller", "zoe", "correct horse", "correct horse"], &state)
        let create = self.program.press([.enter], &state)
        guard case .account(.createAccount(let request, "zoe", "correct horse", "Zoë Müller"))? = create.first else {
            Issue.record("expected an account creation, got \(create)")
            return
        }
        let next = self.program.update(&state, .message(.account(.accountCreated(request: request, username: "zoe", password: "correct horse"))))
        guard case .account(.login(_, "zoe", "correct horse"))? = next.first else {
            Issue.record("expected a login, got \(next)")
            return
        }
    }

    @Test func escStopsWaitingForALoginAndItsLateAnswerIsIgnored() throws {
        // A program of its own: this test looks at the session its client keeps.
        let program = SellerProgram(client: SellerClient(configuration: .init(host: "127.0.0.1", port: 9, reconnectsAutomatically: false)))
        var state = SellerFixtures.started()
        program.fill(["zoe", "correct horse"], &state)
        let first = program.press([.enter], &state)
        #expect(state.login.hints.contains(KeyHint(key: "Esc", label: "Stop waiting")))
        #expect(program.press([.escape], &state).isEmpty)
        #expect(state.shell.quitDialog == nil, "Esc while waiting stops the wait, it does not ask to quit")
        #expect(!state.shell.isBusy)
        #expect(state.login.notice?.kind == .info)
        #expect(state.login.form["password"] == "correct horse", "what was typed stays, so Enter tries again")

        let second = program.press([.enter], &state)
        guard case .account(.login(let retry, "zoe", "correct horse"))? = second.first else {
            Issue.record("expected a second login, got \(second)")
            return
        }
        // The first answer arrives late: it neither logs in nor leaves its session in the client.
        let late = try #require(first.first?.request)
        let stale = SessionToken(rawValue: String(repeating: "a", count: 32))
        #expect(program.update(&state, .message(.account(.loggedIn(request: late, profile: SellerFixtures.profile, session: stale)))).isEmpty)
        #expect(!state.isLoggedIn)
        #expect(state.login.isSubmitting, "still waiting for the second login")
        #expect(program.client.client.session == nil)

        let fresh = SessionToken(rawValue: String(repeating: "b", count: 32))
        _ = program.update(&state, .message(.account(.loggedIn(request: retry, profile: SellerFixtures.profile, session: fresh))))
        #expect(state.isLoggedIn)
        #expect(program.client.client.session == fresh)
    }

    @Test func aLateFailureOrNewAccountAfterStoppingWaitingSaysOnlyWhatHelps() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Zoë", "zoe", "correct horse", "correct horse"], &state)
        let create = self.program.press([.enter], &state)
        _ = self.program.press([.escape], &state)
        #expect(state.login.mode == .createAccount, "the form stays to edit and send again")
        let request = create.first?.request ?? 0
        // Created after all: trying again would only hear that the name is taken.
        #expect(self.program.update(&state, .message(.account(.accountCreated(request: request, username: "zoe", password: "correct horse")))).isEmpty)
        #expect(state.login.mode == .login)
        #expect(state.login.form["username"] == "zoe")
        #expect(state.login.notice == .info("The server created account zoe after all: log in with it."))

        // A login given up on that fails later changes nothing on screen.
        _ = self.program.type("wrong password", &state)
        let login = self.program.press([.enter], &state)
        _ = self.program.press([.escape], &state)
        let notice = state.login.notice
        _ = self.program.update(&state, .message(.failed(request: login[0].request ?? 0, command: login[0], error: MarketError(.invalidCredentials, "x"))))
        #expect(state.login.notice == notice)
        #expect(state.login.form["password"] == "wrong password")
    }

    @Test func aTakenUsernameIsSaidNextToIt() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Zoë", "zoe", "correct horse", "correct horse"], &state)
        let create = self.program.press([.enter], &state)
        _ = self.program.update(&state, .message(.failed(request: create[0].request ?? 0, command: create[0], error: MarketError(.usernameTaken, "taken", field: "username"))))
        let username = state.login.form.fields.first { $0.id == "username" }
        #expect(username?.problem?.contains("taken") == true)
        #expect(state.login.form.fields[state.login.form.focus].id == "username")
        #expect(state.login.notice == nil, "said once")
    }

    @Test func goingBackToLogInKeepsTheUsernameTypedForANewAccount() {
        var state = SellerFixtures.started()
        _ = self.program.press([.control("n")], &state)
        self.program.fill(["Zoë", "zoe"], &state)
        _ = self.program.press([.control("n")], &state)
        #expect(state.login.mode == .login)
        #expect(state.login.form["username"] == "zoe")
        #expect(state.login.form.fields[state.login.form.focus].id == "password")
    }

    @Test func aUsernameTypedToLogInGoesAlongToANewAccountButOneFilledInDoesNot() {
        var state = SellerFixtures.started()
        _ = self.program.type(" ada ", &state)
        _ = self.program.press([.control("n")], &state)
        #expect(state.login.form["username"] == "ada", "typed here: the user means it")
        #expect(state.login.form["name"] == "")

        var filled = SellerState(server: "127.0.0.1:7001", username: "zoe")
        _ = self.program.update(&filled, .resize(Size(width: 120, height: 36)))
        _ = self.program.press([.control("n")], &filled)
        #expect(filled.login.form["username"] == "", "the last login's username is someone else's")
    }

    /// Types `password` for `zoe` and sends the login, returning the command.
    private func logIn(_ password: String, _ state: inout SellerState) -> SellerCommand? {
        self.program.fill(["zoe", password], &state)
        return self.program.press([.enter], &state).first
    }

    @Test func aWrongPasswordIsClearedWithoutCallingTheEmptyFieldAProblem() throws {
        var state = SellerFixtures.started()
        // A first Enter with no password shows every problem; the next attempt is complete. A
        // short password is no problem when logging in: the rules are for new ones.
        _ = self.program.type("zoe", &state)
        _ = self.program.press([.tab], &state)
        #expect(self.program.press([.enter], &state).isEmpty)
        #expect(self.program.canvas(for: state, size: state.shell.size).lines.joined().contains("Enter your password."))
        _ = self.program.type("short", &state)
        let command = try #require(self.program.press([.enter], &state).first)
        _ = self.program.update(&state, .message(.failed(request: command.request ?? 0, command: command, error: MarketError(.invalidCredentials, "x"))))
        #expect(state.login.form["password"] == "")
        let screen = self.program.canvas(for: state, size: state.shell.size).lines.joined(separator: "\n")
        #expect(screen.contains("✗ Wrong username or password."))
        #expect(!screen.contains("Password must be"), "the emptied field is not at fault")
    }

    @Test func aServerOutOfReachKeepsThePasswordSoEnterTriesAgain() throws {
        var state = SellerFixtures.started()
        var command = try #require(self.logIn("correct horse", &state))
        for code in [ErrorCode.unreachable, .timedOut] {
            _ = self.program.update(&state, .message(.failed(request: command.request ?? 0, command: command, error: MarketError(code, "x"))))
            #expect(state.login.form["password"] == "correct horse", "\(code)")
            #expect(state.login.notice?.kind == .error)
            let again = self.program.press([.enter], &state)
            guard let login = again.first, case .account(.login(_, "zoe", "correct horse")) = login else {
                Issue.record("Enter should log in again, got \(again)")
                return
            }
            command = login
        }
    }

    @Test func escOnCreateAccountGoesBackToLoggingInAndANewAccountStartsEmpty() {
        var state = SellerState(server: "127.0.0.1:7001", username: "demo")
        _ = self.program.update(&state, .resize(Size(width: 120, height: 36)))
        _ = self.program.press([.control("n")], &state)
        #expect(state.login.mode == .createAccount)
        #expect(state.login.form["username"] == "", "the last login's username is not the new account's")
        #expect(state.login.hints.contains(KeyHint(key: "Esc", label: "Back")))
        _ = self.program.type("Zoë", &state)
        _ = self.program.press([.escape], &state)
        #expect(state.shell.quitDialog == nil, "Esc does not ask to quit from the new account form")
        #expect(state.login.mode == .login)
        #expect(state.login.form["username"] == "demo", "the login form is as it was")
        _ = self.program.press([.escape], &state)
        #expect(state.shell.quitDialog != nil, "Esc on the login form still asks to quit")
    }

    /// Going back to logging in and again to the new account keeps what was typed there.
    @Test func theNewAccountFormKeepsWhatWasTypedWhileTheLoginFormIsOnShow() throws {
        var state = SellerState(server: "127.0.0.1:7001", username: "demo")
        _ = self.program.update(&state, .resize(Size(width: 120, height: 36)))
        _ = self.program.press([.control("n")], &state)
        let typed = state.login.form.fields.map(\.id)
        _ = self.program.type("Zoë Market", &state)
        let field = try #require(typed.first { state.login.form[$0] == "Zoë Market" }, "typed into the first field")
        _ = self.program.press([.escape], &state)
        #expect(state.login.mode == .login)
        _ = self.program.press([.control("n")], &state)
        #expect(state.login.mode == .createAccount)
        #expect(state.login.form[field] == "Zoë Market")
    }
}
