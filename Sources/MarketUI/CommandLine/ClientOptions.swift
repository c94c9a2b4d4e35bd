public import ArgumentParser
import Foundation
public import MarketCore

/// Which client a command line belongs to, so its `--help` names that client's own port and log.
public protocol ClientRole {
    static var role: Role { get }
}

extension Role {
    /// The environment variable naming this role's server port (as `./market` sets it).
    var portVariable: String { "MARKET_\(self.rawValue.uppercased())_PORT" }
}

/// The options both clients take, with environment fallbacks like the servers': where the server
/// is, where to log, and whether to use colours.
public struct ClientOptions<Client: ClientRole>: ParsableArguments, Sendable {
    @Option(name: .long, help: "Server host (env MARKET_HOST; default 127.0.0.1).")
    public var host: String?

    @Option(name: .long, help: "Server port (env \(Client.role.portVariable); default \(Client.role.defaultPort)).")
    public var port: Int?

    @Option(name: .customLong("log-file"), help: "Where to write the log (env MARKET_CLIENT_LOG; default $MARKET_HOME/logs/\(Client.role.rawValue)-client.log, else $TMPDIR). The screen never shows log lines.")
    public var logFile: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env MARKET_LOG_LEVEL).")
    public var logLevel: String?

    @Option(name: .long, help: "Fill in this username on the login screen, so only the password is left to type (env MARKET_USERNAME).")
    public var username: String?

    @Flag(name: .customLong("no-color"), help: "Use no colours, only bold and reverse video (also when NO_COLOR is set).")
    public var noColor = false

    public init() {}

    public mutating func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be from 1 to 65535.") }
        if let level = self.logLevel, LogLevelName.parse(level) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
    }

    /// The host to connect to. A listen address of 0.0.0.0 in MARKET_HOST means this machine.
    public var resolvedHost: String {
        let host = self.host ?? Self.environment("MARKET_HOST") ?? "127.0.0.1"
        return host == "0.0.0.0" ? "127.0.0.1" : host
    }

    public var resolvedPort: Int {
        self.port ?? Self.environment(Client.role.portVariable).flatMap(Int.init) ?? Client.role.defaultPort
    }

    public var resolvedLogFile: String {
        if let logFile { return logFile }
        if let configured = Self.environment("MARKET_CLIENT_LOG") { return configured }
        let name = "\(Client.role.rawValue)-client.log"
        if let home = Self.environment("MARKET_HOME") { return home + "/logs/" + name }
        let temporary = Self.environment("TMPDIR") ?? "/tmp"
        return temporary + "/swift-market-" + name
    }

    /// The username to fill in on the login screen, if any.
    public var resolvedUsername: String { self.username ?? Self.environment("MARKET_USERNAME") ?? "" }

    public var resolvedLogLevel: String { self.logLevel ?? Self.environment("MARKET_LOG_LEVEL") ?? "info" }

    static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}

/// Log level names as the servers spell them.
enum LogLevelName {
    static func parse(_ text: String) -> String? {
        ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(text) ? text : nil
    }
}
