import Testing
import TerminalUI

@Suite struct BracketedPasteTests {
    private func add(_ text: String, to paste: inout BracketedPaste) -> [BracketedPaste.Outcome] {
        text.unicodeScalars.map { paste.add($0) }
    }

    @Test func anEndMarkerThatCameApartEndsThePasteAsCharacters() {
        var paste = BracketedPaste()
        let outcomes = self.add("hello\u{1B}[201~", to: &paste)
        #expect(outcomes.last == .ended("hello"))
        #expect(outcomes.dropLast().allSatisfy { $0 == .kept })
    }

    @Test func escapesThatAreNotTheEndMarkerArePartOfThePaste() {
        var paste = BracketedPaste()
        _ = self.add("a\u{1B}[2x\u{1B}\u{1B}[20", to: &paste)
        #expect(paste.text == "a\u{1B}[2x\u{1B}\u{1B}[20", "kept, the possible start of a marker too")
        #expect(self.add("1~", to: &paste).last == .ended("a\u{1B}[2x\u{1B}"))
    }

    @Test func ctrlCEndsAPasteAndIsTheUsers() {
        var paste = BracketedPaste()
        #expect(self.add("abc\u{03}", to: &paste).last == .interrupted)
    }

    @Test func aPasteWithoutInputForASecondHasStalled() {
        let start = ContinuousClock.now
        var paste = BracketedPaste(now: start)
        _ = paste.add("x", now: start + .milliseconds(500))
        #expect(!paste.hasStalled(now: start + .milliseconds(1400)))
        #expect(paste.hasStalled(now: start + .milliseconds(1600)))
    }

    @Test func aPastePastTheLimitStillSeesItsEnd() {
        var paste = BracketedPaste()
        for _ in 0..<(BracketedPaste.limit + 10) { _ = paste.add("x") }
        #expect(self.add("\u{1B}[201~", to: &paste).last == .ended(String(repeating: "x", count: BracketedPaste.limit)))
    }
}
