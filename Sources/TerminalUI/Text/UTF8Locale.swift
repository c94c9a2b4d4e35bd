import CNCurses

/// Makes sure the process's character type is UTF-8.
///
/// ncurses and `wcwidth` read the locale: under `C`/`POSIX` every non-ASCII character is garbage.
/// The user's locale is taken when it is UTF-8; otherwise `C.UTF-8`, which glibc always has.
public enum UTF8Locale {
    /// The locale name in force after ``ensure()``; `nil` when no UTF-8 locale could be set.
    public static var active: String? { self.chosen }

    /// Sets the locale once per process; later calls do nothing.
    public static func ensure() {
        _ = self.chosen
    }

    private static let chosen: String? = {
        if let name = setlocale(LC_ALL, ""), market_codeset_is_utf8() != 0 { return String(cString: name) }
        for fallback in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if let name = setlocale(LC_ALL, fallback), market_codeset_is_utf8() != 0 { return String(cString: name) }
        }
        return nil
    }()
}
