import PostgresNIO
import Synchronization

/// A statement that each pooled connection prepares once, by name, and afterwards only binds and
/// executes: the database parses and plans it once per connection instead of once per request.
///
/// Every parameter in `sql` carries an explicit cast (`$1::int8`) that matches the Swift value
/// bound to it, because a named statement's parameter types are fixed when it is prepared.
protocol Statement: PostgresPreparedStatement where Row == PostgresRow {
    var bindings: PostgresBindings { get }
}

extension Statement {
    /// `market.` and the type's name. PostgresNIO asks for it on every execution, and spelling a
    /// type's name is a run-time metadata look-up and an allocation: each is spelled once.
    static var name: String { StatementNames.name(of: Self.self) }

    func makeBindings() -> PostgresBindings { self.bindings }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

extension PostgresBindings {
    /// Bindings for `values`, in order.
    init(_ values: any PostgresDynamicTypeEncodable...) {
        self.init(capacity: values.count)
        for value in values { self.append(value) }
    }
}

extension PostgresConnection {
    /// Executes a prepared statement and collects its rows.
    func rows(_ statement: some Statement) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await self.execute(statement, logger: Self.quiet) { rows.append(row) }
        return rows
    }

    /// Executes a prepared statement and returns its first row, if any (the rest are drained).
    func firstRow(_ statement: some Statement) async throws -> PostgresRow? {
        var first: PostgresRow?
        for try await row in try await self.execute(statement, logger: Self.quiet) where first == nil { first = row }
        return first
    }
}

/// The names of the statement types, spelled once per type.
private enum StatementNames {
    private static let names = Mutex<[ObjectIdentifier: String]>([:])

    static func name(of type: any Statement.Type) -> String {
        let key = ObjectIdentifier(type)
        if let name = self.names.withLock({ $0[key] }) { return name }
        let name = "market." + String(describing: type)
        self.names.withLock { $0[key] = name }
        return name
    }
}
