import Foundation
import Synchronization

/// TCP ports on 127.0.0.1 for the test run's PostgreSQL cluster and servers.
public enum FreePort {
    /// A port that nothing listens on right now, handed out once per run and never from the
    /// kernel's ephemeral range (32768 and up on Linux). A server bound to port 0 got an ephemeral
    /// port, and when a test stopped its server to start it again on the same port, another
    /// test's new server could take the port meanwhile: the first test's client then reached a
    /// stranger.
    static func reserve() throws -> Int {
        for _ in 0..<2000 {
            let port = self.nextPort.withLock { port in
                defer { port = port >= 31_999 ? 20_000 : port + 1 }
                return port
            }
            if self.isFree(port) { return port }
        }
        throw TestPostgresError("no free port between 20000 and 32000")
    }

    /// A port that nothing listens on and no test server is ever given, for a test that needs an
    /// address where nothing answers: one the kernel picks from its ephemeral range, which
    /// ``reserve()`` never hands out, for a socket that is closed again at once. (The port after
    /// the cluster's is no such port: ``reserve()`` hands it to the next server.)
    public static func unused() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestPostgresError("no socket for an unused port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard found else { throw TestPostgresError("no unused port from the kernel") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Where this process starts handing out ports: test runs in parallel (rare) start apart.
    private static let nextPort = Mutex(20_000 + Int(getpid() % 60) * 200)

    /// Whether `port` on 127.0.0.1 can be bound right now.
    private static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound == 0
    }
}
