/// The frames of the busy indicator, advanced by ticks.
public enum Spinner {
    public static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    public static func frame(_ tick: Int) -> String { self.frames[((tick % self.frames.count) + self.frames.count) % self.frames.count] }
}
