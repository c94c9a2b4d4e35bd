import Foundation

/// Small, dependency-free SVG charts of the results against the scenario.
public enum SVGChart {
    public struct Series: Sendable {
        public var name: String
        public var colour: String
        public var values: [Double]

        public init(name: String, colour: String, values: [Double]) {
            self.name = name
            self.colour = colour
            self.values = values
        }
    }

    /// Grouped bars: one group per category (scenario), one bar per series.
    public static func bars(title: String, unit: String, categories: [String], series: [Series], logarithmic: Bool = false) -> String {
        let width = 720.0, height = 400.0
        let left = 80.0, right = 20.0, top = 50.0, bottom = 70.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maximum = max(series.flatMap(\.values).max() ?? 1, 1e-9)
        let minimumPositive = series.flatMap(\.values).filter { $0 > 0 }.min() ?? 1
        let lowerLog = floor(log10(minimumPositive)), upperLog = ceil(log10(maximum))
        func scale(_ value: Double) -> Double {
            guard logarithmic else { return value / niceCeiling(maximum) * plotHeight }
            guard value > 0 else { return 0 }
            return (log10(value) - lowerLog) / max(upperLog - lowerLog, 1) * plotHeight
        }
        var svg = header(width: width, height: height, title: title)
        // Grid and axis labels.
        let ticks: [Double] =
            logarithmic
            ? stride(from: lowerLog, through: upperLog, by: 1).map { pow(10, $0) }
            : (0...5).map { Double($0) * niceCeiling(maximum) / 5 }
        for tick in ticks {
            let y = top + plotHeight - scale(tick)
            svg += ##"<line x1="\##(left)" y1="\##(y)" x2="\##(width - right)" y2="\##(y)" stroke="#ddd"/>"##
            svg += ##"<text x="\##(left - 8)" y="\##(y + 4)" text-anchor="end" font-size="11">\##(label(tick))</text>"##
        }
        svg += ##"<text x="16" y="\##(top + plotHeight / 2)" transform="rotate(-90 16 \##(top + plotHeight / 2))" text-anchor="middle" font-size="12">\##(escape(unit))</text>"##
        let groupWidth = plotWidth / Double(max(categories.count, 1))
        let barWidth = groupWidth * 0.7 / Double(max(series.count, 1))
        for (categoryIndex, category) in categories.enumerated() {
            let groupLeft = left + Double(categoryIndex) * groupWidth + groupWidth * 0.15
            for (seriesIndex, one) in series.enumerated() where categoryIndex < one.values.count {
                let value = one.values[categoryIndex]
                let barHeight = scale(value)
                let x = groupLeft + Double(seriesIndex) * barWidth
                svg += ##"<rect x="\##(x)" y="\##(top + plotHeight - barHeight)" width="\##(barWidth - 2)" height="\##(barHeight)" fill="\##(one.colour)"><title>\##(escape(one.name)) \##(escape(category)): \##(label(value))</title></rect>"##
                svg += ##"<text x="\##(x + barWidth / 2 - 1)" y="\##(top + plotHeight - barHeight - 4)" text-anchor="middle" font-size="10">\##(label(value))</text>"##
            }
            svg += ##"<text x="\##(left + (Double(categoryIndex) + 0.5) * groupWidth)" y="\##(top + plotHeight + 18)" text-anchor="middle" font-size="12">\##(escape(category))</text>"##
        }
        // Legend.
        for (index, one) in series.enumerated() {
            let x = left + Double(index) * 150
            svg += ##"<rect x="\##(x)" y="\##(height - 28)" width="12" height="12" fill="\##(one.colour)"/>"##
            svg += ##"<text x="\##(x + 18)" y="\##(height - 18)" font-size="12">\##(escape(one.name))</text>"##
        }
        return svg + "</svg>\n"
    }

    private static func header(width: Double, height: Double, title: String) -> String {
        ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" viewBox="0 0 \##(Int(width)) \##(Int(height))" font-family="Helvetica, Arial, sans-serif">"##
            + ##"<rect width="100%" height="100%" fill="white"/>"##
            + ##"<text x="\##(width / 2)" y="28" text-anchor="middle" font-size="16" font-weight="bold">\##(escape(title))</text>"##
    }

    static func niceCeiling(_ value: Double) -> Double {
        let exponent = floor(log10(value))
        let fraction = value / pow(10, exponent)
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * pow(10, exponent)
    }

    static func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value >= 1000 { return MarkdownReport.grouped(value) }
        if value >= 10 { return String(format: "%.0f", value) }
        if value >= 1 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
