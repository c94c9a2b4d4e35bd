import Testing
import TerminalUI

@Suite struct TerminalTextTests {
    @Test func escapeSequencesNeverReachTheTerminal() {
        let hostile = "Evil\u{1B}]0;pwned\u{7}\u{1B}[2J name\u{9B}31m"
        let safe = TerminalText.sanitized(hostile)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(safe.contains("Evil"))
    }

    @Test func bidirectionalOverridesAreReplaced() {
        let disguised = "invoice\u{202E}fdp.exe"
        #expect(!TerminalText.sanitized(disguised).unicodeScalars.contains { $0.value == 0x202E })
    }

    @Test func combiningMarksStayWithTheirLetter() throws {
        let cells = TerminalText.cells(for: Character("e\u{301}"))
        #expect(cells.map(\.text) == ["e\u{301}"])
        #expect(cells.map(\.width) == [1])
    }

    @Test func whatACellCannotHoldIsDrawnInItsParts() {
        let texts = { (character: Character) in TerminalText.cells(for: character).map(\.text) }
        #expect(texts("👨‍👩‍👧") == ["👨", "👩", "👧"], "a ZWJ sequence side by side, not a lone 👨")
        #expect(texts("👩‍💻") == ["👩", "💻"])
        #expect(texts("🇯🇵") == ["J", "P"], "a flag as its letters")
        #expect(texts("👍🏽") == ["👍"], "a skin tone is left out, not drawn as a swatch")
        #expect(texts("👍\u{FE0F}") == ["👍\u{FE0F}"], "a variation selector stays with a two-column picture")
        #expect(texts("❤\u{FE0F}") == ["❤"], "but not with a one-column one, which terminals draw one or two columns wide")
        #expect(texts("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}") == ["🏴"], "a subdivision flag's tags are left out, not cut")
        #expect(TerminalText.sanitized("Family 👨‍👩‍👧 café 🇯🇵") == "Family 👨👩👧 café JP")
    }
}
