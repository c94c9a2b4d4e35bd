import Foundation

/// A rule for one free-text field: length counted in characters as a person counts them
/// (grapheme clusters, so "é" and "👍🏽" are one each), no control characters, not blank.
///
/// Values are never truncated: an over-long value is rejected with a message naming the field.
public struct TextRule: Sendable, Hashable {
    /// The wire name of the field, used in error messages.
    public var field: String
    /// A label for people, e.g. "Item name".
    public var label: String
    public var minimumLength: Int
    public var maximumLength: Int
    /// The most Unicode code points the value may hold: one character can carry any number of
    /// combining marks, and the database bounds what it stores by code points.
    public var maximumCodePoints: Int

    /// - Parameter maximumCodePoints: by default eight per character, as the schema allows.
    public init(field: String, label: String, minimumLength: Int = 1, maximumLength: Int, maximumCodePoints: Int? = nil) {
        self.field = field
        self.label = label
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.maximumCodePoints = maximumCodePoints ?? maximumLength * 8
    }

    /// Returns the value with surrounding white space removed, in composed form (``Text/normalized(_:)``),
    /// or the rule it breaks.
    public func validate(_ value: String) throws(FieldError) -> String {
        let trimmed = Text.normalized(value)
        if trimmed.isEmpty {
            throw FieldError(field: self.field, message: "\(self.label) must not be empty.")
        }
        if let bad = trimmed.unicodeScalars.first(where: Text.isForbidden) {
            throw FieldError(
                field: self.field,
                message: "\(self.label) must not contain control characters (found U+\(Text.hex(bad)))."
            )
        }
        if !trimmed.contains(where: Text.isVisible) {
            throw FieldError(field: self.field, message: "\(self.label) must show something: it holds only invisible characters.")
        }
        let length = trimmed.count
        if length < self.minimumLength {
            throw FieldError(
                field: self.field,
                message: "\(self.label) must be at least \(self.minimumLength) characters (got \(length))."
            )
        }
        if length > self.maximumLength {
            throw FieldError(
                field: self.field,
                message: "\(self.label) must be at most \(self.maximumLength) characters (got \(length))."
            )
        }
        if let problem = Text.tooManyCodePoints(trimmed, label: self.label, maximum: self.maximumCodePoints) {
            throw FieldError(field: self.field, message: problem)
        }
        return trimmed
    }

    /// The message for `value`, or `nil` when it is acceptable. For inline form validation.
    public func problem(with value: String) -> String? {
        do {
            _ = try self.validate(value)
            return nil
        } catch {
            return error.message
        }
    }
}

/// Text helpers shared by the rules.
public enum Text {
    /// Control characters (C0, DEL, C1) and the bidirectional overrides that can disguise text in
    /// another user's terminal.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Direction marks and overrides, and line and paragraph separators: they reorder or
        // break what is around them on a terminal's line, or show as nothing at all.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: true
        default: false
        }
    }

    /// `text` cut to `length` characters, the last of them … where it went on: for quoting what
    /// was typed in a message.
    public static func shortened(_ text: String, to length: Int) -> String {
        text.count > length ? text.prefix(length - 1) + "…" : text
    }

    /// Whether `character` shows as something: not white space, nor only formatting characters
    /// (zero-width space, soft hyphen), a combining mark with no letter, or a character drawn
    /// blank (the braille blank, the Hangul fillers). A name of nothing else would show as no name.
    public static func isVisible(_ character: Character) -> Bool {
        character.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x2800, 0x3164, 0x115F, 0x1160, 0xFFA0, 0x180E: return false
            default: break
            }
            switch scalar.properties.generalCategory {
            // (Unassigned counts as visible: an emoji newer than these tables is one.)
            case .format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark, .surrogate:
                return false
            default:
                return true
            }
        }
    }

    /// `text` with the full-width forms of ASCII (０–９, ，, ．, ／, －, …) as ASCII: what an input
    /// method for Chinese, Japanese or Korean types for digits, read as the digits they are.
    public static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            if (0xFF01...0xFF5E).contains(scalar.value) { return Unicode.Scalar(scalar.value - 0xFEE0)! }
            return scalar.value == 0x3000 ? " " : scalar
        }))
    }

    /// Why `value` holds too many code points for its characters, or `nil`: characters each
    /// loaded with combining marks, which no language needs this many of.
    static func tooManyCodePoints(_ value: String, label: String, maximum: Int) -> String? {
        let count = value.unicodeScalars.count
        guard count > maximum else { return nil }
        return "\(label) has too many accents and marks on its characters (\(count) code points; the limit is \(maximum))."
    }

    /// `value` without surrounding white space, in Unicode's composed form (NFC): an "é" typed
    /// as "e" and a combining accent (as some keyboards and macOS file names give it) is stored and
    /// searched as the one "é" that everyone else types, so names and keywords match however they
    /// were entered.
    public static func normalized(_ value: String) -> String {
        let trimmed = self.trimmingWhitespace(value)
        // ASCII is composed already, and most text is ASCII: no trip through Foundation for it.
        return trimmed.utf8.allSatisfy { $0 < 0x80 } ? trimmed : trimmed.precomposedStringWithCanonicalMapping
    }

    /// The form a search term is stored and looked up in: `word` (lower-cased already) without
    /// the accents of Latin letters, so that "cafe" finds "café" and "creme brulee" finds "Crème
    /// brûlée", and with full-width letters and digits as ASCII (``halfWidth(_:)``), so that
    /// "ｕｓｂ" is usb. Only marks on Latin letters go: other scripts' marks are letters of their
    /// own (й is not и, ガ is not カ), and letters such as ø, ł or ß stay as they are. (Products
    /// schemas 10 and 15 fold the terms of older items the same way, in SQL.)
    public static func searchTerm(_ word: String) -> String {
        guard !word.utf8.allSatisfy({ $0 < 0x80 }) else { return word }
        var kept = String.UnicodeScalarView()
        var afterLatin = false
        for scalar in self.halfWidth(word).decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) {
                if afterLatin { continue }
            } else {
                afterLatin = (0x41...0x24F).contains(scalar.value)
            }
            kept.append(scalar)
        }
        return String(kept).precomposedStringWithCanonicalMapping
    }

    /// The form names are sorted by: lower-cased and without the accents of Latin letters
    /// (``searchTerm(_:)``), compared by Unicode code points, so “Émile” sorts with the E's as
    /// search finds it with them. The servers' SQL sorts by the same form
    /// (`market_search_term(lower(name)) COLLATE "C"`).
    public static func sortKey(_ text: String) -> String {
        self.searchTerm(text.lowercased())
    }

    /// Lower-cased runs of letters and digits, as search terms, each once: what a seller's find
    /// and a category typed by name are matched by ("Home & kitchen" → home, kitchen).
    public static func matchWords(of text: String) -> [String] {
        self.searchTerms(text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    /// `words` as search terms (``searchTerm(_:)``), each once, in their order.
    public static func searchTerms(_ words: [String]) -> [String] {
        var terms: [String] = []
        for word in words.map(self.searchTerm) where !terms.contains(word) { terms.append(word) }
        return terms
    }

    public static func trimmingWhitespace(_ value: String) -> String {
        var scalars = Substring(value)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A whole number with its thousands grouped for reading: `1,000,000`.
    public static func grouped(_ number: some BinaryInteger) -> String {
        var digits = String(number.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(Substring(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// What search matches an item by (its `terms`): its keywords and the words of its name, as
    /// search terms, each once; and the parts of a word that mixes scripts with Chinese or
    /// Japanese ones (``scriptParts(of:)``), which are written without spaces.
    public static func itemTerms(name: String, keywords: [String]) -> [String] {
        let words = self.searchWords(of: name)
        return self.searchTerms(keywords + words + words.flatMap(self.scriptParts))
    }

    /// The scripts Chinese and Japanese are written in, which put no spaces between words.
    private enum Script: Equatable {
        case han, hiragana, katakana, other

        init(_ character: Character) {
            switch character.unicodeScalars.first?.value ?? 0 {
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: self = .han
            case 0x3041...0x309F: self = .hiragana
            case 0x30A0...0x30FF, 0x31F0...0x31FF: self = .katakana
            default: self = .other
            }
        }
    }

    /// The runs of one script in a word that changes script and has Chinese or Japanese in it,
    /// where a word often ends: "東京タワー" → 東京, タワー; "usb充電器" → usb, 充電器. None for
    /// a word of one script. (`sql/products.sql` adds the Chinese and Japanese runs to the terms
    /// of items registered before, schema 13.)
    static func scriptParts(of word: String) -> [String] {
        var parts: [(script: Script, text: String)] = []
        for character in word {
            let script = Script(character)
            if let last = parts.last, last.script == script {
                parts[parts.count - 1].text.append(character)
            } else {
                parts.append((script, String(character)))
            }
        }
        guard parts.count > 1, parts.contains(where: { $0.script != .other }) else { return [] }
        return parts.map(\.text)
    }

    /// Lower-cased words of a name, as search matches them: runs of letters and digits. An
    /// apostrophe within a word (kid's, l'eau, rock'n'roll, don't) joins fragments of one word,
    /// and of those only the word itself counts (fragments of three letters or more, else the
    /// longest), so a search for "kid's" does not match every name with an "'s".
    public static func searchWords(of name: String) -> [String] {
        var words: [String] = []
        var seen: Set<String> = []
        let isApostrophe = { (character: Character) in character == "'" || character == "’" || character == "ʼ" }
        for run in name.lowercased().split(whereSeparator: { !isApostrophe($0) && !($0.isLetter || $0.isNumber) }) {
            let fragments = run.split(whereSeparator: isApostrophe).map(String.init)
            var kept = fragments.filter { $0.count >= 3 }
            if kept.isEmpty, let longest = fragments.map(\.count).max(), let first = fragments.first(where: { $0.count == longest }) {
                kept = [first]
            }
            for word in kept where seen.insert(word).inserted { words.append(word) }
        }
        return words
    }
}
