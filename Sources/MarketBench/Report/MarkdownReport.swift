import Foundation
import MarketCore

/// Renders a report as Markdown tables.
public enum MarkdownReport {
    public static func render(_ report: BenchReport) -> String {
        var lines: [String] = []
        lines.append("| Scenario | Connections | Calls | Avg response (ms) | p50 | p95 | p99 | max (ms) | Throughput (ops/s) | Runs: min–max ops/s | Errors |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for scenario in report.scenarios {
            let throughputs = scenario.runs.map(\.throughput)
            lines.append(
                "| \(scenario.clients) | \(grouped(scenario.connections)) | \(grouped(scenario.runs.map(\.operations).reduce(0, +))) | \(ms(scenario.averageResponseMicros)) | \(ms(scenario.overall.p50Micros)) | \(ms(scenario.overall.p95Micros)) | \(ms(scenario.overall.p99Micros)) | \(ms(scenario.overall.maxMicros)) | \(grouped(scenario.averageThroughput)) | \(grouped(throughputs.min() ?? 0))–\(grouped(throughputs.max() ?? 0)) | \(scenario.errors) |"
            )
        }
        if !report.pgbench.isEmpty {
            lines.append("")
            lines.append("| pgbench -S -M prepared clients | tps | avg latency (ms) |")
            lines.append("|---:|---:|---:|")
            for result in report.pgbench {
                lines.append("| \(result.clients) | \(grouped(result.transactionsPerSecond)) | \(String(format: "%.3f", result.averageLatencyMillis)) |")
            }
        }
        for scenario in report.scenarios {
            lines.append("")
            lines.append("Scenario \(scenario.clients), per operation (all runs):")
            lines.append("")
            lines.append("| Operation | Calls | Mean (ms) | p50 | p95 | p99 | max | Errors |")
            lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
            for operation in scenario.operations + scenario.setup {
                let latency = operation.latency
                lines.append(
                    "| \(operation.operation) | \(grouped(latency.count)) | \(ms(latency.meanMicros)) | \(ms(latency.p50Micros)) | \(ms(latency.p95Micros)) | \(ms(latency.p99Micros)) | \(ms(latency.maxMicros)) | \(operation.errors) |"
                )
            }
            for (operation, sample) in scenario.errorSamples.sorted(by: { $0.key < $1.key }) {
                lines.append("")
                lines.append("First error of \(operation): \(sample)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Milliseconds from microseconds: three decimals below 10 ms, one from there, thousands
    /// grouped (`1,166.0`).
    static func ms(_ micros: Double) -> String {
        guard micros >= 10_000 else { return String(format: "%.3f", micros / 1_000) }
        let tenths = Int((micros / 100).rounded())
        return "\(Text.grouped(tenths / 10)).\(tenths % 10)"
    }

    static func grouped(_ value: some BinaryInteger) -> String {
        Text.grouped(value)
    }

    static func grouped(_ value: Double) -> String {
        Text.grouped(Int(value.rounded()))
    }
}
