/// Where one database lives and how the pool talks to it.
public struct DatabaseConfiguration: Sendable, Hashable {
    /// Host name or IP address of the PostgreSQL server.
    public var host: String
    /// TCP port of the PostgreSQL server.
    public var port: Int
    /// Role to log in as.
    public var username: String
    /// Password for ``username``; `nil` for trust or peer authentication.
    public var password: String?
    /// Name of the database.
    public var database: String
    /// Most connections the pool opens. Every pool of every process counts against the
    /// server's `max_connections` (100 by default).
    public var maximumConnections: Int
    /// Connections kept open even when idle. Idle connections above this number are closed after
    /// a minute, which costs timer work on every query; the default keeps them all.
    public var minimumConnections: Int
    /// How long one database call may take, including waiting for a pooled connection, before the
    /// request fails with `unavailable`.
    public var requestTimeout: Duration
    /// Whether to require TLS, try it, or never use it.
    public var tls: TLSMode

    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
    }

    public init(
        host: String = "127.0.0.1",
        port: Int = 5432,
        username: String = "market",
        password: String? = nil,
        database: String,
        maximumConnections: Int = 20,
        minimumConnections: Int? = nil,
        requestTimeout: Duration = .seconds(5),
        tls: TLSMode = .disable
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.maximumConnections = maximumConnections
        self.minimumConnections = minimumConnections ?? maximumConnections
        self.requestTimeout = requestTimeout
        self.tls = tls
    }

    /// `user@host:port/database`, for logs (never the password).
    public var displayName: String { "\(self.username)@\(self.host):\(self.port)/\(self.database)" }
}
