public import TerminalUI

extension LoginScreen {
    /// Draws the login box centred in `area`; returns where the cursor goes.
    @discardableResult
    public func render(in area: Rect, canvas: inout Canvas, appTitle: String) -> Point? {
        let width = min(area.width - 4, 72)
        // Session and connection messages are full sentences: two lines, or three for the
        // longest (the box grows by the third).
        let noticeLines = self.isSubmitting ? [] : self.notice.map { DisplayWidth.wrap($0.span.text, to: width - 6) } ?? []
        let height = min(area.height, self.form.height + 9 + (noticeLines.count > 2 ? 1 : 0))
        let box = area.centered(Size(width: width, height: height))
        canvas.box(box, style: .border, title: appTitle, fill: .dialog)
        // Two tabs at the top of the box say which mode this is and how to switch.
        var x = box.x + 3
        let tabs: [(String, Mode)] = [(" Log in ", .login), (" Create account ", .createAccount)]
        for (label, mode) in tabs {
            x += canvas.write(label, x: x, y: box.y + 2, style: mode == self.mode ? .tabActive : .muted) + 1
        }
        canvas.write("^N switches", x: x + 1, y: box.y + 2, style: .muted, limit: box.maxX - x - 3)
        let formArea = Rect(x: box.x + 2, y: box.y + 4, width: box.width - 4, height: self.form.height)
        let cursor = self.form.render(in: formArea, canvas: &canvas, labelWidth: 10, inputWidth: 30, focused: !self.isSubmitting)
        let noticeRow = Rect(x: box.x + 3, y: box.maxY - 3, width: box.width - 6, height: 1)
        if self.isSubmitting {
            // A new account's login says the account is there ("Account zoe created. Logging in…").
            let working = self.notice.flatMap { $0.kind == .success ? $0.span.text : nil } ?? (self.mode == .login ? "Logging in…" : "Creating your account…")
            canvas.write(working, in: noticeRow, style: .muted)
        } else if let notice = self.notice {
            let shown = noticeLines.prefix(3)
            for (index, line) in shown.enumerated() {
                let y = noticeRow.y - max(1, shown.count - 1) + index
                canvas.write(line, in: Rect(x: noticeRow.x, y: y, width: noticeRow.width, height: 1), style: notice.span.style)
            }
        } else {
            let role = self.role == .seller ? "seller" : "buyer"
            let text = self.mode == .login ? "Log in with your \(role) account." : "Pick a username and a password for a new \(role) account."
            canvas.write(text, in: noticeRow, style: .muted)
        }
        return self.isSubmitting ? nil : cursor
    }
}
