/// How styles look: colours and attributes on a colour terminal, attributes alone in monochrome.
///
/// A dark theme in the spirit of htop: black on green column titles, black on cyan selection,
/// key hints in the footer as white keys on black beside black-on-cyan labels.
public struct Palette: Sendable {
    /// Terminal colours: the eight basic ones, their bright forms, and the terminal's default.
    public enum Color: Int16, Sendable, Hashable {
        case `default` = -1
        case black = 0, red, green, yellow, blue, magenta, cyan, white
        case brightBlack = 8, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

        /// The nearest basic colour, for terminals with only eight.
        public var basic: Color {
            self.rawValue >= 8 ? Color(rawValue: self.rawValue - 8) ?? .default : self
        }
    }

    /// Text attributes.
    public struct Attributes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let underline = Attributes(rawValue: 1 << 2)
        public static let reverse = Attributes(rawValue: 1 << 3)
        public static let italic = Attributes(rawValue: 1 << 4)
    }

    /// How one style looks.
    public struct Look: Sendable, Hashable {
        public var foreground: Color
        public var background: Color
        public var attributes: Attributes

        public init(_ foreground: Color = .default, _ background: Color = .default, _ attributes: Attributes = []) {
            self.foreground = foreground
            self.background = background
            self.attributes = attributes
        }
    }

    private let looks: [Style: Look]

    public init(_ looks: [Style: Look]) {
        self.looks = looks
    }

    public func look(for style: Style) -> Look { self.looks[style] ?? Look() }

    /// The same palette for a terminal with eight colours: bright colours become bold basic ones,
    /// except grey text, which becomes dim.
    public func limitedToEightColors() -> Palette {
        var looks: [Style: Look] = [:]
        for style in Style.allCases {
            var look = self.look(for: style)
            if look.foreground == .brightBlack && look.background == .default {
                look.foreground = .default
                look.attributes.insert(.dim)
            } else if look.foreground.rawValue >= 8 {
                look.foreground = look.foreground.basic
                look.attributes.insert(.bold)
            }
            look.background = look.background.basic
            looks[style] = look
        }
        return Palette(looks)
    }

    /// The colour theme.
    public static let standard = Palette([
        .normal: Look(),
        .muted: Look(.brightBlack),
        .accent: Look(.cyan, .default, .bold),
        .title: Look(.default, .default, .bold),
        .header: Look(.white, .blue),
        .headerTitle: Look(.brightYellow, .blue, .bold),
        .headerMuted: Look(.brightCyan, .blue),
        .headerOnline: Look(.brightGreen, .blue, .bold),
        .headerWarning: Look(.black, .yellow, .bold),
        .headerOffline: Look(.brightWhite, .red, .bold),
        .tab: Look(.white, .blue),
        .tabActive: Look(.black, .cyan, .bold),
        .footerKey: Look(.brightWhite, .black, .bold),
        .footer: Look(.black, .cyan),
        .tableHeader: Look(.black, .green),
        .tableHeaderSorted: Look(.black, .cyan, .bold),
        .selection: Look(.black, .cyan),
        .border: Look(.cyan),
        .dialog: Look(),
        .dialogTitle: Look(.brightYellow, .default, .bold),
        .input: Look(.brightWhite, .brightBlack),
        .inputFocused: Look(.black, .white),
        .inputSelected: Look(.black, .cyan),
        .button: Look(.black, .white),
        .buttonFocused: Look(.black, .cyan, .bold),
        .error: Look(.brightRed, .default, .bold),
        .success: Look(.brightGreen, .default, .bold),
        .warning: Look(.brightYellow, .default, .bold),
        .positive: Look(.green),
        .negative: Look(.red),
    ])

    /// Attributes only, for `NO_COLOR` and terminals without colour.
    public static let monochrome = Palette([
        .normal: Look(),
        .muted: Look(.default, .default, .dim),
        .accent: Look(.default, .default, .bold),
        .title: Look(.default, .default, [.bold, .underline]),
        .header: Look(.default, .default, .reverse),
        .headerTitle: Look(.default, .default, [.reverse, .bold]),
        .headerMuted: Look(.default, .default, .reverse),
        .headerOnline: Look(.default, .default, [.reverse, .bold]),
        .headerWarning: Look(.default, .default, [.bold, .underline]),
        .headerOffline: Look(.default, .default, [.bold, .underline]),
        .tab: Look(.default, .default, .reverse),
        .tabActive: Look(.default, .default, [.bold, .underline]),
        .footerKey: Look(.default, .default, .bold),
        .footer: Look(.default, .default, .reverse),
        .tableHeader: Look(.default, .default, [.bold, .underline]),
        .tableHeaderSorted: Look(.default, .default, [.reverse, .bold]),
        .selection: Look(.default, .default, .reverse),
        .border: Look(),
        .dialog: Look(),
        .dialogTitle: Look(.default, .default, .bold),
        .input: Look(.default, .default, .underline),
        .inputFocused: Look(.default, .default, .reverse),
        // In the reversed field, selected text stands out the other way round.
        .inputSelected: Look(.default, .default, [.bold, .underline]),
        .button: Look(.default, .default, .bold),
        .buttonFocused: Look(.default, .default, [.reverse, .bold]),
        .error: Look(.default, .default, .bold),
        .success: Look(.default, .default, .bold),
        .warning: Look(.default, .default, .bold),
        .positive: Look(),
        .negative: Look(),
    ])
}
