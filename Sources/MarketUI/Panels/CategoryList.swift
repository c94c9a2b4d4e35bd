public import MarketCore
public import TerminalUI

/// The named categories that fit what a category field holds so far, in a small box under the
/// field while it is typed in, as a completion list: the numbers and names to choose from, with
/// the one the text reads as marked. Typing narrows it; it never takes keys of its own.
public enum CategoryList {
    /// Draws the list for `typed` with its top-left corner at `origin`, inside `bounds`: as many
    /// rows as fit, then "…". Nothing when no name fits or there is no room.
    public static func render(_ names: CategoryNames, typed: String, at origin: Point, within bounds: Rect, canvas: inout Canvas) {
        let entries = names.candidates(typed: typed)
        let room = bounds.maxY - origin.y - 2
        guard !entries.isEmpty, room >= 1 else { return }
        let chosen = names.category(typed: typed).flatMap { try? $0.get() }
        let numberWidth = entries.map { DisplayWidth.of($0.category.description) }.max() ?? 1
        let rows = entries.map { entry in
            (text: String(repeating: " ", count: numberWidth - DisplayWidth.of(entry.category.description)) + "\(entry.category)  \(entry.name)",
             isChosen: entry.category == chosen)
        }
        let shown = entries.count <= room ? rows : rows.prefix(room - 1) + [(text: "…", isChosen: false)]
        let width = min(bounds.width, (rows.map { DisplayWidth.of($0.text) }.max() ?? 0) + 4)
        let box = Rect(x: max(bounds.x, min(origin.x, bounds.maxX - width)), y: origin.y, width: width, height: shown.count + 2)
        canvas.box(box, style: .border, fill: .dialog)
        for (index, row) in shown.enumerated() {
            canvas.write(" " + row.text, in: Rect(x: box.x + 1, y: box.y + 1 + index, width: box.width - 2, height: 1), style: row.isChosen ? .selection : .normal)
        }
    }
}
