import Foundation
import MarketCore
@testable import MarketServer
import Testing

@Suite struct PasswordHasherTests {
    @Test func hashesAreSaltedSelfDescribingAndVerify() async throws {
        let hasher = PasswordHasher(cost: .init(logN: 12))
        let first = try await hasher.hash("correct horse")
        let second = try await hasher.hash("correct horse")
        #expect(first.hasPrefix("$scrypt$ln=12,r=8,p=1$"))
        #expect(first != second, "a fresh salt each time")
        #expect(try await hasher.verify("correct horse", against: first))
        #expect(try await !hasher.verify("correct horsE", against: first))
        #expect(try await !hasher.verify("correct horse", against: "$scrypt$garbage"))
    }

    @Test func theDefaultCostStillVerifiesAfterTheCostChanges() async throws {
        let stored = try await PasswordHasher().hash("ünïcødé pässwörd 🔑")
        #expect(stored.hasPrefix("$scrypt$ln=15,"))
        // A server configured with another cost reads the cost from the stored hash.
        #expect(try await PasswordHasher(cost: .init(logN: 10)).verify("ünïcødé pässwörd 🔑", against: stored))
    }

    @Test func anAccentTypedAsOneCharacterOrTwoIsTheSamePassword() async throws {
        let hasher = PasswordHasher(cost: .init(logN: 10))
        let composed = "caf\u{E9} au lait"  // é
        let decomposed = "cafe\u{301} au lait"  // e + combining acute
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let stored = try await hasher.hash(decomposed)
        #expect(try await hasher.verify(composed, against: stored))
        #expect(try await hasher.verify(decomposed, against: stored))
        #expect(try await !hasher.verify("cafe au lait", against: stored))

        // A hash made, before this rule, from the decomposed bytes still verifies.
        let salt = [UInt8](repeating: 3, count: 16)
        let legacy = try PasswordHasher.derive(decomposed, salt: salt, cost: .init(logN: 10))
        let old = "$scrypt$ln=10,r=8,p=1$\(Data(salt).base64EncodedString())$\(Data(legacy).base64EncodedString())"
        #expect(try await hasher.verify(decomposed, against: old))
    }

    @Test func sessionTokensAreUniqueAndTheirKeysFixed() {
        let tokens = (0..<1000).map { _ in SessionTokens.issue() }
        #expect(Set(tokens).count == 1000)
        #expect(tokens.allSatisfy { $0.rawValue.utf8.count == 43 && $0.isWellFormed })
        #expect(SessionTokens.key(for: tokens[0]) == SessionTokens.key(for: tokens[0]))
        #expect(SessionTokens.key(for: tokens[0]) != SessionTokens.key(for: tokens[1]))
        #expect(SessionTokens.base64URL([0xFB, 0xFF]) == "-_8")
    }
}

@Suite(.timeLimit(.minutes(1))) struct HashingQueueTests {
    /// Holds its slot until `release` is called.
    private final class Gate: Sendable {
        let entered: AsyncStream<Void>
        private let enter: AsyncStream<Void>.Continuation
        private let opened: AsyncStream<Void>
        private let open: AsyncStream<Void>.Continuation
        init() {
            (self.entered, self.enter) = AsyncStream.makeStream()
            (self.opened, self.open) = AsyncStream.makeStream()
        }
        func pass() async {
            self.enter.yield()
            for await _ in self.opened { return }
        }
        func release() { self.open.finish() }
    }

    @Test func beyondTheWaitingRoomLoginsAreTurnedAwayAsOverloaded() async throws {
        let queue = HashingQueue(slots: 1, maximumWaiting: 1)
        let gate = Gate()
        let running = Task { try await queue.run { () async throws(MarketError) in await gate.pass() } }
        for await _ in gate.entered { break }
        let waiting = Task { try await queue.run { () async throws(MarketError) in 2 } }
        try await Task.sleep(for: .milliseconds(100))
        do {
            _ = try await queue.run { () async throws(MarketError) in 3 }
            Issue.record("a third request found room")
        } catch {
            #expect(error.code == .overloaded)
        }
        gate.release()
        try await running.value
        #expect(try await waiting.value == 2, "the waiting one runs once the slot is free")
    }

    @Test func aCancelledWaiterLeavesTheQueueWithoutTakingASlot() async throws {
        let queue = HashingQueue(slots: 1, maximumWaiting: 4)
        let gate = Gate()
        let running = Task { try await queue.run { () async throws(MarketError) in await gate.pass() } }
        for await _ in gate.entered { break }
        let abandoned = Task { try await queue.run { () async throws(MarketError) in "ran" } }
        try await Task.sleep(for: .milliseconds(100))
        abandoned.cancel()
        await #expect(throws: MarketError.self) { try await abandoned.value }
        gate.release()
        try await running.value
        #expect(try await queue.run { () async throws(MarketError) in "next" } == "next", "the slot came back")
    }
}

