import NIOCore

/// The database key of a session: the SHA-256 of its token (32 bytes). Both databases store only
/// this, so reading a table never yields a usable session.
public struct SessionKey: Sendable, Hashable {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    var buffer: ByteBuffer { ByteBuffer(bytes: self.bytes) }

    init?(buffer: ByteBuffer) {
        self.init(bytes: Array(buffer.readableBytesView))
    }
}
