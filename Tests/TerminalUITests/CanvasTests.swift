import Testing
import TerminalUI

@Suite struct CanvasTests {
    @Test func writingClipsAtTheLimitAndTheEdge() {
        var canvas = Canvas(size: Size(width: 8, height: 1))
        #expect(canvas.write("abcdef", x: 0, y: 0, style: .normal, limit: 3) == 3)
        #expect(canvas.text(row: 0) == "abc     ")
        canvas.write("123456789", x: 5, y: 0, style: .normal)
        #expect(canvas.text(row: 0) == "abc  123")
    }

    @Test func spansThatDoNotFitEndInAnEllipsis() {
        var canvas = Canvas(size: Size(width: 12, height: 1))
        #expect(canvas.write(spans: [Span("12 results", .muted), Span(" · newest", .accent)], x: 0, y: 0, limit: 12) == 12)
        #expect(canvas.text(row: 0) == "12 results …")
        #expect(canvas[11, 0].style == .accent, "in the style of the span it cuts")
        var fits = Canvas(size: Size(width: 12, height: 1))
        #expect(fits.write(spans: [Span("12 results"), Span(" ·")], x: 0, y: 0, limit: 12) == 12)
        #expect(fits.text(row: 0) == "12 results ·")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverHang() {
        var canvas = Canvas(size: Size(width: 5, height: 1))
        canvas.write("東京x", x: 0, y: 0, style: .normal)
        #expect(canvas.text(row: 0) == "東京x")
        #expect(canvas[1, 0].isContinuation)
        // A wide character that does not fit at the right edge is not half drawn.
        var edge = Canvas(size: Size(width: 3, height: 1))
        edge.write("a東京", x: 0, y: 0, style: .normal)
        #expect(edge.text(row: 0) == "a東")
        #expect(edge.write("東", x: 2, y: 0, style: .normal) == 0)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.write("東京", x: 0, y: 0, style: .normal)
        canvas.write("x", x: 1, y: 0, style: .normal)
        #expect(canvas.text(row: 0) == " x京")
        canvas.write("y", x: 2, y: 0, style: .normal)
        #expect(canvas.text(row: 0) == " xy ")
    }

    @Test func snapshotShowsTextStylesAndCursor() {
        var canvas = Canvas(size: Size(width: 6, height: 2))
        canvas.write("Hi", x: 0, y: 0, style: .header)
        canvas.write("東", x: 2, y: 1, style: .error)
        canvas.cursor = Point(x: 1, y: 1)
        #expect(canvas.snapshot == """
            size 6×2
            |Hi    |
            |  東  |
            styles:
             0 header 0-1
             1 error 2-3
            cursor 1,1

            """)
    }

    @Test func boxesAreDrawnWithTitles() {
        var canvas = Canvas(size: Size(width: 12, height: 3))
        canvas.box(Rect(x: 0, y: 0, width: 12, height: 3), title: "Hi")
        #expect(canvas.lines == ["╭─ Hi ─────╮", "│          │", "╰──────────╯"])
    }
}
