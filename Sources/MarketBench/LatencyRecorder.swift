public import Histogram

/// Latencies (client-side, invoke → response) per operation, in nanoseconds.
///
/// Each client records into its own recorder, which keeps its samples as a plain list (eight
/// bytes each) until recorders are merged after a run; a merged recorder holds histograms. A
/// histogram of this range and precision takes about 150 KB, so one per operation per client
/// took `market-bench` to 2.5 GB of memory in scenario 1000; a client's 1,000 samples take 8 KB.
public struct LatencyRecorder: Sendable {
    /// Samples recorded here and not yet in a histogram.
    private var samples: [String: [UInt64]] = [:]
    /// Samples merged in from other recorders.
    private var merged: [String: Histogram<UInt64>] = [:]
    public private(set) var errors: [String: Int] = [:]
    /// One sample message per failing operation, to say what went wrong.
    public private(set) var errorSamples: [String: String] = [:]

    public init() {}

    static func makeHistogram() -> Histogram<UInt64> {
        // 1 µs resolution up to 100 s, three significant digits.
        Histogram<UInt64>(lowestDiscernibleValue: 1_000, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .three)
    }

    /// Every operation's samples, recorded here or merged in.
    public var histograms: [String: Histogram<UInt64>] {
        var all = self.merged
        Self.add(self.samples, to: &all)
        return all
    }

    mutating func record(_ operation: String, nanoseconds: UInt64) {
        self.samples[operation, default: []].append(min(max(nanoseconds, 1_000), 100_000_000_000))
    }

    mutating func recordError(_ operation: String, message: String) {
        self.errors[operation, default: 0] += 1
        self.errorSamples[operation] = self.errorSamples[operation] ?? message
    }

    mutating func merge(_ other: LatencyRecorder) {
        for (operation, histogram) in other.merged {
            self.merged[operation, default: Self.makeHistogram()].add(histogram)
        }
        Self.add(other.samples, to: &self.merged)
        for (operation, count) in other.errors { self.errors[operation, default: 0] += count }
        for (operation, message) in other.errorSamples where self.errorSamples[operation] == nil {
            self.errorSamples[operation] = message
        }
    }

    private static func add(_ samples: [String: [UInt64]], to histograms: inout [String: Histogram<UInt64>]) {
        for (operation, values) in samples {
            var histogram = histograms.removeValue(forKey: operation) ?? Self.makeHistogram()
            for value in values { _ = histogram.record(value) }
            histograms[operation] = histogram
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
