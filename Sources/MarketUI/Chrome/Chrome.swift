public import TerminalUI

/// The frame around every screen: the header (app, tabs, user, server, connection), the status
/// line and the footer of key hints. Screens draw in the area between.
public enum Chrome {
    /// The area left for the screen in a terminal of `size`.
    public static func contentArea(_ size: Size) -> Rect {
        Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 3))
    }

    /// Draws the frame and returns the content area.
    @discardableResult
    public static func render(
        shell: Shell,
        tabs: [String] = [],
        activeTab: Int? = nil,
        hints: [KeyHint],
        position: String? = nil,
        canvas: inout Canvas
    ) -> Rect {
        let size = canvas.size
        var left = [Span(" \(shell.appName) ", .headerTitle), Span(shell.title + " ", .header)]
        for (index, label) in self.tabLabels(tabs).enumerated() {
            left.append(Span(label, index == activeTab ? .tabActive : .tab))
        }
        var right: [Span] = []
        if let user = shell.user {
            right.append(Span(user.username, .header))
            if user.name != user.username { right.append(Span(" (\(DisplayWidth.truncate(user.name, to: 20)))", .headerMuted)) }
            right.append(Span(" · ", .headerMuted))
        }
        right.append(Span(shell.server + " ", .headerMuted))
        right.append(shell.connectionBadge)
        HeaderBar.render(left: left, right: right, in: Rect(x: 0, y: 0, width: size.width, height: 1), canvas: &canvas)
        let status = Rect(x: 0, y: size.height - 2, width: size.width, height: 1)
        StatusBar.render(message: shell.status?.span, busy: shell.busyLabel, tick: shell.tick, trailing: position, in: status, canvas: &canvas)
        FooterBar.render(hints, in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1), canvas: &canvas)
        return self.contentArea(size)
    }

    /// Draws the help overlay and the quit confirmation when they are shown.
    public static func renderOverlays(shell: Shell, canvas: inout Canvas) {
        if let help = shell.help { help.render(in: canvas.bounds, canvas: &canvas) }
        if let dialog = shell.quitDialog { dialog.render(in: canvas.bounds, canvas: &canvas) }
    }

    /// The tab under a click in the header, if any.
    public static func tab(at point: Point, shell: Shell, tabs: [String]) -> Int? {
        guard point.y == 0 else { return nil }
        var x = DisplayWidth.of(" \(shell.appName) ") + DisplayWidth.of(shell.title + " ")
        for (index, label) in self.tabLabels(tabs).enumerated() {
            let width = DisplayWidth.of(label)
            if point.x >= x && point.x < x + width { return index }
            x += width
        }
        return nil
    }

    private static func tabLabels(_ tabs: [String]) -> [String] {
        tabs.enumerated().map { " \($0.offset + 1) \($0.element) " }
    }
}
