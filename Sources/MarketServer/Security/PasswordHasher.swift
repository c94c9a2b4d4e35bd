import Crypto
import _CryptoExtras
import Foundation
public import MarketCore
public import NIOCore
public import NIOPosix

/// Salted, deliberately slow password hashing with scrypt.
///
/// Passwords are hashed in Unicode's composed form (NFC), so an "é" typed as one character or as
/// "e" plus an accent (as some input methods send it) is the same password. Hashes made before
/// this rule from a decomposed password still verify: the password as sent is tried too.
///
/// Hashes are self-describing (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, base64), so the cost can be
/// raised later without invalidating stored passwords. Work runs on NIO's blocking thread pool, never
/// on an event loop or the cooperative task pool, one hash per thread, with the rest waiting their
/// turn in a bounded queue (``HashingQueue``).
public struct PasswordHasher: Sendable {
    /// The scrypt cost parameters.
    public struct Cost: Sendable, Hashable {
        /// log2 of scrypt's N (CPU and memory cost). 15 means N = 32768 and 32 MiB per hash.
        public var logN: Int
        /// Block size.
        public var r: Int
        /// Parallelism.
        public var p: Int

        public init(logN: Int = 15, r: Int = 8, p: Int = 1) {
            self.logN = logN
            self.r = r
            self.p = p
        }
    }

    public let cost: Cost
    private let threadPool: NIOThreadPool
    private let queue: HashingQueue

    /// - Parameters:
    ///   - threads: how many hashes run at once: the threads of `threadPool` (NIO's shared pool
    ///     has one per core).
    ///   - maximumWaiting: how many more may wait for their turn before logins are refused as
    ///     `overloaded`; a server sizes it at one per connection it accepts.
    public init(cost: Cost = Cost(), threadPool: NIOThreadPool = .singleton, threads: Int = System.coreCount, maximumWaiting: Int = 4096) {
        self.cost = cost
        self.threadPool = threadPool
        self.queue = HashingQueue(slots: max(1, threads), maximumWaiting: maximumWaiting)
    }

    public func hash(_ password: String) async throws(MarketError) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var random = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = random.next() }
        let cost = self.cost
        let saltBytes = salt
        let composed = Self.composed(password)
        let derived = try await self.run { try Self.derive(composed, salt: saltBytes, cost: cost) }
        return "$scrypt$ln=\(cost.logN),r=\(cost.r),p=\(cost.p)$\(Data(saltBytes).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// Whether `password` matches `stored`. Takes as long for a wrong password as for a right one.
    public func verify(_ password: String, against stored: String) async throws(MarketError) -> Bool {
        guard let parsed = Self.parse(stored) else { return false }
        var matches = false
        for candidate in Self.candidates(for: password) {
            let derived = try await self.run { try Self.derive(candidate, salt: parsed.salt, cost: parsed.cost) }
            // Every candidate is tried, even after a match: the time taken says nothing.
            matches = Self.constantTimeEqual(derived, parsed.hash) || matches
        }
        return matches
    }

    /// Spends the same time as ``verify(_:against:)`` of `password` without a stored hash, so that
    /// an unknown username cannot be told from a wrong password by timing.
    public func burnVerification(of password: String) async throws(MarketError) {
        let cost = self.cost
        for _ in Self.candidates(for: password) {
            _ = try await self.run { try Self.derive("not a password", salt: [UInt8](repeating: 7, count: 16), cost: cost) }
        }
    }

    /// `password` in composed form (NFC). Not trimmed: spaces are part of a password.
    static func composed(_ password: String) -> String {
        password.utf8.allSatisfy { $0 < 0x80 } ? password : password.precomposedStringWithCanonicalMapping
    }

    /// What a stored hash may have been made from: the composed form, and the password as sent
    /// when that differs (hashes from before passwords were composed).
    private static func candidates(for password: String) -> [String] {
        let composed = Self.composed(password)
        return composed.utf8.elementsEqual(password.utf8) ? [composed] : [composed, password]
    }

    private func run(_ body: @escaping @Sendable () throws -> [UInt8]) async throws(MarketError) -> [UInt8] {
        try await self.queue.run { () async throws(MarketError) -> [UInt8] in
            do {
                return try await self.threadPool.runIfActive(body)
            } catch {
                throw MarketError(.internal, "The server could not check the password.")
            }
        }
    }

    static func derive(_ password: String, salt: [UInt8], cost: Cost) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8),
            salt: salt,
            outputByteCount: 32,
            rounds: 1 << cost.logN,
            blockSize: cost.r,
            parallelism: cost.p
        )
        return key.withUnsafeBytes { Array($0) }
    }

    static func parse(_ stored: String) -> (cost: Cost, salt: [UInt8], hash: [UInt8])? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "scrypt" else { return nil }
        var cost = Cost()
        for setting in parts[1].split(separator: ",") {
            let pair = setting.split(separator: "=")
            guard pair.count == 2, let value = Int(pair[1]) else { return nil }
            switch pair[0] {
            case "ln": cost.logN = value
            case "r": cost.r = value
            case "p": cost.p = value
            default: return nil
            }
        }
        guard (1...22).contains(cost.logN), (1...32).contains(cost.r), (1...16).contains(cost.p),
            let salt = Data(base64Encoded: String(parts[2])), let hash = Data(base64Encoded: String(parts[3]))
        else { return nil }
        return (cost, Array(salt), Array(hash))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
