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
        let cell = try #require(TerminalText.cell(for: Character("e\u{301}")))
        #expect(cell.text == "e\u{301}")
        #expect(cell.width == 1)
    }

    @Test func joinedEmojiKeepOnlyTheirFirstPicture() throws {
        let family = try #require(TerminalText.cell(for: Character("👨‍👩‍👧")))
        #expect(family.text == "👨")
        #expect(family.width == 2)
    }
}
