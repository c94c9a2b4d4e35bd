public import Foundation
public import MarketCore
public import TerminalUI

/// How market values read on screen: money grouped with two decimals, counts grouped, ratings as
/// thumbs, dates in the user's time zone.
public enum Format {
    public static func money(_ money: Money) -> String { money.grouped }

    public static func count(_ number: Int) -> String { Text.grouped(number) }

    /// "80%" positive, or "no votes yet". Whole percent, rounded half up, integers only.
    public static func share(_ rating: Rating) -> String {
        let total = rating.thumbsUp + rating.thumbsDown
        guard total > 0 else { return "no votes yet" }
        return "\((rating.thumbsUp * 200 + total) / (2 * total))% positive"
    }

    /// "👍 12  👎 3".
    public static func thumbs(_ rating: Rating) -> String {
        "👍 \(self.count(rating.thumbsUp))  👎 \(self.count(rating.thumbsDown))"
    }

    /// Spans for a rating line: thumbs in their colours, then the share.
    public static func ratingSpans(_ rating: Rating) -> [Span] {
        [
            Span("👍 \(self.count(rating.thumbsUp))", .positive), Span("  "),
            Span("👎 \(self.count(rating.thumbsDown))", .negative), Span("  "),
            Span(self.share(rating), .muted),
        ]
    }

    public static func condition(_ condition: Condition) -> String { condition.description }

    /// "2026-11-25 10:32", in the local time zone.
    public static func date(_ date: Date, timeZone: TimeZone = .current) -> String {
        let parts = self.parts(of: date, timeZone: timeZone)
        return "\(parts.year ?? 0)-\(self.two(parts.month))-\(self.two(parts.day)) \(self.two(parts.hour)):\(self.two(parts.minute))"
    }

    /// "10:32": the time of day now, in the local time zone.
    public static func timeOfDay(_ date: Date = Date(), timeZone: TimeZone = .current) -> String {
        let parts = self.parts(of: date, timeZone: timeZone)
        return "\(self.two(parts.hour)):\(self.two(parts.minute))"
    }

    private static func parts(of date: Date, timeZone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }

    private static func two(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }

    /// "1 unit", "3 units".
    public static func units(_ count: Int) -> String { "\(self.count(count)) unit\(count == 1 ? "" : "s")" }

    /// A name from another user, quoted and safe for the terminal: whole, as names are at most
    /// 32 characters (64 columns if all are wide); anything longer is cut there.
    public static func quoted(_ name: String) -> String {
        "“" + DisplayWidth.truncate(TerminalText.sanitized(name), to: 64) + "”"
    }
}
