import Testing
@testable import TerminalUI

@Suite struct KeyDecoderTests {
    @Test func controlBytesBecomeNamedKeys() {
        #expect(KeyDecoder.character(3) == .key(.control("c")))
        #expect(KeyDecoder.character(13) == .key(.enter))
        #expect(KeyDecoder.character(10) == .key(.enter))
        #expect(KeyDecoder.character(9) == .key(.tab))
        #expect(KeyDecoder.character(27) == .key(.escape))
        #expect(KeyDecoder.character(127) == .key(.backspace))
        #expect(KeyDecoder.character(14) == .key(.control("n")))
    }

    @Test func textIsTextInAnyScript() {
        #expect(KeyDecoder.character(0x00E9) == .key(.character("é")))
        #expect(KeyDecoder.character(0x20AC) == .key(.character("€")))
        #expect(KeyDecoder.character(0x6771) == .key(.character("東")))
        #expect(KeyDecoder.character(0x9B) == nil, "C1 controls are dropped")
    }

    /// Terminals send Alt with a key as Esc and the key at once: that is one key, not Esc (which
    /// would close a form) and then a letter (which would act on the list behind it).
    @Test func escapeWithACharacterAtOnceIsAlt() {
        #expect(KeyDecoder.afterEscape(UInt32(UInt8(ascii: "b"))) == .alt("b"))
        #expect(KeyDecoder.afterEscape(0x00E9) == .alt("é"))
        #expect(KeyDecoder.afterEscape(127) == .control("w"), "Alt-Bksp deletes a word back")
        #expect(KeyDecoder.afterEscape(27) == nil, "Esc Esc is two Escs")
        #expect(KeyDecoder.afterEscape(13) == nil, "Esc Enter is Esc, then Enter")
        #expect(KeyDecoder.afterEscape(3) == nil, "Ctrl-C stays Ctrl-C")
    }
}
