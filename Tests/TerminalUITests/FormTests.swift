import Testing
import TerminalUI

@Suite struct FormTests {
    func makeForm() -> Form {
        var form = Form([
            FormField(id: "name", label: "Name"),
            FormField(id: "kind", label: "Kind", kind: .choice(["New", "Used"])),
            FormField(id: "price", label: "Price"),
        ])
        form.apply(problems: ["name": "Name must not be empty.", "price": "Price must be an amount."])
        return form
    }

    @Test func aPasteLongerThanTheFieldSaysItWasCutUntilShortened() {
        var form = Form([FormField(id: "words", label: "Words", maximumLength: 10)])
        for character in "coffee mug" { _ = form.handle(.character(character)) }
        do { let outcome = form.handle(.character(" ")); #expect(outcome == .edited, "a dropped character changes what the form must say") }
        #expect(form["words"] == "coffee mug")
        form.apply(problems: [:])
        #expect(form.fields[0].problem == "Too long: cut to 10 characters; shorten it to go on.")
        #expect(form.shownProblem(at: 0) != nil, "a cut is said at once, while the user is still in the field")
        #expect(!form.isValid, "the cut text is not sent as if it were what was meant")
        // A rule that finds it too long says its own limit instead, and that typing stopped (more
        // was typed than it counts).
        form.apply(problems: ["words": "Words must be at most 8 characters (got 10)."])
        #expect(form.fields[0].problem == "Words must be at most 8 characters (got 10). Nothing past 10 characters is taken.")
        _ = form.handle(.backspace)
        form.apply(problems: [:])
        #expect(form.fields[0].problem == nil)
    }

    @Test func aFieldGrowsWithItsTextWhileThereIsRoom() {
        let holder = "Zoë Montgomery-Ångström Whitby"
        var form = Form([FormField(id: "holder", label: "Holder", value: holder), FormField(id: "number", label: "Number")])
        form.focus = 1
        var canvas = Canvas(size: Size(width: 60, height: 4))
        form.render(in: Rect(x: 0, y: 0, width: 60, height: 4), canvas: &canvas, labelWidth: 8, inputWidth: 20)
        #expect(canvas.text(row: 0).contains(holder), "a prefilled value is seen whole: \(canvas.text(row: 0))")

        var narrow = Canvas(size: Size(width: 30, height: 4))
        form.render(in: Rect(x: 0, y: 0, width: 30, height: 4), canvas: &narrow, labelWidth: 8, inputWidth: 20)
        #expect(DisplayWidth.of(narrow.text(row: 0)) <= 30, "and never past the room")
    }

    @Test func tabAndArrowsMoveBetweenFields() {
        var form = self.makeForm()
        do { let outcome = form.handle(.tab); #expect(outcome == .moved) }
        #expect(form.focus == 1)
        do { let outcome = form.handle(.backTab); #expect(outcome == .moved) }
        #expect(form.focus == 0)
        do { let outcome = form.handle(.up); #expect(outcome == .moved) }
        #expect(form.focus == 2, "wraps around")
    }

    @Test func submittingWithProblemsGoesToTheFirstOne() {
        var form = self.makeForm()
        form.focus = 2
        do { let outcome = form.handle(.enter); #expect(outcome == .refused) }
        #expect(form.focus == 0)
        #expect(form.showsAllProblems)
        form.apply(problems: [:])
        do { let outcome = form.handle(.enter); #expect(outcome == .submit) }
    }

    @Test func choicesChangeWithArrowsSpaceOrTheirFirstLetter() {
        var form = self.makeForm()
        form.focus = 1
        do { let outcome = form.handle(.right); #expect(outcome == .edited) }
        #expect(form["kind"] == "Used")
        do { let outcome = form.handle(.character(" ")); #expect(outcome == .edited) }
        #expect(form["kind"] == "New")
        do { let outcome = form.handle(.character("u")); #expect(outcome == .edited) }
        #expect(form["kind"] == "Used")
    }

    @Test func typingSpacesInTextFieldsTypesSpaces() {
        var form = self.makeForm()
        _ = form.handle(.character("a"))
        _ = form.handle(.character(" "))
        _ = form.handle(.character("b"))
        #expect(form["name"] == "a b")
        #expect(form.fields[0].touched)
    }

    @Test func aProblemWaitsUntilTheUserMovesOnThenFollowsEveryKey() {
        var form = self.makeForm()
        func rendered() -> [String] {
            var canvas = Canvas(size: Size(width: 60, height: 6))
            form.render(in: canvas.bounds, canvas: &canvas, labelWidth: 6, inputWidth: 20)
            return canvas.lines
        }
        #expect(!rendered().joined().contains("✗"))
        // Still typing: "x" is not yet wrong, it is unfinished.
        _ = form.handle(.character("x"))
        form.apply(problems: ["name": "Name is too short.", "price": "Price must be an amount."])
        #expect(!rendered().joined().contains("✗"))
        // Moved on: the name's problem shows; the price, not changed yet, keeps quiet.
        _ = form.handle(.tab)
        #expect(rendered()[1].contains("✗ Name is too short."))
        #expect(!rendered()[5].contains("Price must"))
        // Back to fix it: the fix shows at once, and so does breaking it again.
        _ = form.handle(.backTab)
        _ = form.handle(.character("y"))
        form.apply(problems: ["price": "Price must be an amount."])
        #expect(!rendered()[1].contains("✗"), "fixed: the problem goes at once")
        _ = form.handle(.backspace)
        form.apply(problems: ["name": "Name is too short.", "price": "Price must be an amount."])
        #expect(rendered()[1].contains("✗ Name is too short."))
    }

    @Test func aSubmitShowsEveryProblemAndARefusalShowsAtOnce() {
        var form = self.makeForm()
        form.apply(problems: ["price": "Price must be an amount."])
        #expect(form.handle(.enter) == .moved, "Enter on a good field moves on")
        #expect(form.handle(.enter) == .moved)
        #expect(form.shownProblem(at: 2) == nil, "not changed, not yet submitted")
        #expect(form.handle(.enter) == .refused)
        #expect(form.shownProblem(at: 2) == "Price must be an amount.")
        form.apply(problems: [:])
        #expect(form.handle(.enter) == .submit)
        form.reject("name", saying: "The server says no.")
        #expect(form.focus == 0)
        #expect(form.shownProblem(at: 0) == "The server says no.")
    }

    @Test func aProblemTooLongForTheRoomUnderItsInputStartsUnderTheLabel() {
        var form = Form([FormField(id: "username", label: "Username")])
        _ = form.handle(.character("Z"))
        let problem = "Username may contain only letters a–z, digits and . _ -"
        form.apply(problems: ["username": problem])
        #expect(form.handle(.enter) == .refused)
        var canvas = Canvas(size: Size(width: 64, height: 2))
        form.render(in: canvas.bounds, canvas: &canvas, labelWidth: 10, inputWidth: 30)
        #expect(canvas.lines[1].contains("✗ " + problem), "not cut short: \(canvas.lines[1])")
        form.apply(problems: ["username": "Too short."])
        var short = Canvas(size: Size(width: 64, height: 2))
        form.render(in: short.bounds, canvas: &short, labelWidth: 10, inputWidth: 30)
        #expect(short.lines[1].hasPrefix(String(repeating: " ", count: 13) + "✗ Too short."), "a short one stays under the input")
    }

    @Test func aClickFocusesTheFieldUnderItAndPicksTheOptionUnderIt() {
        var form = self.makeForm()
        var canvas = Canvas(size: Size(width: 60, height: 6))
        form.render(in: canvas.bounds, canvas: &canvas, labelWidth: 6, inputWidth: 20)
        // The options start after the label and two blanks: " ● New " at 8, " ○ Used " at 16.
        #expect(canvas.text(row: 2).contains("○ Used"))
        let used = Point(x: 19, y: 2)
        // Rows: name (0), its note (1), kind (2), its note (3), price (4), its note (5).
        #expect(form.keys(forClickAt: Point(x: 2, y: 5), in: canvas.bounds, labelWidth: 6) == [.tab, .tab], "the label or the line under a field counts")
        #expect(form.keys(forClickAt: used, in: canvas.bounds, labelWidth: 6) == [.tab, .right])
        #expect(form.keys(forClickAt: Point(x: 5, y: 0), in: canvas.bounds, labelWidth: 6) == [], "the field in focus stays")
        #expect(form.keys(forClickAt: Point(x: 30, y: 0), in: canvas.bounds, labelWidth: 6) == [.home], "the cursor goes to the end of nothing")
        #expect(form.keys(forClickAt: Point(x: 2, y: 6), in: canvas.bounds, labelWidth: 6) == nil)

        for key in form.keys(forClickAt: used, in: canvas.bounds, labelWidth: 6) ?? [] { _ = form.handle(key) }
        #expect(form.focus == 1)
        #expect(form["kind"] == "Used")
        // From the last field, a click further up goes round with Tab.
        _ = form.handle(.tab)
        #expect(form.keys(forClickAt: Point(x: 2, y: 0), in: canvas.bounds, labelWidth: 6) == [.tab])
    }

    @Test func aClickOnATextInputPutsTheCursorWhereTheClickWas() {
        var form = Form([FormField(id: "name", label: "Name"), FormField(id: "words", label: "Words")])
        for character in "東京 mug" { _ = form.handle(.character(character)) }
        _ = form.handle(.tab)
        let bounds = Rect(x: 0, y: 0, width: 40, height: 4)
        var canvas = Canvas(size: bounds.size)
        form.render(in: bounds, canvas: &canvas, labelWidth: 6, inputWidth: 20)
        // The input starts after the label and two blanks (8), its text a blank later (9): 東 in
        // 9–10, 京 in 11–12, the blank at 13, "mug" at 14–16.
        #expect(canvas.text(row: 0).hasPrefix("  Name   東京 mug"))
        let click = { (x: Int) in form.keys(forClickAt: Point(x: x, y: 0), in: bounds, labelWidth: 6) ?? [] }
        #expect(click(10) == [.tab, .home], "on either half of 東: before it")
        #expect(click(11) == [.tab, .home, .right])
        #expect(click(15) == [.tab, .home] + Array(repeating: .right, count: 4))
        #expect(click(30) == [.tab, .home] + Array(repeating: .right, count: 6), "past the text: the end")
        for key in click(11) { _ = form.handle(key) }
        _ = form.handle(.character("-"))
        #expect(form["name"] == "東-京 mug")

        // Wider than the room: scrolled so the cursor shows, and a click counts from what shows.
        var long = Form([FormField(id: "name", label: "Name")])
        for character in "abcdefghijklmnopqrstuvwxyz" { _ = long.handle(.character(character)) }
        let narrow = Rect(x: 0, y: 0, width: 20, height: 2)
        var small = Canvas(size: narrow.size)
        long.render(in: narrow, canvas: &small, labelWidth: 6, inputWidth: 10)
        // 12 cells from 8: a blank, then the last 10 letters ("qrstuvwxyz") and the cursor.
        #expect(small.text(row: 0).hasPrefix("  Name   qrstuvwxyz"))
        #expect(long.keys(forClickAt: Point(x: 9, y: 0), in: narrow, labelWidth: 6) == [.home] + Array(repeating: .right, count: 16))
    }

    @Test func theServersRefusalStandsUntilTheValueChanges() {
        var form = Form([FormField(id: "username", label: "Username"), FormField(id: "password", label: "Password")])
        for character in "Demo" { _ = form.handle(.character(character)) }
        form.reject("username", saying: "The username “demo” is already taken.")
        // Moving on and coming back: the form's own rules find nothing wrong, the refusal stays.
        _ = form.handle(.tab)
        form.apply(problems: [:])
        _ = form.handle(.backTab)
        form.apply(problems: [:])
        #expect(form.shownProblem(at: 0) == "The username “demo” is already taken.")
        // A change: the form's own rules again.
        _ = form.handle(.character("2"))
        form.apply(problems: [:])
        #expect(form.fields[0].problem == nil)
        _ = form.handle(.backspace)
        form.apply(problems: [:])
        #expect(form.fields[0].problem == nil, "the refusal is not remembered past a change")
    }
}
