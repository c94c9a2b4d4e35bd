/// Every input rule of the marketplace. Servers enforce them; clients use the same code to
/// validate forms as the user types. The database schema backs them up with CHECK constraints.
public enum FieldRules {
    public static let maximumNameLength = 32
    public static let maximumKeywords = 5
    /// The most keywords a request may send, repeats included (which count once).
    public static let maximumKeywordsSent = 32
    public static let maximumKeywordLength = 8
    /// As the schema bounds a keyword (`market_valid_keywords`): see ``TextRule/maximumCodePoints``.
    public static let maximumKeywordCodePoints = 32
    public static let minimumPasswordLength = 8
    public static let maximumPasswordLength = 128
    /// Largest quantity in one request, and the most units one item can have on sale.
    public static let maximumQuantity = 1_000_000

    public static let itemName = TextRule(field: "name", label: "Item name", maximumLength: maximumNameLength)
    public static let accountName = TextRule(field: "name", label: "Name", maximumLength: maximumNameLength)
    public static let cardHolder = TextRule(field: "card.holder", label: "Card holder", maximumLength: 64)
    /// What a seller looks for in their own items (``ItemFind``).
    public static let find = TextRule(field: "find", label: "Find", maximumLength: 64)

    /// Usernames: 3–32 of `a–z 0–9 . _ -`, case-insensitive (returned lower-cased).
    public static func validateUsername(_ value: String) throws(FieldError) -> String {
        let username = Text.trimmingWhitespace(value).lowercased()
        guard !username.isEmpty else {
            throw FieldError(field: "username", message: "Enter a username.")
        }
        guard (3...maximumNameLength).contains(username.count) else {
            throw FieldError(
                field: "username",
                message: "Username must be 3 to \(maximumNameLength) characters (got \(username.count))."
            )
        }
        let allowed = username.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "0"..."9", ".", "_", "-": true
            default: false
            }
        }
        guard allowed else {
            throw FieldError(
                field: "username",
                message: "Username may use only a–z, 0–9 and . _ -"
            )
        }
        return username
    }

    /// Passwords: 8–128 characters, anything printable. Never trimmed: spaces count.
    public static func validatePassword(_ value: String) throws(FieldError) {
        let length = value.count
        guard length >= minimumPasswordLength else {
            throw FieldError(
                field: "password",
                message: "Password must be at least \(minimumPasswordLength) characters."
            )
        }
        guard length <= maximumPasswordLength else {
            throw FieldError(field: "password", message: "Password must be at most \(maximumPasswordLength) characters.")
        }
        if value.unicodeScalars.contains(where: Text.isForbidden) {
            throw FieldError(field: "password", message: "Password must not contain control characters.")
        }
    }

    /// A keyword as stored and compared: trimmed, composed, lower-cased.
    static func keywordForm(_ value: String) -> String { Text.normalized(value).lowercased() }

    /// Normalises one keyword: trimmed, lower-cased, 1–8 characters, letters and digits only.
    public static func validateKeyword(_ value: String, field: String = "keywords") throws(FieldError) -> String {
        let keyword = Self.keywordForm(value)
        guard !keyword.isEmpty else {
            throw FieldError(field: field, message: "Keywords must not be empty.")
        }
        guard keyword.count <= maximumKeywordLength else {
            throw FieldError(
                field: field,
                message: "Keyword “\(keyword)” is \(keyword.count) characters; the limit is \(maximumKeywordLength)."
            )
        }
        guard keyword.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw FieldError(field: field, message: "Keyword “\(keyword)” may contain only letters and digits.")
        }
        if let problem = Text.tooManyCodePoints(keyword, label: "Keyword “\(keyword)”", maximum: maximumKeywordCodePoints) {
            throw FieldError(field: field, message: problem)
        }
        return keyword
    }

    /// Up to five different keywords, each valid; duplicates (after lower-casing) are dropped, so
    /// "mug Mug mug" is one keyword, as a search takes it.
    public static func validateKeywords(_ values: [String], field: String = "keywords") throws(FieldError) -> [String] {
        guard values.count <= maximumKeywordsSent else {
            throw FieldError(field: field, message: "At most \(maximumKeywordsSent) keywords may be sent, repeats included (got \(values.count)).")
        }
        var result: [String] = []
        for value in values {
            let keyword = try validateKeyword(value, field: field)
            if !result.contains(keyword) { result.append(keyword) }
            guard result.count <= maximumKeywords else {
                throw FieldError(field: field, message: "At most \(maximumKeywords) keywords are allowed (got \(Set(values.map(Self.keywordForm)).count)).")
            }
        }
        return result
    }

    /// Search terms: up to five, each 1–32 letters or digits, lower-cased. Longer than item
    /// keywords so that long words of item names can be found too.
    public static func validateSearchKeywords(_ values: [String]) throws(FieldError) -> [String] {
        // (Past the most that may be sent, not worth composing to count them.)
        let keywords = values.count > maximumKeywordsSent ? [] : values.map(Self.keywordForm)
        let different = values.count > maximumKeywordsSent ? values.count : Set(keywords).count
        guard different <= maximumKeywords else {
            throw FieldError(field: "keywords", message: "At most \(maximumKeywords) search keywords are allowed (got \(different)).")
        }
        var result: [String] = []
        for keyword in keywords {
            guard !keyword.isEmpty, keyword.count <= maximumNameLength, keyword.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                throw FieldError(
                    field: "keywords",
                    message: "Search keyword “\(Text.shortened(keyword, to: 40))” must be 1 to \(maximumNameLength) letters or digits."
                )
            }
            if !result.contains(keyword) { result.append(keyword) }
        }
        return result
    }

    /// Splits what a person types ("red, bike  kids") into keywords.
    public static func splitKeywords(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    /// Splits what a person types into a search bar the way item names are split into the words
    /// search matches (``Text/searchWords(of:)``), so "pour-over" finds "Pour-over Coffee Kit".
    public static func splitSearchKeywords(_ text: String) -> [String] {
        Text.searchWords(of: Text.halfWidth(text))
    }

    /// A price as a person types it ("12", "12.5", "12.50", or "1,250.00" as the clients show
    /// it), checked with ``validatePrice(_:field:)``; each way of getting it wrong has its own
    /// sentence.
    public static func parsePrice(_ text: String, field: String = "price") throws(FieldError) -> Money {
        var text = self.ungroupingThousands(Text.trimmingWhitespace(Text.halfWidth(text)))
        guard !text.isEmpty else {
            throw FieldError(field: field, message: "Enter a price, e.g. 12.50.")
        }
        // Cents without the zero before them: .5 is 0.50; a point without them: 5. is 5.
        if text.hasSuffix("."), text.count > 1, text.filter({ $0 == "." }).count == 1 { text.removeLast() }
        if text.hasPrefix(".") { text = "0" + text }
        // Zeros in front change nothing either: 0005 is 5 (and sixteen of them are zero, not an
        // amount too large).
        while text.hasPrefix("0"), text.dropFirst().first?.isASCIIDigit == true { text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // Zeros past the cents change nothing: 6.950 is 6.95.
        var exact = text
        if parts.count == 2, parts[1].count > 2, parts[1].dropFirst(2).allSatisfy({ $0 == "0" }) {
            exact = String(parts[0]) + "." + String(parts[1].prefix(2))
        }
        guard let price = Money(exact) else {
            if parts.count == 2, parts[1].count > 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
                throw FieldError(field: field, message: "Price can have at most 2 decimal places.")
            }
            // More digits than money holds: an amount, only far too large.
            if parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
                throw FieldError(field: field, message: "Price must be at most \(Money.maximumPrice.grouped).")
            }
            if text.hasPrefix("-"), Money(String(text.dropFirst())) != nil {
                throw FieldError(field: field, message: "Price must be greater than zero.")
            }
            throw FieldError(field: field, message: "Price must be an amount like 12 or 12.50.")
        }
        try validatePrice(price, field: field)
        return price
    }

    /// A count as people type it: "12", or "1,000" with commas grouping thousands, as the
    /// clients write counts (in full-width digits too); `nil` for anything else.
    public static func parseCount(_ text: String) -> Int? {
        Int(self.ungroupingThousands(Text.trimmingWhitespace(Text.halfWidth(text))))
    }

    /// `text` without the commas that group the thousands of its whole part ("1,249.50" is
    /// "1249.50"), when they group them and nothing else; else `text` as it is.
    static func ungroupingThousands(_ text: String) -> String {
        let whole = text.prefix { $0 != "." }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
            groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return text }
        return groups.joined() + text.dropFirst(whole.count)
    }

    public static func validatePrice(_ price: Money, field: String = "price") throws(FieldError) {
        guard price.cents > 0 else {
            throw FieldError(field: field, message: "Price must be greater than zero.")
        }
        guard price <= Money.maximumPrice else {
            throw FieldError(field: field, message: "Price must be at most \(Money.maximumPrice.grouped).")
        }
    }

    public static func validateQuantity(_ quantity: Int, field: String = "quantity", allowZero: Bool) throws(FieldError) {
        let minimum = allowZero ? 0 : 1
        guard quantity >= minimum else {
            throw FieldError(
                field: field,
                message: allowZero ? "Units must not be negative." : "Units must be at least 1."
            )
        }
        guard quantity <= maximumQuantity else {
            throw FieldError(field: field, message: "Units must be at most \(Text.grouped(maximumQuantity)).")
        }
    }

    public static func validatePaging(limit: Int, offset: Int) throws(FieldError) {
        guard (1...Paging.maximumLimit).contains(limit) else {
            throw FieldError(field: "limit", message: "Limit must be from 1 to \(Paging.maximumLimit).")
        }
        guard (0...Paging.maximumOffset).contains(offset) else {
            throw FieldError(field: "offset", message: "Offset must be from 0 to \(Paging.maximumOffset).")
        }
    }

    /// A card holder's name as printed on a card: letters of any script (with their accents),
    /// spaces and `' ’ - .`; no digits, symbols or emoji. Returned normalised.
    public static func validateCardHolder(_ value: String) throws(FieldError) -> String {
        let holder = try cardHolder.validate(value)
        guard holder.allSatisfy({ $0.isLetter || $0 == " " || "'’-.".contains($0) }) else {
            throw FieldError(field: "card.holder", message: "Card holder: letters, spaces and ' - . only.")
        }
        return holder
    }

    /// Checks a card's form: holder, a 12–19 digit number passing the Luhn check (and not all
    /// zeros, which passes it), and an expiry (`MM/YY`, `MM/YYYY` or `MMYY`; `M/YY` and spaces
    /// around the slash are fine too) no earlier than `currentMonth`. Returns the card with its
    /// number reduced to digits and its expiry written `MM/YY`.
    public static func validateCard(_ card: PaymentCard, currentMonth: YearMonth) throws(FieldError) -> PaymentCard {
        var card = card
        card.holder = try validateCardHolder(card.holder)
        let allowed = Text.halfWidth(card.number).allSatisfy { $0.isASCII && ($0.isNumber || $0 == " " || $0 == "-") }
        let digits = card.digits
        guard allowed else {
            throw FieldError(field: "card.number", message: "Card number takes digits only.")
        }
        guard (12...19).contains(digits.count) else {
            throw FieldError(field: "card.number", message: "Card number must be 12 to 19 digits.")
        }
        guard luhnIsValid(digits) else {
            throw FieldError(field: "card.number", message: "Card number is not valid (check digit mismatch).")
        }
        guard digits.contains(where: { $0 != "0" }) else {
            throw FieldError(field: "card.number", message: "Card number is not valid.")
        }
        card.number = digits
        guard let expiry = parseExpiry(card.expiry) else {
            if let (month, _) = self.expiryFields(card.expiry), !(1...12).contains(month) {
                throw FieldError(field: "card.expiry", message: "Expiry month must be 01 to 12.")
            }
            throw FieldError(field: "card.expiry", message: "Expiry must be MM/YY, e.g. 04/28.")
        }
        card.expiry = expiry.cardText
        guard expiry >= currentMonth else {
            throw FieldError(field: "card.expiry", message: "This card expired at the end of \(card.expiry).")
        }
        return card
    }

    /// `MM/YY`, `MM/YYYY`, `MMYY` or `M/YY` → year and month, or `nil`.
    public static func parseExpiry(_ text: String) -> YearMonth? {
        guard let (month, year) = self.expiryFields(text), (1...12).contains(month) else { return nil }
        return YearMonth(year: year, month: month)
    }

    /// The month and the four-digit year of an expiry written `MM/YY`, `MM/YYYY`, `MMYY` or
    /// `M/YY` (spaces ignored), the month not yet checked.
    private static func expiryFields(_ text: String) -> (month: Int, year: Int)? {
        let text = String(Text.halfWidth(text).filter { $0 != " " })
        guard text.allSatisfy({ $0.isASCIIDigit || $0 == "/" }) else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let (month, year): (Substring, Substring)
        switch parts.count {
        case 1 where text.count == 4: (month, year) = (text.prefix(2)[...], text.suffix(2)[...])
        case 2 where (1...2).contains(parts[0].count) && [2, 4].contains(parts[1].count): (month, year) = (parts[0], parts[1])
        default: return nil
        }
        guard let monthNumber = Int(month), let yearNumber = Int(year) else { return nil }
        return (monthNumber, year.count == 2 ? 2000 + yearNumber : yearNumber)
    }

    public static func luhnIsValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}

extension Character {
    var isASCIIDigit: Bool { self.isASCII && self.isNumber }
}
