import Foundation

/// A blocking TCP connection that sends whatever bytes a test wants, for hostile-input tests
/// that a well-behaved client cannot produce.
/// Unchecked: the only state is an immutable descriptor, and each test uses it from one task or
/// offloaded thread at a time (a send never overlaps a read).
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32

    init(port: Int) throws {
        self.descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(self.descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawConnectionError.connectFailed }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(self.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(self.descriptor) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Sends `payload` as one frame with a correct length prefix.
    func sendFrame(_ payload: [UInt8]) {
        let length = UInt32(payload.count)
        self.send([UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)] + payload)
    }

    func sendFrame(_ json: String) {
        self.sendFrame(Array(json.utf8))
    }

    /// The next frame as a JSON object, or `nil` when the server closed the connection.
    ///
    /// The blocking read runs on a thread of its own: the servers under test share this process's
    /// few cooperative threads and must keep running while the test waits.
    func readFrame() async throws -> [String: Any]? {
        let frame = try await offloaded { try self.readFrameBlocking() }
        guard let frame else { return nil }
        return try JSONSerialization.jsonObject(with: frame) as? [String: Any]
    }

    /// Whether the server has closed the connection (reads end of stream).
    func isClosedByServer() async throws -> Bool {
        try await offloaded { try self.read(count: 1) == nil }
    }

    private func readFrameBlocking() throws -> Data? {
        guard let header = try self.read(count: 4) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard let body = try self.read(count: length) else { throw RawConnectionError.truncated }
        return Data(body)
    }

    private func read(count: Int) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let result = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress! + received, count - received, 0) }
            if result == 0 { return nil }
            if result < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return nil }
                throw RawConnectionError.timedOut
            }
            received += result
        }
        return buffer
    }
}

/// Runs blocking work on a new thread and awaits its result.
private func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

enum RawConnectionError: Error {
    case connectFailed, truncated, timedOut
}

extension Dictionary where Key == String, Value == Any {
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    var errorField: String? { (self["error"] as? [String: Any])?["field"] as? String }
}
