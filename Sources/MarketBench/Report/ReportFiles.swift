import Foundation

/// Writes a report as JSON, CSV, Markdown and two SVG charts.
public enum ReportFiles {
    public static func write(_ report: BenchReport, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(report).write(to: URL(fileURLWithPath: "\(folder)/results.json"))
        try CSVReport.render(report).write(toFile: "\(folder)/results.csv", atomically: true, encoding: .utf8)
        try MarkdownReport.render(report).write(toFile: "\(folder)/results.md", atomically: true, encoding: .utf8)
        try self.throughputChart(report).write(toFile: "\(folder)/throughput.svg", atomically: true, encoding: .utf8)
        try self.latencyChart(report).write(toFile: "\(folder)/latency.svg", atomically: true, encoding: .utf8)
    }

    /// One report from several runs' `results.json`: their scenarios in order of client count,
    /// and the pgbench figures of the first that has any.
    public static func combine(_ paths: [String]) throws -> BenchReport {
        let reports = try paths.map { path in
            try JSONDecoder().decode(BenchReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return BenchReport(
            date: reports.map(\.date).max() ?? "",
            machine: reports.first?.machine ?? "",
            configuration: reports.map(\.configuration).joined(separator: "; "),
            scenarios: reports.flatMap(\.scenarios).sorted { $0.clients < $1.clients },
            pgbench: reports.first { !$0.pgbench.isEmpty }?.pgbench ?? []
        )
    }

    static func throughputChart(_ report: BenchReport) -> String {
        var series = [
            SVGChart.Series(name: "market (ops/s)", colour: "#2b7bb9", values: report.scenarios.map(\.averageThroughput))
        ]
        if !report.pgbench.isEmpty {
            series.append(
                SVGChart.Series(
                    name: "pgbench -S (tps)",
                    colour: "#bbbbbb",
                    values: report.scenarios.map { scenario in
                        // pgbench at the same client count, or its largest measured count.
                        (report.pgbench.first { $0.clients == scenario.clients } ?? report.pgbench.last!).transactionsPerSecond
                    }
                )
            )
        }
        return SVGChart.bars(
            title: "Throughput by scenario (N sellers + N buyers)",
            unit: "operations per second",
            categories: report.scenarios.map { "N = \($0.clients)" },
            series: series
        )
    }

    static func latencyChart(_ report: BenchReport) -> String {
        SVGChart.bars(
            title: "Response time percentiles by scenario (log scale)",
            unit: "milliseconds",
            categories: report.scenarios.map { "N = \($0.clients)" },
            series: [
                SVGChart.Series(name: "mean", colour: "#7fb3d5", values: report.scenarios.map { $0.averageResponseMicros / 1000 }),
                SVGChart.Series(name: "p50", colour: "#2b7bb9", values: report.scenarios.map { $0.overall.p50Micros / 1000 }),
                SVGChart.Series(name: "p95", colour: "#f39c12", values: report.scenarios.map { $0.overall.p95Micros / 1000 }),
                SVGChart.Series(name: "p99", colour: "#c0392b", values: report.scenarios.map { $0.overall.p99Micros / 1000 }),
            ],
            logarithmic: true
        )
    }
}
