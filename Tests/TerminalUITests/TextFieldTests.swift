import Testing
import TerminalUI

@Suite struct TextFieldTests {
    func type(_ text: String, into field: inout TextField) {
        for character in text { _ = field.handle(.character(character)) }
    }

    @Test func typesAnyScript() {
        var field = TextField()
        self.type("Café €5 東京 👍", into: &field)
        #expect(field.text == "Café €5 東京 👍")
        #expect(field.cursor == 12)
    }

    @Test func aCombiningMarkJoinsTheLetterBeforeIt() {
        var field = TextField()
        self.type("e", into: &field)
        _ = field.handle(.character(Character("\u{301}")))
        #expect(field.text == "e\u{301}")
        #expect(field.text.count == 1)
        #expect(field.cursor == 1)
    }

    @Test func aValueFilledInBeforehandIsReplacedByTypingAndKeptByACursorKey() {
        var field = TextField("1")
        #expect(field.isSelected)
        self.type("2", into: &field)
        #expect(field.text == "2", "typing replaces the value, not appends to it")
        var price = TextField("6.95")
        _ = price.handle(.end)
        self.type("0", into: &price)
        #expect(price.text == "6.950", "a cursor key keeps the value for editing")
        var cleared = TextField("8")
        _ = cleared.handle(.backspace)
        #expect(cleared.text.isEmpty && !cleared.isSelected)
        #expect(!TextField().isSelected)
        var canvas = Canvas(size: Size(width: 10, height: 1))
        field = TextField("42")
        field.render(in: canvas.bounds, canvas: &canvas, focused: true)
        #expect(canvas[1, 0].style == .inputSelected, "the selection shows")
    }

    @Test func aLongValueNotBeingTypedInReadsFromItsStart() {
        var canvas = Canvas(size: Size(width: 10, height: 1))
        var field = TextField("brass desk lamp")
        _ = field.handle(.end)
        field.render(in: canvas.bounds, canvas: &canvas, focused: false)
        #expect(canvas.lines[0] == " brass de…")
        field.render(in: canvas.bounds, canvas: &canvas, focused: true)
        #expect(canvas.lines[0] == " esk lamp ", "typed in, it scrolls to the cursor at the end")
        // Text that just fits is not scrolled for a cursor that is not there.
        var fits = TextField("123456789")
        _ = fits.handle(.end)
        fits.render(in: canvas.bounds, canvas: &canvas, focused: false)
        #expect(canvas.lines[0] == " 123456789")
    }

    @Test func editingKeys() {
        var field = TextField("hello world")
        _ = field.handle(.end)
        _ = field.handle(.control("w"))
        #expect(field.text == "hello ")
        _ = field.handle(.home)
        _ = field.handle(.delete)
        #expect(field.text == "ello ")
        _ = field.handle(.end)
        _ = field.handle(.backspace)
        #expect(field.text == "ello")
        _ = field.handle(.left)
        _ = field.handle(.left)
        _ = field.handle(.control("k"))
        #expect(field.text == "el")
        _ = field.handle(.control("u"))
        #expect(field.text.isEmpty)
        let consumed = field.handle(.backspace)
        #expect(consumed, "nothing to delete is still an editing key")
        let enter = field.handle(.enter)
        #expect(!enter, "Enter is for the form")
    }

    @Test func readlineWordKeys() {
        var field = TextField()
        self.type("oak  desk lamp", into: &field)
        _ = field.handle(.alt("b"))
        #expect(field.cursor == 10, "to the start of lamp")
        _ = field.handle(.alt("b"))
        #expect(field.cursor == 5, "over the spaces, to the start of desk")
        _ = field.handle(.alt("f"))
        #expect(field.cursor == 9, "past the end of desk")
        _ = field.handle(.alt("d"))
        #expect(field.text == "oak  desk", "Alt-d deletes the word after the cursor")
        _ = field.handle(.home)
        _ = field.handle(.alt("d"))
        #expect(field.text == "  desk" && field.cursor == 0)
        _ = field.handle(.alt("x"))
        #expect(field.text == "  desk", "another Alt key types nothing")

        var filled = TextField("12.50")
        _ = filled.handle(.alt("b"))
        #expect(filled.text == "12.50" && !filled.isSelected && filled.cursor == 0, "a word key keeps a value filled in")
    }

    @Test func refusesMoreThanItsLimit() {
        var field = TextField(maximumLength: 3)
        self.type("abcdef", into: &field)
        #expect(field.text == "abc")
    }

    @Test func secretsShowDotsAndScrollKeepsTheCursorVisible() {
        var canvas = Canvas(size: Size(width: 8, height: 1))
        let secret = TextField("hunter22", isSecret: true)
        let cursor = secret.render(in: canvas.bounds, canvas: &canvas, focused: true)
        #expect(!canvas.text(row: 0).contains("hunter"))
        #expect(canvas.text(row: 0).contains("••••"))
        #expect(cursor.x < 8)
        var wide = Canvas(size: Size(width: 8, height: 1))
        let point = TextField("東京カメラ東京").render(in: wide.bounds, canvas: &wide, focused: true)
        #expect(point.x <= 7, "the cursor stays inside the field")
    }
}
