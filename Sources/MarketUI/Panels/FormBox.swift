public import TerminalUI

/// A form in a box over the screen: a title, a line saying what the form is for, the fields, and a
/// line for "working…" or what went wrong. Returns where the cursor goes.
public enum FormBox {
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
        in screen: Rect,
        canvas: inout Canvas
    ) -> Point? {
        let box = self.frame(form: form, width: width, in: screen)
        canvas.box(box, style: .border, title: title, fill: .dialog)
        canvas.write(spans: subtitle, x: box.x + 3, y: box.y + 2, limit: box.width - 6)
        let area = Rect(x: box.x + 2, y: box.y + 4, width: box.width - 4, height: form.height)
        let cursor = form.render(in: area, canvas: &canvas, labelWidth: labelWidth, inputWidth: inputWidth, focused: notice?.style != .muted)
        let row = Rect(x: box.x + 3, y: box.maxY - 2, width: box.width - 6, height: 1)
        if let notice {
            canvas.write(notice.text, in: row, style: notice.style)
        } else {
            canvas.write("Enter \(action) · Esc cancels" + (form.fields.count > 1 ? " · Tab moves between fields" : ""), in: row, style: .muted)
        }
        return notice?.style == .muted ? nil : cursor
    }

    /// The box a form of this size takes.
    public static func frame(form: Form, width: Int = 72, in screen: Rect) -> Rect {
        screen.centered(Size(width: min(screen.width - 4, width), height: form.height + 7))
    }
}
