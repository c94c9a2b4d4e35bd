public import MarketCore
public import TerminalUI

/// The named categories that fit what a category field holds so far, in a box under the field
/// while it is typed in, as a completion list: the numbers and names to choose from, with the one
/// the text reads as marked. Typing narrows it; a click on a name picks it.
public struct CategoryList {
    public struct Row: Sendable, Hashable {
        public var text: String
        /// `nil` for the "…" that says more did not fit.
        public var category: CategoryName?
        public var isChosen: Bool
    }

    /// Where the box goes, and its rows.
    public let frame: Rect
    public let rows: [Row]
    /// What the list blanks out beside it (`fillsWidth`), so no pieces of the lines under it show.
    let cover: Rect

    /// The list for `typed` with its top-left corner at `origin`, inside `bounds`: as many rows as
    /// fit, with "…" for the rest; as wide as its longest row, and with `fillsWidth` blanking
    /// the rows it spans to the right edge of `bounds` (over a form, so no pieces of its lines
    /// show beside it). The name `field`
    /// reads as is marked (by default, the one `typed` reads as; see ``CategoryPicking``). `nil`
    /// when no name fits or there is no room.
    public init?(_ names: CategoryNames, typed: String, field: String? = nil, at origin: Point, within bounds: Rect, fillsWidth: Bool = false) {
        let entries = names.candidates(typed: typed)
        let room = bounds.maxY - origin.y - 2
        guard !entries.isEmpty, room >= 1 else { return nil }
        let chosen = names.category(typed: field ?? typed).flatMap { try? $0.get() }
        let rows = zip(entries, Self.texts(of: entries)).map { Row(text: $1, category: $0, isChosen: $0.category == chosen) }
        self.rows = Self.window(rows, room: room)
        let fitting = Self.size(of: entries).width
        let x = max(bounds.x, min(origin.x, bounds.maxX - fitting))
        self.frame = Rect(x: x, y: origin.y, width: min(bounds.maxX - x, fitting), height: self.rows.count + 2)
        self.cover = fillsWidth ? Rect(x: x, y: origin.y, width: bounds.maxX - x, height: self.frame.height) : self.frame
    }

    /// The rows' text: " 3  Home & kitchen", the numbers aligned.
    private static func texts(of entries: [CategoryName]) -> [String] {
        let numberWidth = entries.map { DisplayWidth.of($0.category.description) }.max() ?? 1
        return entries.map { entry in
            String(repeating: " ", count: numberWidth - DisplayWidth.of(entry.category.description)) + " \(entry.category)  \(entry.name)"
        }
    }

    /// The box that lists `entries` whole: as wide as its longest row, as tall as all of them.
    public static func size(of entries: [CategoryName]) -> Size {
        Size(width: (self.texts(of: entries).map(DisplayWidth.of).max() ?? 0) + 3, height: entries.count + 2)
    }

    /// As many of `rows` as `room` holds, with "…" for those left out before or after: from the
    /// top, or, when the marked one would be left out, around it.
    private static func window(_ rows: [Row], room: Int) -> [Row] {
        guard rows.count > room else { return rows }
        let more = Row(text: " …", category: nil, isChosen: false)
        let chosen = rows.firstIndex(where: \.isChosen) ?? 0
        if chosen < room - 1 || room < 3 { return rows.prefix(room - 1) + [more] }
        if chosen >= rows.count - (room - 1) { return [more] + rows.suffix(room - 1) }
        // Both ends left out: the marked one last before the "…" after it.
        return [more] + rows[(chosen - (room - 3))...chosen] + [more]
    }

    public func render(canvas: inout Canvas) {
        canvas.fill(self.cover, style: .dialog)
        canvas.box(self.frame, style: .border, fill: .dialog)
        for (index, row) in self.rows.enumerated() {
            canvas.write(row.text, in: Rect(x: self.frame.x + 1, y: self.frame.y + 1 + index, width: self.frame.width - 2, height: 1), style: row.isChosen ? .selection : .normal)
        }
    }

    /// What a click at `point` means: `nil` outside the box; inside it, the keys that type the
    /// name clicked on into the field (clear it, then the name), or none (the border, "…").
    public func keys(forClickAt point: Point) -> [Key]? {
        guard self.cover.contains(point) else { return nil }
        let index = point.y - self.frame.y - 1
        guard self.rows.indices.contains(index), let entry = self.rows[index].category else { return [] }
        return [.end, .control("u")] + entry.name.map(Key.character)
    }
}

/// ↓ and ↑ in a category field whose ``CategoryList`` is open: they step through the names that
/// fit what was typed, putting each in the field (selected, so typing replaces it), and the list
/// keeps showing what fits the typed text meanwhile; ↑ from the first name puts the typed text
/// back. A field holding a name whole (picked before) lists every name, so the arrows go on from
/// it. Any other key ends the stepping, and the list follows the field again. In a form whose Esc
/// throws away what was typed, Esc closes the open list first (and only the list: a second Esc is
/// the form's), until the next key.
public struct CategoryPicking: Sendable, Hashable {
    /// While stepping: what the list shows the names that fit, and what the field held before.
    private var stepping: Stepping?
    /// Whether Esc closed the list: it stays closed until another key.
    public private(set) var isClosed = false

    private struct Stepping: Sendable, Hashable {
        var filter: String
        var before: String
    }

    public init() {}

    /// The text the list is made from, for a field holding `field`.
    public func listText(field: String, names: CategoryNames) -> String {
        if let stepping { return stepping.filter }
        return Self.holdsNameWhole(field, names: names) ? "" : field
    }

    /// Whether `field` is a name as picking puts it in (``CategoryNames/text(for:)``).
    private static func holdsNameWhole(_ field: String, names: CategoryNames) -> Bool {
        guard case .success(let category)? = names.category(typed: field), names.name(of: category) != nil else { return false }
        return Text.trimmingWhitespace(field) == names.text(for: category)
    }

    /// ↓ (`forward`) or ↑: the text for the field, or `nil` when the key is not the list's (no
    /// name fits, or ↑ with no name picked: the form's key then).
    public mutating func step(forward: Bool, names: CategoryNames, field: String) -> String? {
        let filter = self.listText(field: field, names: names)
        let candidates = names.candidates(typed: filter)
        guard !candidates.isEmpty else { return nil }
        let chosen = names.category(typed: field).flatMap { try? $0.get() }
        let picked = self.stepping != nil || filter != field
        guard picked, let index = candidates.firstIndex(where: { $0.category == chosen }) else {
            guard forward else { return nil }
            self.stepping = Stepping(filter: filter, before: field)
            return names.text(for: candidates[0].category)
        }
        if self.stepping == nil { self.stepping = Stepping(filter: filter, before: field) }
        if forward { return names.text(for: candidates[min(index + 1, candidates.count - 1)].category) }
        guard index > 0 else {
            defer { self.stepping = nil }
            // Back to what was typed (a name put in whole stays: it is the first name's).
            return self.stepping?.before == field ? nil : self.stepping?.before
        }
        return names.text(for: candidates[index - 1].category)
    }

    /// A key other than ↓ and ↑: the list follows the field again.
    public mutating func stop() {
        self.stepping = nil
        self.isClosed = false
    }

    /// A key for `form`, whose field `id` holds a category: ↓ or ↑ while that field has the
    /// focus and its list names to step through put the next or previous one in it (as the user's
    /// choice) and return true; any other key stops the stepping and returns false, for the form.
    /// With `escapeCloses`, Esc while the list is open closes it and returns true.
    public mutating func pick(_ key: Key, in form: inout Form, field id: String, names: CategoryNames, escapeCloses: Bool = false) -> Bool {
        let focused = form.fields.indices.contains(form.focus) && form.fields[form.focus].id == id
        if key == .escape, escapeCloses, focused, !self.isClosed, !names.candidates(typed: self.listText(field: form[id], names: names)).isEmpty {
            self.stepping = nil
            self.isClosed = true
            return true
        }
        guard key == .down || key == .up, focused, !self.isClosed, let text = self.step(forward: key == .down, names: names, field: form[id]) else {
            self.stop()
            return false
        }
        form.set(id, to: text, byUser: true)
        return true
    }

    /// For the help overlay: with `escapeCloses` as the app's form passes it.
    public static func helpSection(escapeCloses: Bool) -> HelpSection {
        HelpSection(title: "Category list (under a category field)", entries: [
            HelpSection.Entry(keys: "↓/↑", help: "Put the next or previous name in the field; ↑ from the first puts back what you typed"),
            HelpSection.Entry(keys: "Click name", help: "Put that name in the field"),
        ] + (escapeCloses ? [HelpSection.Entry(keys: "Esc", help: "Close the list (it opens again at the next key)")] : []))
    }
}
