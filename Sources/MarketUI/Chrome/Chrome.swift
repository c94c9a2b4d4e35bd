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
        let layout = self.headerLayout(shell: shell, width: size.width, tabs: tabs)
        var left = [Span(" \(shell.appName) ", .headerTitle)]
        if layout.showsTitle { left.append(Span(shell.title + " ", .header)) }
        for (index, label) in self.tabLabels(tabs).enumerated() {
            left.append(Span(label, index == activeTab ? .tabActive : .tab))
        }
        var right: [Span] = []
        if let user = shell.user {
            right.append(Span(layout.usernameWidth.map { DisplayWidth.truncate(user.username, to: $0) } ?? user.username, .header))
            if layout.showsName, user.name != user.username {
                right.append(Span(" (\(DisplayWidth.truncate(user.name, to: layout.nameWidth)))", .headerMuted))
            }
            right.append(Span(layout.showsServer ? " · " : " ", .headerMuted))
        }
        if layout.showsServer { right.append(Span(shell.server + " ", .headerMuted)) }
        right.append(shell.connectionBadge)
        HeaderBar.render(left: left, right: right, in: Rect(x: 0, y: 0, width: size.width, height: 1), canvas: &canvas)
        let status = Rect(x: 0, y: size.height - 2, width: size.width, height: 1)
        StatusBar.render(message: shell.status?.span, busy: shell.busyLabel, tick: shell.tick, trailing: position, in: status, canvas: &canvas)
        // The help (opened from the quit question too), then the quit question, has the keys
        // while it is shown.
        let footer = shell.help != nil ? HelpOverlay.hints : shell.quitDialog != nil ? shell.quitHints : hints
        FooterBar.render(footer, in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1), canvas: &canvas)
        return self.contentArea(size)
    }

    /// Draws the quit confirmation and the help overlay when they are shown, the help above
    /// (it can be opened from the question, which is back when it closes).
    public static func renderOverlays(shell: Shell, canvas: inout Canvas) {
        if let dialog = shell.quitDialog { dialog.render(in: canvas.bounds, canvas: &canvas) }
        if let help = shell.help { help.render(in: shell.helpArea, canvas: &canvas) }
    }

    /// What the header has room for: on narrow terminals the title goes first, then the user's
    /// display name is shortened and then dropped, then the server's address goes, and then the
    /// username is shortened; tabs and the connection state always stay.
    struct HeaderLayout {
        var showsTitle = true
        var showsName = true
        /// The columns the display name may take (it is cut with an ellipsis beyond).
        var nameWidth = Self.longestName
        static let longestName = 32
        /// A name cut shorter than this says too little to keep.
        static let shortestName = 4
        var showsServer = true
        /// The columns the username may take, when it must be shortened.
        var usernameWidth: Int?
    }

    static func headerLayout(shell: Shell, width: Int, tabs: [String]) -> HeaderLayout {
        var layout = HeaderLayout()
        let app = DisplayWidth.of(" \(shell.appName) ")
        let title = DisplayWidth.of(shell.title + " ")
        let tabsWidth = self.tabLabels(tabs).reduce(0) { $0 + DisplayWidth.of($1) }
        let nameText = shell.user.map { $0.name == $0.username ? 0 : DisplayWidth.of(DisplayWidth.truncate($0.name, to: HeaderLayout.longestName)) } ?? 0
        let name = nameText == 0 ? 0 : nameText + 3  // " (" and ")"
        let user = shell.user.map { DisplayWidth.of($0.username) + 3 } ?? 0
        let server = DisplayWidth.of(shell.server + " ")
        let badge = DisplayWidth.of(shell.connectionBadge.text)
        var total = app + title + tabsWidth + name + user + server + badge + 1
        if total > width { layout.showsTitle = false; total -= title }
        if total > width, nameText > 0 {
            let fitting = nameText - (total - width)
            if fitting >= HeaderLayout.shortestName {
                layout.nameWidth = fitting
                total = width
            } else {
                layout.showsName = false
                total -= name
            }
        }
        if total > width { layout.showsServer = false; total -= server + 2 }  // " · " becomes " "
        if total > width, let username = shell.user?.username {
            layout.usernameWidth = max(4, DisplayWidth.of(username) - (total - width))
        }
        return layout
    }

    /// The tab under a click in the header, if any.
    public static func tab(at point: Point, shell: Shell, tabs: [String]) -> Int? {
        guard point.y == 0 else { return nil }
        let layout = self.headerLayout(shell: shell, width: shell.size.width, tabs: tabs)
        var x = DisplayWidth.of(" \(shell.appName) ") + (layout.showsTitle ? DisplayWidth.of(shell.title + " ") : 0)
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
