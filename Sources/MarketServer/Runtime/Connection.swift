import Foundation
import Logging
import MarketCore
import MarketProtocol
import NIOCore
import Synchronization

/// Serves one client connection: reads frames, runs up to `maximumPipelinedRequests` of them at
/// once, and writes each response as soon as it is ready (responses carry the request's id, so
/// their order does not matter).
struct Connection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let router: Router
    let maximumPipelinedRequests: Int
    /// Whether the connection reads requests now: not while as many are in progress as it may
    /// have (the frame deadline waits meanwhile).
    let reading: ReadingState
    let logger: Logger

    /// The operations that check a password (scrypt: tens of milliseconds of a core each, which
    /// anyone can ask for without an account).
    static let passwordOperations: Set<String> = [AccountAPI<SellerTag>.Login.name, AccountAPI<SellerTag>.CreateAccount.name]
    /// How many of them one connection may have in progress: a client logs in once at a time,
    /// and one that pipelines more gets `overloaded` for the rest instead of filling the
    /// server's queue of password checks (``HashingQueue``) for everybody.
    static let passwordChecksPerConnection = 2

    func run() async {
        do {
            try await self.channel.executeThenClose { inbound, outbound in
                let decoder = RequestDecoder(operations: self.router.argumentDecoders)
                let writer = ResponseWriter(outbound: outbound, allocator: self.channel.channel.allocator, logger: self.logger)
                let passwordChecks = PasswordChecks()
                await withTaskGroup(of: Void.self) { group in
                    var inFlight = 0
                    do {
                        for try await frame in inbound {
                            while inFlight >= self.maximumPipelinedRequests {
                                await group.next()
                                inFlight -= 1
                            }
                            switch decoder.decode(frame) {
                            case .failure(let failure):
                                await writer.write(.failure(id: failure.id, error: failure.error))
                            case .success(let request):
                                let checksPassword = Self.passwordOperations.contains(request.op)
                                if checksPassword {
                                    guard passwordChecks.begin(limit: Self.passwordChecksPerConnection) else {
                                        let error = MarketError(
                                            .overloaded,
                                            "This connection already has \(Self.passwordChecksPerConnection) logins being checked; send another once they are answered."
                                        )
                                        await writer.write(.failure(id: request.id, error: error))
                                        continue
                                    }
                                }
                                inFlight += 1
                                self.reading.requestStarted()
                                group.addTask {
                                    defer {
                                        self.reading.requestEnded()
                                        if checksPassword { passwordChecks.end() }
                                    }
                                    let context = RequestContext(
                                        connectionLogger: self.logger,
                                        operation: request.op,
                                        requestID: request.id,
                                        token: request.session
                                    )
                                    await writer.write(await self.router.respond(to: request, context: context))
                                }
                            }
                        }
                    } catch let error as FrameTooLargeError {
                        self.logger.notice("closing connection: oversize frame", metadata: ["market.frameLength": "\(error.declaredLength)"])
                        let message = MarketError(
                            .frameTooLarge,
                            "A frame of \(error.declaredLength) bytes exceeds this server's maximum of \(error.maximumLength) bytes; closing the connection."
                        )
                        await group.waitForAll()
                        await writer.write(.failure(id: nil, error: message))
                    } catch {
                        self.logger.debug("connection ended", metadata: ["error": "\(error)"])
                    }
                    // The peer went away or the connection broke: nobody is left to answer, so
                    // the requests still running are cancelled. A wait for news ends, a password
                    // check still queued leaves the queue, and a database call without its
                    // connection yet is dropped (one already sent runs to its end). When the
                    // server stopped reading to shut down, the channel is still open and they
                    // are answered.
                    if !self.channel.channel.isActive {
                        group.cancelAll()
                    }
                }
            }
        } catch {
            self.logger.debug("connection closed with error", metadata: ["error": "\(error)"])
        }
    }
}

/// Encodes responses and writes them as frames. Safe to call from several tasks at once.
struct ResponseWriter: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let allocator: ByteBufferAllocator
    let logger: Logger

    func write(_ response: OutgoingResponse) async {
        let frame: ByteBuffer
        do {
            frame = try WireFormat.frame(response, allocator: self.allocator)
        } catch {
            self.logger.error("could not encode response", metadata: ["error": "\(error)"])
            let fallback = OutgoingResponse.failure(id: response.id, error: MarketError(.internal, "The server could not encode its answer."))
            guard let encoded = try? WireFormat.frame(fallback, allocator: self.allocator) else { return }
            frame = encoded
        }
        do {
            try await self.outbound.write(frame)
        } catch {
            // The client is gone; its request's effects stand, as they would for a lost reply.
            self.logger.debug("could not write response", metadata: ["error": "\(error)"])
        }
    }
}

extension OutgoingResponse {
    var id: Int64? {
        switch self {
        case .success(let id, _): id
        case .failure(let id, _): id
        }
    }
}

/// The password checks one connection has in progress.
private final class PasswordChecks: Sendable {
    private let count = Mutex(0)

    /// One more, unless `limit` are in progress already.
    func begin(limit: Int) -> Bool {
        self.count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func end() {
        self.count.withLock { $0 -= 1 }
    }
}
