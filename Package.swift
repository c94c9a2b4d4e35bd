// swift-tools-version:6.0
import PackageDescription

/// One set of compiler settings for every target: strict, explicit, and warning-free.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-market",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "seller-server", targets: ["seller-server"]),
        .executable(name: "buyer-server", targets: ["buyer-server"]),
        .executable(name: "market-bench", targets: ["market-bench"]),
        .library(name: "MarketClient", targets: ["MarketClient"]),
        .executable(name: "seller", targets: ["seller"]),
        .executable(name: "buyer", targets: ["buyer"]),
        .executable(name: "market-demo", targets: ["market-demo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.26.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.1.0"),
    ],
    targets: [
        // Domain types and validation rules, shared by servers and clients. No I/O.
        .target(name: "MarketCore", swiftSettings: swiftSettings),

        // Runs Swift tasks on a NIO event loop, so a connection's work stays on one thread.
        .target(
            name: "NIOTaskExecutor",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),

        // Runs tools (initdb, pg_ctl, psql, tmux, pgbench) as child processes that inherit nothing
        // but standard I/O, for the test harness and the benchmark.
        .target(name: "ChildProcess", dependencies: ["CSpawn"], swiftSettings: swiftSettings),
        // The one spawn file action glibc hides from Swift (closing every inherited descriptor).
        .target(name: "CSpawn"),

        // Wire protocol: length-prefixed JSON frames and the typed API. NIOCore only.
        .target(
            name: "MarketProtocol",
            dependencies: [
                "MarketCore",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // PostgreSQL access for both databases: the only importer of PostgresNIO.
        .target(
            name: "MarketStore",
            dependencies: [
                "MarketCore",
                "NIOTaskExecutor",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // Server runtime (listener, connections, routing) and the seller and buyer services.
        .target(
            name: "MarketServer",
            dependencies: [
                "MarketCore",
                "MarketProtocol",
                "MarketStore",
                "NIOTaskExecutor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Async client with pipelining and reconnect, used by the terminal apps and the benchmark.
        .target(
            name: "MarketClient",
            dependencies: [
                "MarketCore",
                "MarketProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Command-line options shared by the executables (flags with environment fallbacks).
        .target(
            name: "MarketCommandLine",
            dependencies: [
                "MarketServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "seller-server",
            dependencies: ["MarketCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "buyer-server",
            dependencies: ["MarketCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // The evaluation harness: N sellers and N buyers against running servers, with latency
        // histograms, throughput, pgbench as the ceiling, and Markdown/CSV/JSON/SVG reports.
        .target(
            name: "MarketBench",
            dependencies: [
                "MarketCore",
                "MarketClient",
                "NIOTaskExecutor",
                "ChildProcess",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "market-bench",
            dependencies: [
                "MarketBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // Test support shared by several test targets: a throwaway PostgreSQL cluster and
        // in-process servers on port 0.
        .target(
            name: "MarketTesting",
            dependencies: [
                "ChildProcess",
                "MarketCore",
                "MarketServer",
                "MarketStore",
                "MarketClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // ncursesw, through a shim for what Swift cannot import. Only TerminalUI imports it.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncursesw5-dev"])]),

        // Full-screen terminal toolkit: the Terminal protocol (ncurses and in-memory), a cell
        // canvas with semantic colours, widgets, key tables and the main-actor program loop.
        .target(name: "TerminalUI", dependencies: ["CNCurses", "CTerminalGuard"], swiftSettings: swiftSettings),
        // Signal handlers that give the terminal back when a client is killed or crashes.
        .target(name: "CTerminalGuard"),

        // What both terminal clients share: login and account creation, the header/footer frame,
        // connection state, error wording, file logging and command-line options.
        .target(
            name: "MarketUI",
            dependencies: [
                "TerminalUI", "MarketCore", "MarketClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // The seller dashboard and the buyer storefront: state, pure updates, one file per screen.
        .target(
            name: "SellerApp",
            dependencies: ["MarketUI", "TerminalUI", "MarketCore", "MarketClient", "MarketProtocol", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BuyerApp",
            dependencies: ["MarketUI", "TerminalUI", "MarketCore", "MarketClient", "MarketProtocol", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "seller",
            dependencies: ["SellerApp", "MarketUI", "TerminalUI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "buyer",
            dependencies: ["BuyerApp", "MarketUI", "TerminalUI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // The demo catalogue, loaded once through the public API.
        .target(
            name: "MarketDemo",
            dependencies: ["MarketCore", "MarketClient", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "market-demo",
            dependencies: [
                "MarketDemo", "MarketClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Test support for terminal screens: text snapshots and a program driver.
        .target(name: "TerminalUITesting", dependencies: ["TerminalUI"], swiftSettings: swiftSettings),

        .testTarget(name: "MarketCoreTests", dependencies: ["MarketCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MarketProtocolTests",
            dependencies: [
                "MarketProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MarketStoreTests",
            dependencies: ["MarketStore", "MarketTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MarketServerTests",
            dependencies: [
                "MarketServer", "MarketStore", "MarketClient", "MarketTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "MarketBenchTests", dependencies: ["MarketBench", "MarketCore"], swiftSettings: swiftSettings),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MarketClientTests",
            dependencies: ["MarketClient"],
            swiftSettings: swiftSettings
        ),
            .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TerminalUITesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SellerAppTests",
            dependencies: ["SellerApp", "MarketUI", "TerminalUI", "TerminalUITesting", "MarketTesting", "MarketClient", "MarketCore", "MarketProtocol"],
            exclude: ["__Snapshots__"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BuyerAppTests",
            dependencies: ["BuyerApp", "MarketUI", "TerminalUI", "TerminalUITesting", "MarketTesting", "MarketClient", "MarketCore"],
            exclude: ["__Snapshots__"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MarketDemoTests",
            dependencies: ["MarketDemo", "MarketTesting", "MarketClient", "MarketCore"],
            swiftSettings: swiftSettings
        ),
        // Drives the real `seller` and `buyer` binaries in tmux against real servers; depending on
        // the executables makes `swift test` build them first.
        .testTarget(
            name: "ClientEndToEndTests",
            dependencies: ["seller", "buyer", "ChildProcess", "MarketTesting", "MarketClient", "MarketCore"],
            swiftSettings: swiftSettings
        ),
    ]
)
