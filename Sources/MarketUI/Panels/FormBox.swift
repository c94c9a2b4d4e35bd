public import TerminalUI

/// A form in a box over the screen: a title, a line saying what the form is for, the fields, and a
/// line for "working…" or what went wrong (up to three lines when the server said more); or, while
/// the form asks a question (a confirmation), the question alone in the box. Returns where the
/// cursor goes.
public enum FormBox {
    /// The most lines a notice takes; the box grows to hold them.
    static let maximumNoticeLines = 3

    @discardableResult
    public static func render(
        title: String,
        subtitle: [Span],
        form: Form,
        labelWidth: Int,
        inputWidth: Int,
        notice: Span?,
        action: String = "saves",
        width: Int = 72,
        confirmation: Dialog? = nil,
        in screen: Rect,
        canvas: inout Canvas
    ) -> Point? {
        let noticeLines = self.noticeLines(notice, form: form, width: width, in: screen)
        let (box, band) = self.layout(form: form, noticeLines: noticeLines.count, width: width, question: confirmation, in: screen)
        let textWidth = box.width - 6
        canvas.box(box, style: .border, title: title, fill: .dialog)
        canvas.write(spans: subtitle, x: box.x + 3, y: box.y + 2, limit: box.width - 6)
        let area = self.formArea(in: box, form: form)
        let cursor = form.render(in: area, canvas: &canvas, labelWidth: labelWidth, inputWidth: inputWidth, focused: notice?.style != .muted && confirmation == nil)
        let row = Rect(x: box.x + 3, y: box.maxY - 1 - max(1, noticeLines.count), width: textWidth, height: 1)
        if let notice {
            for (index, line) in noticeLines.enumerated() {
                canvas.write(line, in: Rect(x: row.x, y: row.y + index, width: row.width, height: 1), style: notice.style)
            }
        } else {
            canvas.write("Enter \(action) · Esc cancels" + (form.fields.count > 1 ? " · Tab moves between fields" : ""), in: row, style: .muted)
        }
        if let confirmation, let band {
            // Over the box's lower part, it blanks the lines there (pieces of them would show
            // beside it).
            if band.y < box.maxY - 1 {
                canvas.fill(Rect(x: box.x + 1, y: band.y, width: box.width - 2, height: box.maxY - 1 - band.y), style: .dialog)
            }
            confirmation.render(in: screen, over: band, canvas: &canvas)
            return nil
        }
        return notice?.style == .muted ? nil : cursor
    }

    /// Where the box goes, and the band for the question it asks, if any. The box is centred on
    /// the screen. A question goes where every field stays in sight, so that what is confirmed
    /// or thrown away is seen: under the box, which moves up as far as that takes, in the view
    /// above its last two lines (a view's summary, such as the cart's total) and the status and
    /// key lines; where the two do not fit together there, over the box's lower part.
    static func layout(form: Form, noticeLines: Int, width: Int, question: Dialog?, in screen: Rect) -> (box: Rect, band: Rect?) {
        let box = self.frame(form: form, width: width, noticeLines: noticeLines, in: screen)
        guard let question else { return (box, nil) }
        let height = question.frame(in: box).height
        let content = Chrome.contentArea(screen.size)
        let top = screen.y + content.y
        let bottom = screen.y + content.maxY - 2
        let y = min(box.y, bottom - height - box.height)
        if y >= top {
            let moved = Rect(x: box.x, y: y, width: box.width, height: box.height)
            return (moved, Rect(x: box.x, y: moved.maxY, width: box.width, height: height))
        }
        let inside = min(box.height, height + 2)
        return (box, Rect(x: box.x, y: box.maxY - inside, width: box.width, height: inside))
    }

    /// The box ``render(title:subtitle:form:labelWidth:inputWidth:notice:action:width:confirmation:in:canvas:)``
    /// draws for this form, notice and width.
    public static func frame(form: Form, notice: Span?, width: Int, in screen: Rect) -> Rect {
        self.frame(form: form, width: width, noticeLines: self.noticeLines(notice, form: form, width: width, in: screen).count, in: screen)
    }

    /// The button of `question`, shown over the form box, at `point` (for a click).
    public static func button(of question: Dialog, at point: Point, form: Form, notice: Span?, width: Int, in screen: Rect) -> Int? {
        let noticeLines = self.noticeLines(notice, form: form, width: width, in: screen).count
        guard let band = self.layout(form: form, noticeLines: noticeLines, width: width, question: question, in: screen).band else { return nil }
        return question.button(at: point, in: screen, over: band)
    }

    /// Where the input of field `index` starts on a form box drawn by
    /// ``render(title:subtitle:form:labelWidth:inputWidth:notice:action:width:confirmation:in:canvas:)``:
    /// for a list drawn under it.
    public static func inputOrigin(of index: Int, form: Form, labelWidth: Int, notice: Span?, width: Int, in screen: Rect) -> Point {
        let area = self.formArea(in: self.frame(form: form, notice: notice, width: width, in: screen), form: form)
        return Point(x: area.x + labelWidth + 2, y: area.y + index * 2)
    }

    /// Where the fields go in `box`.
    private static func formArea(in box: Rect, form: Form) -> Rect {
        Rect(x: box.x + 2, y: box.y + 4, width: box.width - 4, height: form.height)
    }

    /// The keys a click at `point` stands for on a form box drawn by
    /// ``render(title:subtitle:form:labelWidth:inputWidth:notice:action:width:confirmation:in:canvas:)``
    /// without a question: moving to the field under it (``Form/keys(forClickAt:in:labelWidth:)``).
    public static func keys(forClickAt point: Point, on form: Form, labelWidth: Int, notice: Span?, width: Int, in screen: Rect) -> [Key]? {
        let area = self.formArea(in: self.frame(form: form, notice: notice, width: width, in: screen), form: form)
        return form.keys(forClickAt: point, in: area, labelWidth: labelWidth)
    }

    private static func noticeLines(_ notice: Span?, form: Form, width: Int, in screen: Rect) -> [String] {
        let textWidth = self.frame(form: form, width: width, in: screen).width - 6
        return notice.map { self.lines(of: $0.text, width: textWidth) } ?? []
    }

    /// A notice broken into lines; after a leading mark ("✗ ") the lines hang under the text.
    static func lines(of text: String, width: Int) -> [String] {
        let mark = "✗ "
        guard text.hasPrefix(mark) else { return Array(DisplayWidth.wrap(text, to: width).prefix(self.maximumNoticeLines)) }
        let indent = String(repeating: " ", count: DisplayWidth.of(mark))
        let body = DisplayWidth.wrap(String(text.dropFirst(mark.count)), to: width - indent.count)
        return body.prefix(self.maximumNoticeLines).enumerated().map { ($0.offset == 0 ? mark : indent) + $0.element }
    }

    /// The box a form of this size takes, with `noticeLines` lines under the form.
    static func frame(form: Form, width: Int = 72, noticeLines: Int = 1, in screen: Rect) -> Rect {
        screen.centered(Size(width: min(screen.width - 4, width), height: form.height + 6 + max(1, noticeLines)))
    }
}
