extension Canvas {
    /// The canvas as text for snapshot files: every row between `|` bars (so trailing spaces
    /// show), then, per row, the runs of cells whose style is not `normal`.
    ///
    /// ```
    /// |swift-market  1 Search  2 Cart   |
    /// …
    /// styles:
    ///  0 header 0-33, headerTitle 1-12
    /// ```
    public var snapshot: String {
        var output = "size \(self.size.width)×\(self.size.height)\n"
        for line in self.lines { output += "|\(line)|\n" }
        output += "styles:\n"
        for y in 0..<self.size.height {
            var runs: [String] = []
            var x = 0
            while x < self.size.width {
                let style = self[x, y].style
                var end = x
                while end + 1 < self.size.width, self[end + 1, y].style == style { end += 1 }
                if style != .normal { runs.append("\(style.rawValue) \(x)-\(end)") }
                x = end + 1
            }
            if !runs.isEmpty { output += String(repeating: " ", count: y < 10 ? 1 : 0) + "\(y) " + runs.joined(separator: ", ") + "\n" }
        }
        if let cursor = self.cursor { output += "cursor \(cursor.x),\(cursor.y)\n" }
        return output
    }
}
