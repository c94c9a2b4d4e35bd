public import Histogram

/// Latencies (client-side, invoke → response) per operation, in nanoseconds.
///
/// Each client records into its own recorder; recorders are merged after a run.
public struct LatencyRecorder: Sendable {
    public private(set) var histograms: [String: Histogram<UInt64>] = [:]
    public private(set) var errors: [String: Int] = [:]
    /// One sample message per failing operation, to say what went wrong.
    public private(set) var errorSamples: [String: String] = [:]

    public init() {}

    static func makeHistogram() -> Histogram<UInt64> {
        // 1 µs resolution up to 100 s, three significant digits.
        Histogram<UInt64>(lowestDiscernibleValue: 1_000, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .three)
    }

    mutating func record(_ operation: String, nanoseconds: UInt64) {
        let value = min(max(nanoseconds, 1_000), 100_000_000_000)
        _ = self.histograms[operation, default: Self.makeHistogram()].record(value)
    }

    mutating func recordError(_ operation: String, message: String) {
        self.errors[operation, default: 0] += 1
        self.errorSamples[operation] = self.errorSamples[operation] ?? message
    }

    mutating func merge(_ other: LatencyRecorder) {
        for (operation, histogram) in other.histograms {
            self.histograms[operation, default: Self.makeHistogram()].add(histogram)
        }
        for (operation, count) in other.errors { self.errors[operation, default: 0] += count }
        for (operation, message) in other.errorSamples where self.errorSamples[operation] == nil {
            self.errorSamples[operation] = message
        }
    }

    /// Every operation's samples together.
    var combined: Histogram<UInt64> {
        var all = Self.makeHistogram()
        for histogram in self.histograms.values { all.add(histogram) }
        return all
    }

    var errorCount: Int { self.errors.values.reduce(0, +) }
}

extension ContinuousClock.Instant.Duration {
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = self.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds / 1_000_000_000))
    }
}
