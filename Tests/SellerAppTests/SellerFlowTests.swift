import MarketClient
import MarketCore
import MarketProtocol
import MarketUI
import SellerApp
import Testing
import TerminalUI
import TerminalUITesting

/// The dashboard's flows as state changes and commands, without a network.
@Suite struct SellerFlowTests {
    let program = SellerFixtures.program

    @Test func anOldStatusMessageGoesAtTheNextKey() {
        var state = SellerFixtures.loggedIn()
        state.shell.status = .success("Registered 3-31.")
        _ = self.program.update(&state, .message(.account(.heartbeat)))
        _ = self.program.press([.character("j")], &state)
        #expect(state.shell.status == .success("Registered 3-31."), "a message just shown stays")
        _ = self.program.update(&state, .message(.account(.heartbeat)))
        _ = self.program.press([.character("s")], &state)
        #expect(state.shell.status == nil, "after 5–10 s it goes with the next key")
    }

    @Test func anInvalidFormSendsNothing() {
        var state = SellerFixtures.started()
        _ = self.program.type("zo", &state)
        #expect(self.program.press([.tab, .enter], &state).isEmpty)
        #expect(state.login.form.showsAllProblems)
    }

    @Test func aLongDisplayNameIsShortenedBeforeItLeavesTheHeader() {
        var state = SellerFixtures.loggedIn(size: Size(width: 100, height: 30))
        state.shell.user = SignedInUser(username: "zoe", name: "Zoë Adelheid Müller-Lüdenscheidt")
        let header = self.program.canvas(for: state, size: state.shell.size).text(row: 0)
        #expect(header.contains("zoe (Zoë"), "the name stays while it can: \(header)")
        #expect(header.contains("…)"), "cut with an ellipsis: \(header)")
        #expect(header.contains("127.0.0.1") || header.contains("localhost"), "the server still shows: \(header)")

        _ = self.program.update(&state, .resize(Size(width: 80, height: 24)))
        let narrow = self.program.canvas(for: state, size: state.shell.size).text(row: 0)
        #expect(narrow.contains("zoe") && narrow.contains("connected"), "\(narrow)")
        #expect(DisplayWidth.of(narrow) <= 80)
    }

    @Test func aStatusTooLongForANarrowScreenShortensTheNameNotWhatHappened() {
        var state = SellerFixtures.loggedIn(size: Size(width: 80, height: 24))
        let name = String(repeating: "東京タワー", count: 6) + "置物"  // 32 characters, 64 columns
        let item = SellerFixtures.item(99, name, price: "1234.50", quantity: 1000)
        _ = self.program.update(&state, .message(.registered(request: 0, item: item)))
        let lines = self.program.canvas(for: state, size: state.shell.size).lines
        let status = lines[lines.count - 2]
        #expect(status.contains("Registered 3-99 “東京"), "the name begins: \(status)")
        #expect(status.contains("…”: 1,000 units at 1,234.50."), "and gives way to what happened: \(status)")
    }

    @Test func helpOpensFromTheQuitQuestionAboveItAndClosesBackToIt() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("q"), .character("?")], &state)
        #expect(state.shell.help != nil && state.shell.quitDialog != nil)
        let lines = self.program.canvas(for: state, size: state.shell.size).lines
        #expect(lines.contains { $0.contains("─ Keys ─") }, "the help is drawn above the question")
        #expect(!lines.contains { $0.contains("Quit the seller dashboard?") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.last?.contains("Esc") == true && lines.last?.contains("Choose") == false, "the footer gives the help's keys")
        _ = self.program.press([.escape], &state)
        #expect(state.shell.help == nil && state.shell.quitDialog != nil, "Esc closes the help, not the question")
        _ = self.program.press([.function(1)], &state)
        #expect(state.shell.help != nil, "F1 too")

        var login = SellerState(server: "127.0.0.1:7001", username: "demo")
        _ = self.program.update(&login, .resize(Size(width: 120, height: 36)))
        _ = self.program.press([.escape, .character("?")], &login)
        #expect(login.shell.help != nil && login.shell.quitDialog != nil, "and on the login screen")
        #expect(login.login.form["password"] == "", "? was not typed anywhere")
    }

    @Test func quittingAsksAndCtrlCDoesNot() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("q")], &state)
        #expect(state.shell.quitDialog != nil)
        _ = self.program.press([.escape], &state)
        #expect(state.shell.quitDialog == nil && !state.shell.isFinished)
        _ = self.program.press([.character("q"), .character("y")], &state)
        #expect(state.shell.isFinished)
        #expect(self.program.exitStatus(state) == 0)

        var busy = SellerFixtures.loggedIn()
        _ = self.program.press([.character("n")], &busy)
        _ = self.program.press([.control("c")], &busy)
        #expect(busy.shell.isFinished, "Ctrl-C leaves even from a form")
        #expect(self.program.exitStatus(busy) == 130, "as a program ended by SIGINT")
    }

    @Test func anItemKeyPressedOnTheRatingSaysWhereItWorks() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("2"), .character("p")], &state)
        #expect(state.modal == nil)
        #expect(state.shell.status?.text == "p works in My items — press 1 to go there.")
    }

    @Test func aNewItemIsRegisteredFromTheRatingToo() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("2"), .character("n")], &state)
        guard case .register? = state.modal else {
            Issue.record("n opens the new item form, got \(String(describing: state.modal))")
            return
        }
        _ = self.program.press([.escape], &state)
        #expect(SellerKeys.hints(for: .rating).first == KeyHint(key: "n", label: "New"), "the footer offers it")
    }

    @Test func aTooSmallTerminalIgnoresKeysButCtrlC() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.update(&state, .resize(Size(width: 70, height: 20)))
        _ = self.program.press([.character("n"), .character("q")], &state)
        #expect(state.modal == nil && state.shell.quitDialog == nil)
        _ = self.program.press([.control("c")], &state)
        #expect(state.shell.isFinished)
    }

    @Test(arguments: SellerView.allCases)
    func helpListsEveryKeyOfEveryTableTheDashboardRunsOn(view: SellerView) throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character(view == .items ? "1" : "2"), .character("?")], &state)
        let help = try #require(state.shell.help)
        let lines = help.lines.filter { !$0.isTitle }.map { "\($0.keys) \($0.text)" }
        let tables = [SellerKeys.items.helpSection, SellerKeys.rating.helpSection, SellerKeys.navigation.helpSection, SellerKeys.global.helpSection, Form.keys.helpSection,
                      Form.choiceKeys.helpSection, TextField.keys.helpSection, Dialog.keys.helpSection, Menu.keys.helpSection, HelpOverlay.keys.helpSection]
        for entry in tables.flatMap(\.entries) {
            #expect(lines.contains("\(entry.keys) \(entry.help)"), "\(entry.keys) \(entry.help)")
        }
        // A choice whose letter is one of the menu's own keys (q: Close) is told by those.
        for choice in ItemDetailScreen.actions.items where choice.key.flatMap({ Menu.keys.action(for: .character($0)) }) == nil {
            #expect(lines.contains("\(choice.key.map(String.init) ?? "") \(choice.label)"), "\(choice.label)")
        }
        let titles = help.lines.filter(\.isTitle).map(\.text)
        #expect(titles.first == (view == .items ? "My items" : "Rating"), "the view's own keys come first")
        #expect(titles.contains("Mouse"))
        #expect(lines.contains { $0.hasPrefix("Esc") && $0.contains("back") }, "Esc going back is told")
    }

    @Test func theHelpScrollsWithKeysAndTheWheelAndFitsIn80x24() throws {
        var state = SellerFixtures.loggedIn(size: Size(width: 80, height: 24))
        _ = self.program.press([.character("?")], &state)
        let help = try #require(state.shell.help)
        let screen = state.shell.helpArea
        let visible = help.visibleLines(in: screen)
        #expect(screen.intersection(help.frame(in: screen)) == help.frame(in: screen))
        #expect(help.frame(in: screen).maxY <= 22, "the status line stays whole under the help")
        #expect(help.rows(in: screen).count > visible, "this test is about a help longer than the screen")
        _ = self.program.update(&state, .mouse(MouseEvent(.wheelDown, at: Point(x: 40, y: 12))))
        #expect(state.shell.help?.offset == 3)
        _ = self.program.press([.end], &state)
        #expect(state.shell.help?.offset == help.rows(in: screen).count - visible)
        let canvas = self.program.canvas(for: state, size: state.shell.size)
        #expect(canvas.lines.joined().contains("Mouse"), "the last section shows at the end")
        _ = self.program.press([.escape], &state)
        #expect(state.shell.help == nil)
    }

    @Test func questionMarkShowsEveryKeyFromTheItemsBoxButIsTextInAForm() {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.enter, .character("?")], &state)
        #expect(state.shell.help != nil, "from the item's box")
        _ = self.program.press([.escape, .escape, .character("n"), .character("?")], &state)
        #expect(state.shell.help == nil)
        guard case .register(let form)? = state.modal else {
            Issue.record("the new item's form")
            return
        }
        #expect(form.form["name"] == "?", "typed into the name")

        // The removal's question over its form takes no text.
        var removing = SellerFixtures.loggedIn()
        for command in self.program.press([.character("x"), .enter], &removing) { _ = SellerFixtures.answer(command, &removing) }
        guard case .remove(let dialog)? = removing.modal, dialog.confirmation != nil else {
            Issue.record("the removal asks first")
            return
        }
        _ = self.program.press([.character("?")], &removing)
        #expect(removing.shell.help != nil, "from the removal's question")
    }

    @Test func everyDialogsButtonsHaveLettersOfTheirOwn() throws {
        var state = SellerFixtures.loggedIn()
        _ = self.program.press([.character("q")], &state)
        let quit = try #require(state.shell.quitDialog)
        _ = self.program.press([.escape, .character("x"), .enter], &state)
        guard case .remove(let remove)? = state.modal, let confirmation = remove.confirmation else {
            Issue.record("no remove confirmation")
            return
        }
        for dialog in [quit, confirmation] {
            #expect(dialog.lettersOfSeveralButtons.isEmpty, "\(dialog.title): \(dialog.buttons)")
        }
        _ = self.program.press([.escape, .escape, .character("q"), .character("q")], &state)
        #expect(state.shell.isFinished, "q q quits")
    }
}
