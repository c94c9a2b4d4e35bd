public import TerminalUI

extension ProgramRunner {
    /// Sends each character of `text` as a key press.
    public func type(_ text: String) {
        for character in text { self.send(.key(.character(character))) }
    }

    /// Types `values` into a form's fields from the focused one on, Tab between them.
    public func fill(_ values: String...) {
        for (index, value) in values.enumerated() {
            if index > 0 { self.press(.tab) }
            self.type(value)
        }
    }

    /// Sends key presses in order.
    public func press(_ keys: Key...) {
        for key in keys { self.send(.key(key)) }
    }

    /// Sends key presses and waits until they and everything they started are done.
    public func pressAndSettle(_ keys: Key...) async {
        for key in keys { self.send(.key(key)) }
        await self.settled()
    }
}

extension Program {
    /// Applies key presses one after another, collecting the commands they ask for.
    public func press(_ keys: [Key], _ state: inout State) -> [Command] {
        keys.flatMap { self.update(&state, .key($0)) }
    }

    /// Types `text` key by key.
    public func type(_ text: String, _ state: inout State) -> [Command] {
        text.flatMap { self.update(&state, .key(.character($0))) }
    }

    /// Types `values` into a form's fields from the focused one on, Tab between them.
    @discardableResult
    public func fill(_ values: [String], _ state: inout State) -> [Command] {
        values.enumerated().flatMap { index, value in (index > 0 ? self.press([.tab], &state) : []) + self.type(value, &state) }
    }

    /// Sends up to `count` ticks, stopping at the first that asks for commands; returns those.
    public func tick(atMost count: Int, _ state: inout State) -> [Command] {
        for _ in 0..<count {
            let commands = self.update(&state, .tick)
            if !commands.isEmpty { return commands }
        }
        return []
    }
}

extension Canvas {
    /// Where `text` starts on the canvas (the row's text before it single-width), for a click.
    public func point(of text: String) -> Point? {
        for (y, line) in self.lines.enumerated() {
            if let range = line.range(of: text) { return Point(x: line.distance(from: line.startIndex, to: range.lowerBound), y: y) }
        }
        return nil
    }
}
