public import Foundation
public import Logging
public import MarketClient
public import MarketCore
public import TerminalUI

/// Starts a terminal client: logging to a file, a reconnecting client, the terminal, and the
/// program loop. The executables are a flag parser and a call to ``run(options:build:)``.
public enum TerminalClient {
    /// What a client program needs from its surroundings.
    public struct Context: Sendable {
        public var client: MarketClient
        public var server: String
        public var logger: Logger
        /// The month now, for card expiry checks.
        public var currentMonth: YearMonth
        /// A username to fill in on the login screen (`--username`), or empty.
        public var username: String
    }

    /// Runs the client until the user quits. Returns the process exit status (130 after Ctrl-C,
    /// 128 + the signal's number after a signal that asked it to end).
    @MainActor
    public static func run<P: Program, Client: ClientRole>(options: ClientOptions<Client>, build: (Context) -> (P, P.State)) async -> Int32 {
        let role = Client.role
        let logPath = options.resolvedLogFile
        let level = Logger.Level(rawValue: options.resolvedLogLevel) ?? .info
        do {
            let file = try LogFile(path: logPath)
            LoggingSystem.bootstrap { label in FileLogHandler(label: label, file: file, level: level) }
        } catch {
            Self.complain("cannot open the log file \(logPath): \(error.localizedDescription). Use --log-file to choose another.")
            return 1
        }
        let host = options.resolvedHost
        let port = options.resolvedPort
        var logger = Logger(label: "market.\(role.rawValue)-client")
        logger[metadataKey: "server"] = "\(host):\(port)"
        let client = MarketClient(
            configuration: MarketClient.Configuration(host: host, port: port, reconnectsAutomatically: true),
            logger: logger
        )
        defer { client.close() }
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(configuration: .init(colorMode: options.noColor ? .monochrome : .automatic))
        } catch {
            Self.complain("\(error). The \(role.rawValue) client needs an interactive terminal.")
            return 1
        }
        logger.info("started", metadata: ["size": "\(terminal.size)", "colors": "\(terminal.colorMode)", "locale": "\(UTF8Locale.active ?? "none")"])
        let context = Context(client: client, server: "\(host):\(port)", logger: logger, currentMonth: Self.currentMonth(), username: options.resolvedUsername)
        let (program, state) = build(context)
        let runner = ProgramRunner(program: program, state: state, terminal: terminal)
        let final = await runner.run()
        // Ended by a signal (kill, a closed window): the status says which, as a shell's would.
        let status = terminal.terminationSignal.map { 128 + $0 } ?? program.exitStatus(final)
        logger.info("stopped", metadata: ["status": "\(status)"])
        return status
    }

    /// The current calendar month in UTC.
    public static func currentMonth(now: Date = Date()) -> YearMonth {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: now)
        return YearMonth(year: parts.year ?? 2000, month: parts.month ?? 1)
    }

    private static func complain(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
