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
        let box = self.frame(form: form, width: width, noticeLines: noticeLines.count, in: screen)
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
        if let confirmation {
            // Where it leaves the fields in sight, so what is confirmed or thrown away is seen:
            // over the box's lower part, whose lines it blanks (pieces of them would show beside
            // it), or under a box too small for that.
            let band = self.questionBand(for: confirmation, box: box, form: form, in: screen)
            if band.y < box.maxY - 1 {
                canvas.fill(Rect(x: box.x + 1, y: band.y, width: box.width - 2, height: box.maxY - 1 - band.y), style: .dialog)
            }
            confirmation.render(in: screen, over: band, canvas: &canvas)
            return nil
        }
        return notice?.style == .muted ? nil : cursor
    }

    /// Where a question over the form box `box` goes (a band as tall as the question and its
    /// margins): across the box's bottom when the first field stays in sight above it; else just
    /// under the box, where the view has room above its last two lines (a view's summary, such as
    /// the cart's total) and the status and key lines; else over the box whole.
    static func questionBand(for question: Dialog, box: Rect, form: Form, in screen: Rect) -> Rect {
        let height = min(box.height, question.frame(in: box).height + 2)
        let inside = Rect(x: box.x, y: box.maxY - height, width: box.width, height: height)
        // The first field and its hint clear of the band.
        if inside.y >= self.formArea(in: box, form: form).y + 2 { return inside }
        // A box of its own there: as tall as the question, without the margins it has inside.
        let under = Rect(x: box.x, y: box.maxY, width: box.width, height: height - 2)
        let content = Chrome.contentArea(screen.size)
        return under.maxY <= screen.y + content.maxY - 2 ? under : inside
    }

    /// The box ``render(title:subtitle:form:labelWidth:inputWidth:notice:action:width:confirmation:in:canvas:)``
    /// draws for this form, notice and width.
    public static func frame(form: Form, notice: Span?, width: Int, in screen: Rect) -> Rect {
        self.frame(form: form, width: width, noticeLines: self.noticeLines(notice, form: form, width: width, in: screen).count, in: screen)
    }

    /// The button of `question`, shown over the form box, at `point` (for a click).
    public static func button(of question: Dialog, at point: Point, form: Form, notice: Span?, width: Int, in screen: Rect) -> Int? {
        let box = self.frame(form: form, notice: notice, width: width, in: screen)
        return question.button(at: point, in: screen, over: self.questionBand(for: question, box: box, form: form, in: screen))
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
