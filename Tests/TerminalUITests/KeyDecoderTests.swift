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
}
