import MarketProtocol
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@Suite struct FrameDecoderTests {
    private func frame(_ payload: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(payload.utf8.count))
        buffer.writeString(payload)
        return buffer
    }

    @Test func decodesFramesSplitAtEveryByteBoundaryAndBatched() throws {
        // The verifier feeds each input whole, byte by byte, and in every split, and checks the
        // decoder neither loses nor invents data.
        var twoFrames = self.frame(#"{"id":1}"#)
        twoFrames.writeImmutableBuffer(self.frame(#"{"id":2,"op":"Ping"}"#))
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (self.frame(#"{"id":1}"#), [ByteBuffer(string: #"{"id":1}"#)]),
                (twoFrames, [ByteBuffer(string: #"{"id":1}"#), ByteBuffer(string: #"{"id":2,"op":"Ping"}"#)]),
                (self.frame(""), [ByteBuffer()]),
                (self.frame("é€漢"), [ByteBuffer(string: "é€漢")]),
            ],
            decoderFactory: { FrameDecoder(maximumFrameLength: 64) }
        )
    }

    @Test func rejectsAnOversizeLengthBeforeTheBodyArrives() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maximumFrameLength: 1024)))
        var prefix = ByteBuffer()
        prefix.writeInteger(UInt32(2_000_000_000))
        let error = #expect(throws: FrameTooLargeError.self) { try channel.writeInbound(prefix) }
        #expect(error?.declaredLength == 2_000_000_000)
        #expect(error?.maximumLength == 1024)
        _ = try? channel.finish()
    }

    @Test func acceptsAFrameOfExactlyTheMaximum() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maximumFrameLength: 8)))
        try channel.writeInbound(self.frame("12345678"))
        #expect(try channel.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "12345678"))
        #expect(throws: FrameTooLargeError.self) { try channel.writeInbound(self.frame("123456789")) }
        _ = try? channel.finish()
    }

    @Test func treatsGarbageAsALengthAndWaitsOrRejects() throws {
        // "GET / HTTP/1.1" reads as a 1.2 GB length: rejected at once, no buffering.
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maximumFrameLength: 1 << 20)))
        #expect(throws: FrameTooLargeError.self) { try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n")) }
        _ = try? channel.finish()
    }

    @Test func dropsAFrameCutShortByEndOfStream() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maximumFrameLength: 64)))
        var partial = ByteBuffer()
        partial.writeInteger(UInt32(10))
        partial.writeString("abc")
        try channel.writeInbound(partial)
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        #expect(throws: Never.self) { _ = try channel.finish(acceptAlreadyClosed: true) }
    }
}
