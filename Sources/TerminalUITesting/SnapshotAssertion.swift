import Foundation
public import TerminalUI
public import Testing

/// Compares a rendered canvas with a text snapshot committed under the test target's
/// `__Snapshots__` folder.
///
/// Set `MARKET_RECORD_SNAPSHOTS=1` to write the snapshots afresh instead of comparing (then review
/// the diff before committing). A missing snapshot is written and the test fails, so a new screen
/// is never silently accepted.
public enum SnapshotAssertion {
    /// The environment variable that switches to recording.
    public static let recordVariable = "MARKET_RECORD_SNAPSHOTS"

    public static func assertSnapshot(
        _ canvas: Canvas,
        named name: String,
        filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let file = directory.appendingPathComponent("\(name).txt")
        let actual = canvas.snapshot
        let recording = ProcessInfo.processInfo.environment[recordVariable] == "1"
        let existing = try? String(contentsOf: file, encoding: .utf8)
        if recording || existing == nil {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            if existing == nil && !recording {
                Issue.record("no snapshot \(name) yet; recorded it at \(file.path) — check it and run again", sourceLocation: sourceLocation)
            }
            return
        }
        guard let existing, existing != actual else { return }
        Issue.record(
            """
            snapshot \(name) differs (re-record with \(recordVariable)=1 after checking):
            \(Self.difference(expected: existing, actual: actual))
            """,
            sourceLocation: sourceLocation
        )
    }

    /// The first differing lines, for a readable failure.
    static func difference(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? String(old[index]) : "<none>"
            let after = index < new.count ? String(new[index]) : "<none>"
            if before != after {
                report.append("line \(index + 1):\n  expected \(before)\n  actual   \(after)")
                if report.count == 6 { break }
            }
        }
        return report.joined(separator: "\n")
    }
}
