public import ArgumentParser
import MarketStore

/// Where the customers and products databases are. Each may be on its own host.
public struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("customers-host"), help: "Customers database host (env MARKET_CUSTOMERS_HOST).")
    var customersHost: String = Environment.string("MARKET_CUSTOMERS_HOST") ?? "127.0.0.1"

    @Option(name: .customLong("customers-port"), help: "Customers database port (env MARKET_CUSTOMERS_PORT).")
    var customersPort: Int = Environment.int("MARKET_CUSTOMERS_PORT") ?? 5432

    @Option(name: .customLong("customers-user"), help: "Customers database role (env MARKET_CUSTOMERS_USER).")
    var customersUser: String = Environment.string("MARKET_CUSTOMERS_USER") ?? "market"

    @Option(
        name: .customLong("customers-password"),
        help: "Customers database password (env MARKET_CUSTOMERS_PASSWORD; prefer the environment, which other users cannot read in the process list)."
    )
    var customersPassword: String?

    @Option(name: .customLong("customers-db"), help: "Customers database name (env MARKET_CUSTOMERS_DB).")
    var customersDatabase: String = Environment.string("MARKET_CUSTOMERS_DB") ?? "customers"

    @Option(name: .customLong("customers-pool"), help: "Most connections to the customers database (env MARKET_CUSTOMERS_POOL).")
    var customersPool: Int = Environment.int("MARKET_CUSTOMERS_POOL") ?? 20

    @Option(name: .customLong("products-host"), help: "Products database host (env MARKET_PRODUCTS_HOST).")
    var productsHost: String = Environment.string("MARKET_PRODUCTS_HOST") ?? "127.0.0.1"

    @Option(name: .customLong("products-port"), help: "Products database port (env MARKET_PRODUCTS_PORT).")
    var productsPort: Int = Environment.int("MARKET_PRODUCTS_PORT") ?? 5432

    @Option(name: .customLong("products-user"), help: "Products database role (env MARKET_PRODUCTS_USER).")
    var productsUser: String = Environment.string("MARKET_PRODUCTS_USER") ?? "market"

    @Option(name: .customLong("products-password"), help: "Products database password (env MARKET_PRODUCTS_PASSWORD).")
    var productsPassword: String?

    @Option(name: .customLong("products-db"), help: "Products database name (env MARKET_PRODUCTS_DB).")
    var productsDatabase: String = Environment.string("MARKET_PRODUCTS_DB") ?? "products"

    @Option(name: .customLong("products-pool"), help: "Most connections to the products database (env MARKET_PRODUCTS_POOL).")
    var productsPool: Int = Environment.int("MARKET_PRODUCTS_POOL") ?? 20

    @Option(name: .customLong("db-timeout"), help: "Seconds a database call may take before the request fails with `unavailable` (env MARKET_DB_TIMEOUT).")
    var databaseTimeout: Int = Environment.int("MARKET_DB_TIMEOUT") ?? 5

    public init() {}

    public mutating func validate() throws {
        for (name, value) in [("customers-pool", self.customersPool), ("products-pool", self.productsPool)] where !(1...500).contains(value) {
            throw ValidationError("--\(name) must be from 1 to 500.")
        }
        for (name, value) in [("customers-port", self.customersPort), ("products-port", self.productsPort)] where !(1...65535).contains(value) {
            throw ValidationError("--\(name) must be from 1 to 65535.")
        }
        guard (1...600).contains(self.databaseTimeout) else { throw ValidationError("--db-timeout must be from 1 to 600 seconds.") }
    }

    var customers: DatabaseConfiguration {
        DatabaseConfiguration(
            host: self.customersHost,
            port: self.customersPort,
            username: self.customersUser,
            password: self.customersPassword ?? Environment.string("MARKET_CUSTOMERS_PASSWORD"),
            database: self.customersDatabase,
            maximumConnections: self.customersPool,
            requestTimeout: .seconds(self.databaseTimeout)
        )
    }

    var products: DatabaseConfiguration {
        DatabaseConfiguration(
            host: self.productsHost,
            port: self.productsPort,
            username: self.productsUser,
            password: self.productsPassword ?? Environment.string("MARKET_PRODUCTS_PASSWORD"),
            database: self.productsDatabase,
            maximumConnections: self.productsPool,
            requestTimeout: .seconds(self.databaseTimeout)
        )
    }
}
