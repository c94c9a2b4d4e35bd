import Foundation

/// Where `swift build` put the client executables: beside the test bundle, which is in the same
/// build folder. MARKET_CLIENT_BIN overrides it.
enum ClientBinaries {
    static func path(of name: String) throws -> String {
        var folders: [String] = []
        if let configured = ProcessInfo.processInfo.environment["MARKET_CLIENT_BIN"] { folders.append(configured) }
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var url = URL(fileURLWithPath: executable).deletingLastPathComponent()
            // On Linux the bundle is a file in the build folder; elsewhere it may be inside a
            // .xctest folder: walk up until the executable is found.
            for _ in 0..<4 {
                folders.append(url.path)
                url.deleteLastPathComponent()
            }
        }
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
            return folder + "/" + name
        }
        throw TmuxError("the \(name) executable was not found in \(folders); run `swift build` first or set MARKET_CLIENT_BIN")
    }

    /// A log file for one run, in a folder of its own. A test that gets through its run removes
    /// it with ``removeLog(_:)``; one that throws leaves it for a look.
    static func logFile(_ name: String) -> String {
        NSTemporaryDirectory() + "market-e2e-\(UUID().uuidString.prefix(8))/\(name).log"
    }

    /// Removes the folder of a log made by ``logFile(_:)``.
    static func removeLog(_ path: String) {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }
}
