import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func countsColumnsAsTerminalsDraw() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("é") == 1, "precomposed")
        #expect(DisplayWidth.of("e\u{301}") == 1, "e with a combining accent is one column")
        #expect(DisplayWidth.of("€") == 1)
        #expect(DisplayWidth.of("東京") == 4, "CJK takes two columns each")
        #expect(DisplayWidth.of("カメラ") == 6)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2, "a skin tone modifier does not add a cell")
        #expect(DisplayWidth.of("👨‍👩‍👧") == 6, "a ZWJ family is drawn as its three people")
        #expect(DisplayWidth.of("🇯🇵") == 2, "a flag as its two letters")
        #expect(DisplayWidth.of("Zoë Müller 東京 €5 👍") == 21)
    }

    @Test func controlCharactersTakeOneColumnAsReplacements() {
        #expect(DisplayWidth.of("a\u{1B}[31mb") == 7, "ESC becomes one visible replacement; the rest is ordinary text")
        #expect(DisplayWidth.of("\u{7}") == 1)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.truncate("東京カメラ", to: 5) == "東京…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("東京カメラ", to: 6)) <= 6)
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func shorteningASentenceShortensWhatItQuotesFirst() {
        let sentence = "Took 2 units of “東京タワーの置物、とても大きい” off sale; 3 left."
        #expect(DisplayWidth.of(sentence) == 66)
        let shortened = DisplayWidth.shorten(sentence, to: 60)
        #expect(shortened == "Took 2 units of “東京タワーの置物、とて…” off sale; 3 left.")
        #expect(DisplayWidth.of(shortened) <= 60)
        // Two quotations: the longer one gives way first; a quotation keeps 8 columns, and what
        // still does not fit is cut at the end.
        #expect(DisplayWidth.shorten("“abcdefghijklmnop” and “abcdef” done", to: 30) == "“abcdefghi…” and “abcdef” done")
        // A character wider than the line still takes one: wrapping ends.
        #expect(DisplayWidth.wrap("東京", to: 1) == ["東", "京"])
        // An aside after a dash goes before any name is shortened.
        let added = "Added 2 × “Ramen Bowl ラーメン 🍜” to your cart (3 units of it there now) — 2 shows the cart."
        #expect(DisplayWidth.shorten(added, to: 76) == "Added 2 × “Ramen Bowl ラーメン 🍜” to your cart (3 units of it there now).")
        #expect(DisplayWidth.shorten(added, to: 200) == added, "kept where it fits")
        #expect(DisplayWidth.shorten("“abcdefghijklmnop” and “abcdef” done", to: 14) == "“abcdefg…” an…")
        #expect(DisplayWidth.shorten("Saved.", to: 20) == "Saved.")
    }

    @Test(arguments: [
        ("東京", 5, Alignment.left, "東京 "),
        ("東京", 5, Alignment.right, " 東京"),
        ("€1.00", 8, Alignment.right, "   €1.00"),
        ("é", 3, Alignment.center, " é "),
    ])
    func fitPadsToExactlyTheWidth(text: String, width: Int, alignment: Alignment, expected: String) {
        let fitted = DisplayWidth.fit(text, to: width, alignment: alignment)
        #expect(fitted == expected)
        #expect(DisplayWidth.of(fitted) == width)
    }

    @Test func wrappingBreaksAtSpacesAndCutsOnlyOverlongWords() {
        #expect(DisplayWidth.wrap("Your session expired. Please log in again.", to: 20) == ["Your session", "expired. Please log", "in again."])
        #expect(DisplayWidth.wrap("東京カメラ東京", to: 6) == ["東京カ", "メラ東", "京"])
        #expect(DisplayWidth.wrap("", to: 5) == [])
    }
}
