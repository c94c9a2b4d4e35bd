import Foundation
public import Logging
import Synchronization

/// A swift-log handler that appends lines to a file. Terminal clients log here and never to the
/// screen, which belongs to ncurses.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let file: LogFile

    public init(label: String, file: LogFile, level: Logger.Level) {
        self.label = label
        self.file = file
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = self.metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let time = Date().formatted(.iso8601)
        self.file.append("\(time) \(event.level) \(self.label): \(event.message)\(fields)\n")
    }
}

/// One log file shared by every logger of the process.
public final class LogFile: Sendable {
    /// The file's path.
    public let path: String
    private let handle: Mutex<FileHandle?>

    /// Opens (creating folders and the file as needed) `path` for appending.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: url)
        _ = try handle.seekToEnd()
        self.path = path
        self.handle = Mutex(handle)
    }

    func append(_ line: String) {
        self.handle.withLock { handle in
            try? handle?.write(contentsOf: Data(line.utf8))
        }
    }
}
