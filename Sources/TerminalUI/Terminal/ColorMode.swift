/// Whether to use colours.
public enum ColorMode: Sendable, Hashable {
    /// Colours when the terminal has them and `NO_COLOR` is not set.
    case automatic
    case color
    case monochrome

    /// `automatic` resolved against the environment (https://no-color.org: any non-empty
    /// `NO_COLOR` turns colours off) and what the terminal supports.
    public func resolved(environment: [String: String], terminalHasColors: Bool) -> ColorMode {
        switch self {
        case .color: return terminalHasColors ? .color : .monochrome
        case .monochrome: return .monochrome
        case .automatic:
            if let value = environment["NO_COLOR"], !value.isEmpty { return .monochrome }
            return terminalHasColors ? .color : .monochrome
        }
    }
}
