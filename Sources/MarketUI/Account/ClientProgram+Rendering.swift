public import TerminalUI

extension ClientProgram {
    /// Draws what every screen shares: the too-small notice alone, or else the login screen (under
    /// `appTitle`) until logged in and then what `views` draws, which returns where the text
    /// cursor goes; the help overlay and the quit question go over either.
    public func render(_ state: State, into canvas: inout Canvas, appTitle: String, views: (inout Canvas) -> Point?) {
        if state.shell.isTooSmall {
            TooSmallNotice.render(size: state.shell.size, minimum: .minimum, canvas: &canvas)
            return
        }
        let cursor: Point?
        if state.isLoggedIn {
            cursor = views(&canvas)
        } else {
            let content = Chrome.render(shell: state.shell, hints: state.login.hints, canvas: &canvas)
            cursor = state.login.render(in: content, canvas: &canvas, appTitle: appTitle)
        }
        Chrome.renderOverlays(shell: state.shell, canvas: &canvas)
        canvas.cursor = state.shell.help == nil && state.shell.quitDialog == nil ? cursor : nil
    }
}
