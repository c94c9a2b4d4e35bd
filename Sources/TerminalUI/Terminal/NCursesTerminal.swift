import CNCurses
import CTerminalGuard
import Foundation

/// The real terminal, through ncursesw. The only code that calls ncurses.
///
/// Forces a UTF-8 locale, reads input with `get_wch` (so any script can be typed), enables mouse
/// clicks and the wheel and bracketed paste (a paste comes whole, as ``TerminalEvent/paste(_:)``), and maps styles to colours (or to attributes under `NO_COLOR`). Every
/// frame is drawn cell by cell with `setcchar`, so wide characters take exactly the columns
/// ``DisplayWidth`` promised.
@MainActor
public final class NCursesTerminal: Terminal {
    public struct Configuration: Sendable {
        /// Colours, monochrome, or decide from `NO_COLOR` and the terminal.
        public var colorMode: ColorMode
        /// Mouse clicks and the wheel.
        public var mouse: Bool
        /// How long to wait after Esc for the rest of an escape sequence.
        public var escapeDelay: Duration
        /// The environment (for `NO_COLOR`).
        public var environment: [String: String]

        public init(
            colorMode: ColorMode = .automatic,
            mouse: Bool = true,
            escapeDelay: Duration = .milliseconds(25),
            environment: [String: String]? = nil
        ) {
            self.colorMode = colorMode
            self.mouse = mouse
            self.escapeDelay = escapeDelay
            self.environment = environment ?? ProcessInfo.processInfo.environment
        }
    }

    public private(set) var size: Size
    public let events: AsyncStream<TerminalEvent>
    /// The colour mode in effect.
    public let colorMode: ColorMode
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private let screen: OpaquePointer
    private let poller: InputPoller
    private var looks: [Style: (attributes: attr_t, pair: Int16)] = [:]
    private var shown: Canvas?
    private var cursorVisible = false
    private var restored = false
    private var inputTask: Task<Void, Never>?
    private let output: UnsafeMutablePointer<FILE>
    /// Where the termination signals' handler tells of them (``c_terminal_guard``).
    private var signalDescriptor: Int32?
    /// The signal that asked the program to end, if one did: the exit status should say so.
    public private(set) var terminationSignal: Int32?
    /// A paste under way, from its start marker to its end marker.
    private var paste: BracketedPaste?
    /// Ends a paste that stalled (``BracketedPaste/idleLimit``).
    private var pasteWatch: Task<Void, Never>?

    /// Takes over the terminal. Throws when standard input or output is not a terminal.
    public init(configuration: Configuration = Configuration()) throws(TerminalError) {
        UTF8Locale.ensure()
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("standard input and output must be a terminal")
        }
        guard let output = fdopen(dup(1), "w"), let input = fdopen(dup(0), "r") else {
            throw TerminalError("cannot open the terminal")
        }
        // Before ncurses: the settings the crash handler gives back are the shell's, and ncurses
        // leaves handlers it finds in place alone.
        let signals = c_terminal_guard()
        if signals >= 0 { self.signalDescriptor = signals }
        guard let screen = newterm(nil, output, input) else {
            if signals >= 0 { c_terminal_unguard() }
            throw TerminalError("ncurses cannot drive this terminal (TERM=\(configuration.environment["TERM"] ?? "unset"))")
        }
        self.screen = screen
        self.output = output
        set_term(screen)
        raw()
        noecho()
        nonl()
        let window = market_stdscr()
        keypad(window, true)
        nodelay(window, true)
        intrflush(window, false)
        set_escdelay(Int32(configuration.escapeDelay.components.seconds * 1000 + configuration.escapeDelay.components.attoseconds / 1_000_000_000_000_000))
        curs_set(0)
        if configuration.mouse {
            mousemask(market_mouse_mask(), nil)
            mouseinterval(0)
        }
        market_define_paste_keys()
        market_define_word_keys()
        self.colorMode = configuration.colorMode.resolved(environment: configuration.environment, terminalHasColors: has_colors())
        self.size = Size(width: Int(market_cols()), height: Int(market_lines()))
        (self.events, self.continuation) = AsyncStream<TerminalEvent>.makeStream()
        self.poller = InputPoller(descriptor: 0, signalDescriptor: self.signalDescriptor ?? -1)
        self.setUpLooks()
        self.writeControl("\u{1B}[?2004h")
        self.startInput()
    }

    public func present(_ canvas: Canvas) {
        guard !self.restored else { return }
        let window = market_stdscr()
        let rows = min(canvas.size.height, self.size.height)
        let columns = min(canvas.size.width, self.size.width)
        let previous = self.shown?.size == canvas.size ? self.shown : nil
        if previous == nil { werase(window) }
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                if let previous, previous[x, y] == cell, cell.width != 2 || previous[x + 1, y] == canvas[x + 1, y] {
                    continue
                }
                if cell.width == 2 && x + 1 >= columns { continue }
                self.draw(cell, x: x, y: y, window: window)
            }
        }
        self.shown = canvas
        if let cursor = canvas.cursor, cursor.x < self.size.width, cursor.y < self.size.height {
            if !self.cursorVisible { curs_set(1); self.cursorVisible = true }
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else if self.cursorVisible {
            curs_set(0)
            self.cursorVisible = false
        }
        wrefresh(window)
    }

    public func restore() {
        guard !self.restored else { return }
        self.restored = true
        self.poller.stop()
        self.inputTask?.cancel()
        self.pasteWatch?.cancel()
        curs_set(1)
        endwin()
        self.writeControl("\u{1B}[?2004l")
        // Leave the cursor on a clean line below whatever the shell shows next.
        fflush(nil)
        self.unguard()
        self.continuation.finish()
    }

    /// The signal handlers go (the terminal is the shell's again), and their pipe.
    private func unguard() {
        guard self.signalDescriptor != nil else { return }
        c_terminal_unguard()
        self.signalDescriptor = nil
    }

    private func draw(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        let look = self.looks[cell.style] ?? (attributes: market_a_normal(), pair: 0)
        var characters = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        if characters.isEmpty { characters = [wchar_t(32)] }
        characters.append(0)
        var complex = cchar_t()
        _ = characters.withUnsafeBufferPointer { buffer in
            setcchar(&complex, buffer.baseAddress, look.attributes, look.pair, nil)
        }
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    // MARK: - Colours

    private func setUpLooks() {
        var palette = Palette.monochrome
        if self.colorMode == .color {
            start_color()
            use_default_colors()
            palette = market_colors() >= 16 ? Palette.standard : Palette.standard.limitedToEightColors()
        }
        for (index, style) in Style.allCases.enumerated() {
            let look = palette.look(for: style)
            var attributes = market_a_normal()
            if look.attributes.contains(.bold) { attributes |= market_a_bold() }
            if look.attributes.contains(.dim) { attributes |= market_a_dim() }
            if look.attributes.contains(.underline) { attributes |= market_a_underline() }
            if look.attributes.contains(.reverse) { attributes |= market_a_reverse() }
            if look.attributes.contains(.italic) { attributes |= market_a_italic() }
            var pair: Int16 = 0
            if self.colorMode == .color, look.foreground != .default || look.background != .default {
                pair = Int16(index + 1)
                init_pair(pair, look.foreground.rawValue, look.background.rawValue)
            }
            self.looks[style] = (attributes, pair)
        }
    }

    // MARK: - Input

    private func startInput() {
        let signals = self.poller.signals
        self.inputTask = Task { @MainActor [weak self] in
            for await signal in signals {
                guard let self else { return }
                self.handle(signal)
            }
        }
        self.poller.start(initialSize: self.size)
    }

    private func handle(_ signal: InputPoller.Signal) {
        switch signal {
        case .readable:
            self.readInput()
            self.poller.acknowledge()
        case .resized(let size):
            self.resize(to: size)
        case .hangup:
            self.continuation.yield(.hangup)
        case .terminated(let signal):
            // Ended as if the terminal went away: the program stops and restores it.
            self.terminationSignal = signal
            self.continuation.yield(.hangup)
        }
    }

    private func resize(to size: Size) {
        guard !self.restored else { return }
        if size != Size(width: Int(market_cols()), height: Int(market_lines())) {
            resizeterm(Int32(size.height), Int32(size.width))
        }
        let actual = Size(width: Int(market_cols()), height: Int(market_lines()))
        guard actual != self.size else { return }
        self.size = actual
        self.shown = nil
        self.continuation.yield(.resize(actual))
    }

    /// Ctrl-Z. The terminal is in raw mode, so it reaches the program as a character; it still
    /// does what it does in a shell.
    private static let suspendCharacter: wint_t = 26
    /// Ctrl-L, which redraws the screen in every full-screen terminal program.
    private static let redrawCharacter: wint_t = 12

    /// Ctrl-Z: gives the terminal back to the shell and stops, as job control stops any program;
    /// `fg` continues here, with the terminal taken over again and the screen drawn afresh (at
    /// its size then). Ignored where no shell could continue it (see ``shellHasJobControl``).
    private func suspend() {
        guard Self.shellHasJobControl else { return }
        self.writeControl("\u{1B}[?2004l")
        curs_set(1)
        endwin()
        fflush(nil)
        // SIGSTOP, not SIGTSTP: ncurses catches SIGTSTP and draws from its handler, on whichever
        // thread takes it, while the main actor draws too. Sent to this thread, so the stop takes
        // effect before the call returns.
        raise(SIGSTOP)
        // Continued.
        reset_prog_mode()
        self.writeControl("\u{1B}[?2004h")
        self.cursorVisible = true
        if let size = InputPoller.windowSize(of: 0) { self.resize(to: size) }
        // The shell wrote over the screen meanwhile.
        self.redrawAll()
    }

    /// Forgets what the screen shows and draws all of it at the next frame (Ctrl-L, and after a
    /// suspension): another program may have written on it, which ncurses cannot know.
    private func redrawAll() {
        self.shown = nil
        clearok(market_stdscr(), true)
        // Drawn again even at the same size.
        self.continuation.yield(.resize(self.size))
    }

    /// Whether a job-control shell started this process and can continue it after a stop: the
    /// parent is in the same session but another process group, and this group has the
    /// terminal. (A program that is its own session, such as a tmux pane's command, has no one
    /// to continue it; the system drops a terminal's stop signal for it, but not SIGSTOP.)
    static var shellHasJobControl: Bool {
        let group = getpgrp()
        let parent = getppid()
        return tcgetpgrp(0) == group && getpgid(parent) != group && getsid(parent) == getsid(0)
    }

    /// Sends a control sequence ncurses does not know to the terminal.
    private func writeControl(_ sequence: String) {
        fputs(sequence, self.output)
        fflush(self.output)
    }

    private func readInput() {
        let window = market_stdscr()
        var character: wint_t = 0
        while !self.restored {
            var status = wget_wch(window, &character)
            if status == ERR { break }
            // Esc with a character right behind it (in the same burst, not typed after it) is
            // Alt with that character, as terminals send it: Alt-b must not close a form and then
            // act as b. Esc on its own, or before a key ncurses decoded, is Esc.
            if status != KEY_CODE_YES, character == 27, self.paste == nil {
                var next: wint_t = 0
                let nextStatus = wget_wch(window, &next)
                // A control sequence ncurses does not know (Ctrl-↑ where terminfo names none, an
                // end-of-paste marker that came apart): read to its end and dropped, rather than
                // its tail typed ("1;5A").
                if nextStatus != ERR, nextStatus != KEY_CODE_YES, next == 0x5B || next == 0x4F {
                    self.skipSequence(introducedBy: next)
                    continue
                }
                // Alt-Bksp: ncurses may hand the Bksp over as its key code.
                if nextStatus == KEY_CODE_YES, Int32(bitPattern: next) == KEY_BACKSPACE {
                    self.continuation.yield(.key(.control("w")))
                    continue
                }
                if nextStatus != ERR, nextStatus != KEY_CODE_YES, let alt = KeyDecoder.afterEscape(UInt32(next)) {
                    self.continuation.yield(.key(alt))
                    continue
                }
                self.continuation.yield(.key(.escape))
                if nextStatus == ERR { break }
                (status, character) = (nextStatus, next)
            }
            if status == KEY_CODE_YES {
                self.keyCode(Int32(bitPattern: character))
            } else if character == Self.suspendCharacter, self.paste == nil {
                self.suspend()
            } else if character == Self.redrawCharacter, self.paste == nil {
                self.redrawAll()
            } else if self.paste != nil, let scalar = Unicode.Scalar(UInt32(character)) {
                switch self.paste?.add(scalar) {
                case .ended(let text)?:
                    self.endPaste(text)
                case .interrupted?:
                    self.endPaste(nil)
                    if let event = KeyDecoder.character(UInt32(character)) { self.continuation.yield(event) }
                case .kept?, nil:
                    break
                }
            } else if let event = KeyDecoder.character(UInt32(character)) {
                self.continuation.yield(event)
            }
        }
    }

    /// Reads the rest of a control sequence after Esc and `introducer` (`[`: parameters and
    /// intermediates up to a final byte from @ to ~; `O`: one more character), up to what has
    /// arrived and 32 characters at most.
    private func skipSequence(introducedBy introducer: wint_t) {
        let window = market_stdscr()
        var character: wint_t = 0
        for _ in 0..<32 {
            let status = wget_wch(window, &character)
            if status == ERR || status == KEY_CODE_YES { return }
            if introducer == 0x4F || (0x40...0x7E).contains(character) { return }
        }
    }

    /// The paste is over: its text, if any, is delivered (`nil`: dropped).
    private func endPaste(_ text: String?) {
        if let text, !text.isEmpty, self.paste != nil { self.continuation.yield(.paste(text)) }
        self.paste = nil
        self.pasteWatch?.cancel()
        self.pasteWatch = nil
    }

    /// Ends the paste under way once it stalls: its end marker was lost, or came apart.
    private func watchPaste() {
        self.pasteWatch?.cancel()
        self.pasteWatch = Task { @MainActor [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: BracketedPaste.idleLimit)
                guard let self, let paste = self.paste, !Task.isCancelled else { return }
                if paste.hasStalled() {
                    self.endPaste(paste.text)
                    return
                }
            }
        }
    }

    private func keyCode(_ code: Int32) {
        switch code {
        case market_key_paste_begin():
            self.paste = BracketedPaste()
            self.watchPaste()
        case market_key_paste_end():
            self.endPaste(self.paste?.text)
        case _ where self.paste != nil:
            // A key inside a paste (a pasted escape sequence ncurses knows): not typed.
            break
        case KEY_RESIZE:
            self.resize(to: Size(width: Int(market_cols()), height: Int(market_lines())))
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return }
            let point = Point(x: Int(event.x), y: Int(event.y))
            let state = event.bstate
            if market_mouse_is_wheel_up(state) != 0 {
                self.continuation.yield(.mouse(MouseEvent(.wheelUp, at: point)))
            } else if market_mouse_is_wheel_down(state) != 0 {
                self.continuation.yield(.mouse(MouseEvent(.wheelDown, at: point)))
            } else if market_mouse_is_double_click(state) != 0 {
                self.continuation.yield(.mouse(MouseEvent(.doubleClick, at: point)))
            } else if market_mouse_is_button1(state) != 0 {
                self.continuation.yield(.mouse(MouseEvent(.press, at: point)))
            }
        default:
            if let key = KeyDecoder.keyCode(code, functionKey: market_key_f) { self.continuation.yield(.key(key)) }
        }
    }
}

/// Why the terminal could not be taken over.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
