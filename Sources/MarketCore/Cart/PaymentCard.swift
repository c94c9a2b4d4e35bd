/// Payment card details for checkout. Checked for form only; only ``last4`` is ever stored.
public struct PaymentCard: Sendable, Hashable, Codable {
    public var holder: String
    /// Digits, optionally grouped with spaces or dashes.
    public var number: String
    /// `MM/YY`.
    public var expiry: String

    public init(holder: String, number: String, expiry: String) {
        self.holder = holder
        self.number = number
        self.expiry = expiry
    }

    /// The card number without spaces or dashes.
    public var digits: String { String(Text.halfWidth(self.number).filter { $0 != " " && $0 != "-" }) }

    public var last4: String { String(self.digits.suffix(4)) }
}

/// A calendar month, for card expiry checks without a clock in the domain layer.
public struct YearMonth: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    /// As printed on a card: `MM/YY` (`MM/YYYY` past this century).
    public var cardText: String {
        let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
        guard (2000..<2100).contains(self.year) else { return "\(month)/\(self.year)" }
        let year = self.year % 100
        return "\(month)/\(year < 10 ? "0" : "")\(year)"
    }
}
