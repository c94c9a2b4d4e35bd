public import TerminalUI

/// The help overlay's sections that both clients share after their own key tables: the confirm
/// boxes' keys, the overlay's own keys and what the mouse does.
public enum ClientHelp {
    /// The shared sections, the mouse's with `mouse` added (say, a click on the search bar), and
    /// the category list's saying whether Esc closes it (``CategoryPicking``).
    public static func sections(mouse: [HelpSection.Entry] = [], categoryListClosesOnEscape: Bool = false) -> [HelpSection] {
        [CategoryPicking.helpSection(escapeCloses: categoryListClosesOnEscape), Dialog.helpSection, HelpOverlay.keys.helpSection, self.mouse(mouse), TerminalKeys.helpSection]
    }

    /// Clicks and the wheel in the views. The mouse has no key table to generate this from: it
    /// says what the apps' `click` handlers do, and their tests hold them to it.
    public static func mouse(_ extra: [HelpSection.Entry] = []) -> HelpSection {
        HelpSection(title: "Mouse", entries: [
            HelpSection.Entry(keys: "Click tab", help: "Switch to that view"),
            HelpSection.Entry(keys: "Click title", help: "Sort by that column, as s does; again reverses"),
            HelpSection.Entry(keys: "Click row", help: "Select it; click it again or double-click to open it"),
            HelpSection.Entry(keys: "Wheel", help: "Moves three rows in a list, one choice in a box"),
            HelpSection.Entry(keys: "Click button", help: "Press a box's button or pick a menu choice"),
            HelpSection.Entry(keys: "Click key", help: "Press a key shown in the bottom line"),
            HelpSection.Entry(keys: "Click field", help: "Type in that field of a form, or pick the option clicked"),
        ] + extra)
    }
}
