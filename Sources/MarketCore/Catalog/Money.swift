/// An exact amount of money in minor units (cents). Never a floating-point number.
///
/// On the wire money is a decimal string with at most two fraction digits, e.g. `"12.50"`, so that
/// clients in any language read it exactly.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The largest single price accepted: 1,000,000.00. Totals may exceed it.
    public static let maximumPrice = Money(cents: 100_000_000)
    public static let zero = Money(cents: 0)

    public var cents: Int64

    public init(cents: Int64) {
        self.cents = cents
    }

    /// Whole units, for literals in code and tests: `let price: Money = 12`.
    public init(integerLiteral units: Int64) {
        self.cents = units * 100
    }

    /// Parses `"12"`, `"12.5"` or `"12.50"`. Rejects signs, exponents, separators, more than two
    /// fraction digits and amounts that do not fit.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        var index = 0
        var units: Int64 = 0
        var digits = 0
        while index < utf8.count, let digit = Self.digit(utf8[index]) {
            guard digits < 15 else { return nil }
            units = units * 10 + digit
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        var fraction: Int64 = 0
        if index < utf8.count {
            guard utf8[index] == UInt8(ascii: "."), utf8.count - index - 1 >= 1, utf8.count - index - 1 <= 2
            else { return nil }
            index += 1
            var scale: Int64 = 10
            while index < utf8.count {
                guard let digit = Self.digit(utf8[index]) else { return nil }
                fraction += digit * scale
                scale /= 10
                index += 1
            }
        }
        self.cents = units * 100 + fraction
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let money = Money(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: #"money must be a decimal string with at most two fraction digits, e.g. "12.50""#
            )
        }
        self = money
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.cents < rhs.cents }

    public static func + (lhs: Self, rhs: Self) -> Self { Money(cents: lhs.cents + rhs.cents) }

    public static func * (lhs: Self, count: Int) -> Self { Money(cents: lhs.cents * Int64(count)) }

    /// `"12.50"`: always two fraction digits.
    public var description: String {
        let sign = self.cents < 0 ? "-" : ""
        let magnitude = self.cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `"1,234.50"`: grouped for reading in a table.
    public var grouped: String {
        let plain = self.description
        let sign = self.cents < 0 ? "-" : ""
        return sign + Text.grouped(self.cents.magnitude / 100) + plain[plain.firstIndex(of: ".")!...]
    }
}
