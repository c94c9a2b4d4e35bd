/// One row per scenario and run, for spreadsheets and plotting tools.
public enum CSVReport {
    public static func render(_ report: BenchReport) -> String {
        var lines = ["scenario,connections,run,wall_seconds,operations,throughput_ops_per_s,mean_ms,p50_ms,p95_ms,p99_ms,max_ms,errors"]
        for scenario in report.scenarios {
            for (index, run) in scenario.runs.enumerated() {
                let latency = run.latency
                let fields: [String] = [
                    "\(scenario.clients)", "\(scenario.connections)", "\(index + 1)", "\(run.wallSeconds)", "\(run.operations)",
                    "\(run.throughput)", "\(latency.meanMicros / 1000)", "\(latency.p50Micros / 1000)", "\(latency.p95Micros / 1000)",
                    "\(latency.p99Micros / 1000)", "\(latency.maxMicros / 1000)", "\(run.errors)",
                ]
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
