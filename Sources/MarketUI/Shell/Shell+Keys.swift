public import TerminalUI

extension Shell {
    /// Handles a key for what sits above every view, the same in both clients: Ctrl-C (leaves at
    /// once), the too-small notice (ignores keys), the help overlay and the quit question.
    /// Returns whether the key was used up here; if not, the app routes it to its own screens.
    public mutating func handleOverlayKey(_ key: Key) -> Bool {
        if key == .interrupt {
            self.isFinished = true
            self.wasInterrupted = true
            return true
        }
        if self.isTooSmall { return true }
        if var help = self.help {
            let outcome = help.handle(key, in: self.helpArea)
            self.help = outcome == .closed ? nil : help
            return true
        }
        if var dialog = self.quitDialog {
            let outcome = dialog.handle(key)
            self.quitDialog = dialog
            if case .pressed(let button) = outcome {
                self.answerQuit(dialog, pressed: button)
            }
            return true
        }
        return false
    }

    /// Whether `key` asks for the help overlay while the quit question is shown: F1, or ? since
    /// the question takes no text. The app opens its help then (above the question, which
    /// stays for when the help closes).
    public func asksForHelpOverQuitQuestion(_ key: Key) -> Bool {
        self.quitDialog != nil && self.help == nil && !self.isTooSmall && (key == .function(1) || key == .character("?"))
    }

    /// The quit question answered with its button `button`: Quit ends the program, a middle
    /// button is left to the app, the last one (Cancel) only closes the question.
    mutating func answerQuit(_ dialog: Dialog, pressed button: Int) {
        self.quitDialog = nil
        if button == 0 {
            self.isFinished = true
        } else if button < dialog.buttons.count - 1 {
            self.quitAlternativePressed = true
        }
    }

    /// Opens the help overlay of the login screen: every mode's table, the current one first
    /// (nothing is clickable here).
    public mutating func showHelp(on login: LoginScreen) {
        let modes = [login.keys] + [LoginScreen.keys, LoginScreen.createAccountKeys, LoginScreen.waitingKeys].filter { $0.title != login.keys.title }
        self.help = HelpOverlay(
            sections: modes.map(\.helpSection) + [Form.keys.helpSection, TextField.keys.helpSection, Dialog.helpSection, HelpOverlay.keys.helpSection]
        )
    }

    /// Handles a key on the login screen: help and the quit question here, and a login or a new
    /// account as a command to send (its request tracked, so the header shows it).
    public mutating func pressOnLogin<Command: ClientCommand>(_ key: Key, _ login: inout LoginScreen) -> [Command] {
        switch login.handle(key) {
        case .none:
            return []
        case .help:
            self.showHelp(on: login)
            return []
        case .quit:
            self.confirmQuit()
            return []
        case .stopWaiting(let request):
            self.abandon(request)
            return []
        case .login(let username, let password):
            let request = self.begin("Logging in…", keysWait: true)
            login.submission = request
            return [.account(.login(request: request, username: username, password: password))]
        case .createAccount(let username, let password, let name):
            let request = self.begin("Creating your account…", keysWait: true)
            login.submission = request
            return [.account(.createAccount(request: request, username: username, password: password, name: name))]
        }
    }
}

extension Shell {
    /// Passes a key to a form dialog shown as the app's box over its views: the box stays with
    /// the key's effect, Esc closes it, and a submission starts the request `send` makes, tracked
    /// under `working` while the box says so.
    public mutating func press<Dialog: FormDialog, Modal, Command>(
        _ key: Key,
        on dialog: Dialog,
        in modal: inout Modal?,
        as box: (Dialog) -> Modal,
        working: String,
        send: (_ request: Int, _ value: Dialog.Value) -> Command
    ) -> [Command] {
        var dialog = dialog
        switch dialog.handle(key) {
        case .none:
            modal = box(dialog)
            return []
        case .cancel:
            modal = nil
            return []
        case .submit(let value):
            // What the status line said was about something before this.
            self.status = nil
            // `a Enter 2`: the 2 is for after the item is added.
            let request = self.begin(working, keysWait: true)
            dialog.request = request
            modal = box(dialog)
            return [send(request, value)]
        }
    }

    /// A key that does nothing in the view on show but does in another: the status line says
    /// where, rather than the key being ignored without a word (from a box, which takes no view
    /// keys, by way of Esc).
    public mutating func note(_ key: Key, worksIn views: [(title: String, number: Int)], fromBox: Bool = false) {
        guard !views.isEmpty else { return }
        let titles = views.map(\.title).joined(separator: " and ")
        let numbers = views.map { "\($0.number)" }.joined(separator: " or ")
        self.status = .info("\(key) works in \(titles) — \(fromBox ? "Esc, then \(numbers)," : "press \(numbers)") to go there.")
    }
}
