/// What a cell is for. Terminals map styles to colours (or, in monochrome, to attributes): screens
/// say "this is the selection", never "this is cyan" (htop names its colours the same way).
public enum Style: String, Sendable, Hashable, CaseIterable {
    /// Ordinary text.
    case normal
    /// Secondary text: hints, units, placeholders, empty states.
    case muted
    /// Emphasis in ordinary text: titles, key figures.
    case accent
    /// Headings inside the main area.
    case title
    /// The header bar at the top.
    case header
    /// The application's name in the header bar.
    case headerTitle
    /// Secondary text in the header bar.
    case headerMuted
    /// The connection is up.
    case headerOnline
    /// The connection is being re-established.
    case headerWarning
    /// The connection is down.
    case headerOffline
    /// A tab that is not shown.
    case tab
    /// The tab that is shown.
    case tabActive
    /// Key names in the footer bar.
    case footerKey
    /// Descriptions in the footer bar.
    case footer
    /// Column titles of a table.
    case tableHeader
    /// The column a table is sorted by.
    case tableHeaderSorted
    /// The selected row.
    case selection
    /// Frames of panels and dialogs.
    case border
    /// Dialog and overlay backgrounds.
    case dialog
    /// Dialog titles.
    case dialogTitle
    /// An input field.
    case input
    /// The input field being edited.
    case inputFocused
    /// A value filled in beforehand and selected in the field being edited: the next key
    /// typed replaces it.
    case inputSelected
    /// A button or choice.
    case button
    /// The focused button or choice.
    case buttonFocused
    /// Failures and invalid input.
    case error
    /// Things that worked.
    case success
    /// Things to be careful about.
    case warning
    /// Positive feedback.
    case positive
    /// Negative feedback.
    case negative
}
