public import TerminalUI

extension Shell {
    /// Handles a key for what sits above every view, the same in both clients: Ctrl-C (leaves at
    /// once), the too-small notice (ignores keys), the help overlay and the quit question.
    /// Returns whether the key was used up here; if not, the app routes it to its own screens.
    public mutating func handleOverlayKey(_ key: Key) -> Bool {
        if key == .interrupt {
            self.isFinished = true
            return true
        }
        if self.isTooSmall { return true }
        if var help = self.help {
            let outcome = help.handle(key, visibleLines: help.visibleLines(in: Rect(size: self.size)))
            self.help = outcome == .closed ? nil : help
            return true
        }
        if var dialog = self.quitDialog {
            let outcome = dialog.handle(key)
            self.quitDialog = dialog
            if case .pressed(let button) = outcome {
                self.quitDialog = nil
                if button == 0 { self.isFinished = true }
            }
            return true
        }
        return false
    }
}
