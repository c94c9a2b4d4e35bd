public import TerminalUI

extension LoginScreen {
    /// Draws the login box centred in `area`; returns where the cursor goes.
    @discardableResult
    public func render(in area: Rect, canvas: inout Canvas, appTitle: String) -> Point? {
        let layout = self.layout(in: area)
        let box = layout.box
        canvas.box(box, style: .border, title: appTitle, fill: .dialog)
        // Two tabs at the top of the box say which mode this is and how to switch.
        for tab in layout.tabs {
            canvas.write(tab.label, x: tab.x, y: box.y + 2, style: tab.mode == self.mode ? .tabActive : .muted)
        }
        let x = layout.tabs.last.map { $0.x + DisplayWidth.of($0.label) + 1 } ?? box.x + 3
        canvas.write("^N switches", x: x + 1, y: box.y + 2, style: .muted, limit: box.maxX - x - 3)
        let noticeLines = layout.noticeLines
        let cursor = self.form.render(in: layout.form, canvas: &canvas, labelWidth: Self.labelWidth, inputWidth: 30, focused: !self.isSubmitting)
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

    static let labelWidth = 10

    /// Where the login box's parts go in `area`.
    struct Layout {
        var box: Rect
        /// The mode tabs at the top of the box, each with the column it starts at.
        var tabs: [(label: String, mode: Mode, x: Int)]
        var form: Rect
        /// The notice, broken into lines for the box.
        var noticeLines: [String]
    }

    func layout(in area: Rect) -> Layout {
        let width = min(area.width - 4, 72)
        // Session and connection messages are full sentences: two lines, or three for the
        // longest (the box grows by the third).
        let noticeLines = self.isSubmitting ? [] : self.notice.map { DisplayWidth.wrap($0.span.text, to: width - 6) } ?? []
        let height = min(area.height, self.form.height + 9 + (noticeLines.count > 2 ? 1 : 0))
        // Placed as the taller box of the two modes would be, so that the tabs stay where they
        // are when the mode changes (a second click on the same spot switches back).
        let tallest = min(area.height, Self.fields(for: .createAccount).count * 2 + 9)
        let placed = area.centered(Size(width: width, height: max(height, tallest)))
        let box = Rect(x: placed.x, y: placed.y, width: width, height: height)
        var x = box.x + 3
        let tabs = [(" Log in ", Mode.login), (" Create account ", Mode.createAccount)].map { label, mode in
            defer { x += DisplayWidth.of(label) + 1 }
            return (label: label, mode: mode, x: x)
        }
        let form = Rect(x: box.x + 2, y: box.y + 4, width: box.width - 4, height: self.form.height)
        return Layout(box: box, tabs: tabs, form: form, noticeLines: noticeLines)
    }

    /// A click at `point` on the login box drawn in `area`: the other mode's tab switches to it
    /// (^N), a field gets the focus. Nil when the click is on neither, or while the login is on
    /// its way.
    public func keys(forClickAt point: Point, in area: Rect) -> [Key]? {
        guard !self.isSubmitting else { return nil }
        let layout = self.layout(in: area)
        if point.y == layout.box.y + 2,
            let tab = layout.tabs.first(where: { ($0.x..<$0.x + DisplayWidth.of($0.label)).contains(point.x) })
        {
            return tab.mode == self.mode ? [] : [.control("n")]
        }
        return self.form.keys(forClickAt: point, in: layout.form, labelWidth: Self.labelWidth)
    }
}
