import MarketCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("0.01", 1), ("0", 0), ("1000000.00", 100_000_000),
    ])
    func parsesDecimalStrings(text: String, cents: Int64) {
        #expect(Money(text)?.cents == cents)
    }

    @Test(arguments: ["", "-1", "+1", "1.", ".5", "1.234", "1e3", "1,000", " 1", "1 ", "12a", "١٢", "999999999999999999"])
    func rejectsAnythingElse(text: String) {
        #expect(Money(text) == nil)
    }

    @Test func formatsWithTwoFractionDigits() {
        #expect(Money(cents: 5).description == "0.05")
        #expect(Money(cents: 1250).description == "12.50")
        #expect(Money(cents: 123_456_789).grouped == "1,234,567.89")
        #expect(Money(cents: -150).description == "-1.50")
        #expect(Money(cents: -123_456_789).grouped == "-1,234,567.89")
        #expect(Money(cents: 5).grouped == "0.05")
    }

    @Test func arithmeticIsExact() {
        // 0.1 + 0.2 is exactly 0.30 here, unlike with binary floating point.
        #expect((Money("0.10")! + Money("0.20")!).description == "0.30")
        #expect((Money("19.99")! * 3).description == "59.97")
    }
}
