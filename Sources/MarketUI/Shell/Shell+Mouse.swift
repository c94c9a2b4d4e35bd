public import TerminalUI

extension Shell {
    /// Handles a click or the wheel for what sits above every view, the same in both clients:
    /// nothing is clickable on the login screen or the too-small notice, the wheel scrolls the
    /// help overlay, and the quit question takes its buttons. Returns whether the event was used
    /// up here; if not, the app routes it to its own screens.
    public mutating func handleOverlayClick(_ mouse: MouseEvent) -> Bool {
        guard !self.isTooSmall else { return true }
        if var help = self.help {
            switch mouse.kind {
            case .wheelUp: help.scroll(by: -3, in: self.helpArea)
            case .wheelDown: help.scroll(by: 3, in: self.helpArea)
            default: break
            }
            self.help = help
            return true
        }
        guard self.user != nil else { return true }
        guard let dialog = self.quitDialog else { return false }
        if mouse.kind == .press, let button = dialog.button(at: mouse.point, in: Rect(size: self.size)) {
            self.answerQuit(dialog, pressed: button)
        }
        return true
    }
}
