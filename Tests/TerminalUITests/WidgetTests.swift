import Testing
import TerminalUI

@Suite struct WidgetTests {
    @Test func dialogsAnswerToLettersArrowsEnterAndEscape() {
        var dialog = Dialog(title: "Quit", message: "Quit?", buttons: ["Quit", "Cancel"], focus: 1)
        do { let outcome = dialog.handle(.enter); #expect(outcome == .pressed(1)) }
        do { let outcome = dialog.handle(.left); #expect(outcome == .moved) }
        do { let outcome = dialog.handle(.enter); #expect(outcome == .pressed(0)) }
        do { let outcome = dialog.handle(.escape); #expect(outcome == .pressed(1)) }
        do { let outcome = dialog.handle(.character("y")); #expect(outcome == .pressed(0)) }
        do { let outcome = dialog.handle(.character("n")); #expect(outcome == .pressed(1)) }
        do { let outcome = dialog.handle(.character("c")); #expect(outcome == .pressed(1), "a button's first letter presses it") }
        var remove = Dialog(title: "Remove", message: "Remove?", buttons: ["Remove", "Cancel"], focus: 1, actionTakesLetter: false)
        do { let outcome = remove.handle(.character("r")); #expect(outcome == .ignored, "r, meant for refresh, does not remove") }
        do { let outcome = remove.handle(.character("c")); #expect(outcome == .pressed(1)) }
        do { let outcome = remove.handle(.character("y")); #expect(outcome == .pressed(0)) }
    }

    @Test func theFooterSaysWhatEnterPresses() {
        var empty = Dialog(title: "Empty cart", message: "Empty it?", buttons: ["Empty", "Cancel"], focus: 1, actionTakesLetter: false)
        #expect(empty.hints.map { "\($0.key) \($0.label)" } == ["←→ Choose", "Enter Cancel", "y Empty"], "Cancel is highlighted: Enter keeps the cart")
        _ = empty.handle(.left)
        #expect(empty.hints.map { "\($0.key) \($0.label)" } == ["←→ Choose", "Enter Empty", "Esc Cancel"])
        let notice = Dialog(title: "Note", message: "Done.", buttons: ["OK"])
        #expect(notice.hints.map { "\($0.key) \($0.label)" } == ["Enter OK"])
    }

    @Test func arrowsStopAtTheEndButtonsWhileTabGoesRound() {
        var pay = Dialog(title: "Confirm payment", message: "Pay 12.50?", buttons: ["Pay", "Cancel"])
        _ = pay.handle(.left)
        #expect(pay.focus == 0, "a key too many does not land on the other answer")
        _ = pay.handle(.right)
        _ = pay.handle(.right)
        #expect(pay.focus == 1)
        _ = pay.handle(.tab)
        #expect(pay.focus == 0, "Tab goes round")
        _ = pay.handle(.backTab)
        #expect(pay.focus == 1)

        let screen = Rect(size: Size(width: 80, height: 24))
        var canvas = Canvas(size: screen.size)
        pay.render(in: screen, canvas: &canvas)
        let buttons = canvas.text(row: pay.frame(in: screen).maxY - 3)
        #expect(buttons.contains("  Pay    [ Cancel ]"), "the focused button shows without colour: \(buttons)")
    }

    @Test func dialogButtonsCanBeClicked() {
        let dialog = Dialog(title: "Quit", message: "Quit?", buttons: ["Quit", "Cancel"])
        let screen = Rect(size: Size(width: 80, height: 24))
        var canvas = Canvas(size: screen.size)
        dialog.render(in: screen, canvas: &canvas)
        let row = dialog.frame(in: screen).maxY - 3
        let line = canvas.text(row: row)
        let quit = try! #require(line.range(of: "Quit"))
        let column = line.distance(from: line.startIndex, to: quit.lowerBound)
        #expect(dialog.button(at: Point(x: column, y: row), in: screen) == 0)
    }

    @Test func aQuestionTooLongForTheScreenShortensTheNameItQuotes() {
        let name = String(repeating: "漢字", count: 16)
        let dialog = Dialog(title: "Remove units", message: "Take 1 unit of “\(name)” off sale?", buttons: ["Remove", "Cancel"])
        let screen = Rect(size: Size(width: 50, height: 12))
        var canvas = Canvas(size: screen.size)
        dialog.render(in: screen, canvas: &canvas)
        let line = canvas.text(row: dialog.frame(in: screen).y + 2)
        #expect(line.contains("…” off sale?"), "\(line)")
    }

    @Test func menusPickByKeyOrEnter() {
        var menu = Menu([Menu.Item("Change price", key: "p"), Menu.Item("Close", key: "q")])
        do { let outcome = menu.handle(.character("j")); #expect(outcome == .moved) }
        do { let outcome = menu.handle(.enter); #expect(outcome == .picked(1)) }
        do { let outcome = menu.handle(.character("p")); #expect(outcome == .picked(0)) }
        do { let outcome = menu.handle(.escape); #expect(outcome == .closed) }
    }

    @Test func theHelpOverlayRunsOnItsOwnKeyTable() {
        // A box of 10 lines: 14 rows with its frame and margins.
        let screen = Rect(size: Size(width: 60, height: 16))
        var help = HelpOverlay(sections: [HelpSection(title: "Many", entries: (1...30).map { HelpSection.Entry(keys: "\($0)", help: "Thing \($0)") })])
        do { let outcome = help.handle(.character("j"), in: screen); #expect(outcome == .scrolled) }
        #expect(help.offset == 1)
        do { let outcome = help.handle(.end, in: screen); #expect(outcome == .scrolled) }
        #expect(help.offset == 21)
        help.scroll(by: 3, in: screen)
        #expect(help.offset == 21, "the wheel stops at the end")
        help.scroll(by: -3, in: screen)
        #expect(help.offset == 18)
        do { let outcome = help.handle(.character("x"), in: screen); #expect(outcome == .ignored) }
        do { let outcome = help.handle(.escape, in: screen); #expect(outcome == .closed) }
    }

    @Test func aLongHelpEntryWrapsUnderItselfInsteadOfBeingCut() {
        let text = "Sort by the next column; the order is kept when the page is turned and when the list is fetched again"
        let help = HelpOverlay(sections: [HelpSection(title: "Keys", entries: [HelpSection.Entry(keys: "s", help: text), HelpSection.Entry(keys: "S", help: "Reverse")])])
        let screen = Rect(size: Size(width: 60, height: 20))
        let rows = help.rows(in: screen)
        #expect(rows.map(\.keys) == ["", "s", "", "", "S"])
        #expect(rows.dropFirst().prefix(3).map(\.text).joined(separator: " ") == text, "nothing is lost")
        var canvas = Canvas(size: screen.size)
        help.render(in: screen, canvas: &canvas)
        #expect(!canvas.lines.joined().contains("…"))
        #expect(canvas.lines.contains { $0.contains("s  Sort by the next column;") })
    }

    @Test func helpListsEveryBindingOfItsTables() {
        let map = KeyMap<Int>("Things", [KeyBinding([.character("n"), .function(2)], 1, help: "Make a thing", hint: "New")])
        let help = HelpOverlay(sections: [map.helpSection])
        #expect(help.lines.map(\.keys) == ["", "n/F2"])
        #expect(help.lines.map(\.text) == ["Things", "Make a thing"])
        #expect(map.hints == [KeyHint(key: "n", label: "New")])
        #expect(map.action(for: .function(2)) == 1)
    }

    @Test func theFooterDropsHintsThatDoNotFit() {
        var canvas = Canvas(size: Size(width: 20, height: 1))
        FooterBar.render([KeyHint(key: "q", label: "Quit"), KeyHint(key: "?", label: "Help"), KeyHint(key: "r", label: "Refresh")], in: canvas.bounds, canvas: &canvas)
        #expect(canvas.text(row: 0) == "q Quit  ? Help      ")
    }

    @Test func footerLabelsNameTheirKeys() {
        #expect(Key(label: "Enter") == .enter)
        #expect(Key(label: "Tab/↓") == .tab)
        #expect(Key(label: "S-Tab/↑") == .backTab)
        #expect(Key(label: "/") == .character("/"))
        #expect(Key(label: "]") == .character("]"))
        #expect(Key(label: "^N") == .control("n"))
        #expect(Key(label: "F5") == .function(5))
        #expect(Key(label: "←→") == nil)
        for key in [Key.enter, .escape, .tab, .backTab, .pageUp, .home, .delete, .up, .character("q"), .character(" "), .control("u"), .function(1)] {
            #expect(Key(label: key.description) == key, "\(key)")
        }
    }

    @Test func aClickOnAHintPressesItsKeyAndOneOnTheEmptyEndNothing() {
        var canvas = Canvas(size: Size(width: 60, height: 1))
        FooterBar.render([KeyHint(key: "w", label: "Save cart & quit"), KeyHint(key: "q", label: "Quit")], in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines[0].hasPrefix("w Save cart & quit  q Quit  "))
        #expect(FooterBar.key(at: 0, row: 0, of: canvas) == .character("w"))
        #expect(FooterBar.key(at: 12, row: 0, of: canvas) == .character("w"), "on the label, across its single spaces")
        #expect(FooterBar.key(at: 22, row: 0, of: canvas) == .character("q"))
        #expect(FooterBar.key(at: 27, row: 0, of: canvas) == .character("q"), "its trailing spaces still")
        #expect(FooterBar.key(at: 40, row: 0, of: canvas) == nil, "the empty end of the bar")
    }

    @Test func aCrowdedFooterKeepsTheHelp() {
        let hints = ["n New", "p Price", "x Remove", "? Help", "Tab View", "r Refresh", "q Quit"].map { hint in
            let parts = hint.split(separator: " ", maxSplits: 1).map(String.init)
            return KeyHint(key: parts[0], label: parts[1])
        }
        var canvas = Canvas(size: Size(width: 50, height: 1))
        FooterBar.render(hints, in: canvas.bounds, canvas: &canvas)
        #expect(canvas.text(row: 0) == "n New  p Price  x Remove  ? Help  q Quit          ", "the view's own keys before refreshing")
    }

    @Test func noColorTurnsColoursOff() {
        #expect(ColorMode.automatic.resolved(environment: ["NO_COLOR": "1"], terminalHasColors: true) == .monochrome)
        #expect(ColorMode.automatic.resolved(environment: ["NO_COLOR": ""], terminalHasColors: true) == .color, "an empty NO_COLOR does not count")
        #expect(ColorMode.automatic.resolved(environment: [:], terminalHasColors: false) == .monochrome)
        #expect(ColorMode.automatic.resolved(environment: [:], terminalHasColors: true) == .color)
    }

    @Test func everyStyleHasAMonochromeLookThatStandsOutWhereItMatters() {
        for style in [Style.selection, .header, .footer, .inputFocused, .buttonFocused, .tableHeaderSorted] {
            #expect(Palette.monochrome.look(for: style).attributes.contains(.reverse), "\(style)")
        }
        // Without colours as with them, a selected value differs from the field it is in.
        for palette in [Palette.monochrome, .standard] {
            #expect(palette.look(for: .inputSelected) != palette.look(for: .inputFocused))
        }
        let limited = Palette.standard.limitedToEightColors()
        for style in Style.allCases {
            #expect(limited.look(for: style).foreground.rawValue < 8)
            #expect(limited.look(for: style).background.rawValue < 8)
        }
    }

    @Test func aDialogOverABoxSitsInsideItOrCoversItWhole() {
        let screen = Rect(size: Size(width: 120, height: 36))
        let dialog = Dialog(title: "Remove units", lines: [Span("Take 7 units off sale?"), Span("None will remain.")], buttons: ["Remove", "Cancel"])
        let roomy = Rect(x: 20, y: 10, width: 78, height: 13)
        let inside = dialog.frame(in: screen, over: roomy)
        #expect(roomy.insetBy(dx: 1, dy: 1).intersection(inside) == inside, "inside the box's frame")
        let tight = Rect(x: 28, y: 13, width: 64, height: 7)
        let covering = dialog.frame(in: screen, over: tight)
        #expect(covering.intersection(tight) == tight, "the box's frame is hidden whole")
        #expect(covering.height == 8 && covering.width == 64)
    }

    @Test func aButtonsFirstLetterWinsOverTheGenericLetters() {
        var quit = Dialog(title: "Quit", message: "Quit?", buttons: ["Quit", "Cancel"])
        do { let outcome = quit.handle(.character("q")); #expect(outcome == .pressed(0), "q q quits") }
        var logout = Dialog(title: "Log out", message: "Log out?", buttons: ["Log out", "Cancel"], focus: 1)
        do { let outcome = logout.handle(.character("l")); #expect(outcome == .pressed(0), "l is Log out's, not a move") }
        var vote = Dialog(title: "Vote", message: "Vote?", buttons: ["Vote", "Cancel"])
        do { let outcome = vote.handle(.character("q")); #expect(outcome == .pressed(1), "with no q button, q cancels") }
        var losing = Dialog(title: "Quit", message: "Quit? Your cart is not saved.", buttons: ["Quit", "Cancel"], focus: 1, actionTakesLetter: false)
        do { let outcome = losing.handle(.character("q")); #expect(outcome == .pressed(1), "q q on a quit that would lose something cancels") }
        var clash = Dialog(title: "Clash", message: "?", buttons: ["Clear", "Cancel"])
        do { let outcome = clash.handle(.character("c")); #expect(outcome == .ignored, "a letter of two buttons presses neither") }
    }

    @Test func theStatusMessageWinsOverThePosition() {
        let message = Span("✓ Took 3 units of “Espresso Machine Deluxe” off sale; 4 units left on sale.", .success)
        var canvas = Canvas(size: Size(width: 80, height: 1))
        StatusBar.render(message: message, busy: nil, tick: 0, trailing: "1–50 of 312", in: canvas.bounds, canvas: &canvas)
        #expect(canvas.lines[0].contains(message.text), "whole: \(canvas.lines[0])")
        #expect(!canvas.lines[0].contains("of 312"))
        var roomy = Canvas(size: Size(width: 120, height: 1))
        StatusBar.render(message: message, busy: nil, tick: 0, trailing: "1–50 of 312", in: roomy.bounds, canvas: &roomy)
        #expect(roomy.lines[0].contains(message.text) && roomy.lines[0].contains("1–50 of 312"), "both when both fit")
    }

    @Test func theTooSmallNoticeWrapsInsteadOfCuttingItsText() {
        var canvas = Canvas(size: Size(width: 40, height: 10))
        TooSmallNotice.render(size: Size(width: 40, height: 10), minimum: .minimum, canvas: &canvas)
        let text = canvas.lines.map { $0.split(separator: " ").joined(separator: " ") }.filter { !$0.isEmpty }.joined(separator: " ")
        #expect(!text.contains("…"), "\(canvas.lines)")
        #expect(text.contains("Enlarge the window, or press Ctrl-C to quit."), "\(canvas.lines)")
    }
}
