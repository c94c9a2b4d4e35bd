import Logging
import MarketCore
import MarketProtocol
import NIOCore
import Synchronization

/// One TCP connection to a server and the requests waiting on it.
///
/// Requests are written straight to the channel; responses are decoded on the channel's event loop
/// by ``ResponseHandler`` and handed to the waiting caller. When the connection breaks, every
/// waiting request fails with `connection_lost`.
final class ClientConnection: Sendable {
    typealias Outcome = Result<any Sendable, MarketError>

    struct Pending {
        var decoding: ResultDecoding
        var continuation: CheckedContinuation<Outcome, Never>
        var timeout: Scheduled<Void>?
    }

    struct State {
        var open = true
        var requests: [Int64: Pending] = [:]
        /// Why the connection ended, once it has: what a request that comes too late is told too.
        var ending: MarketError?
    }

    let channel: any Channel
    private let pending = Mutex(State())

    /// What a request is told when the connection ended under it: why it ended, if known.
    private var endingFailure: MarketError { self.pending.withLock { $0.ending } ?? Self.lost }

    init(channel: any Channel) {
        self.channel = channel
    }

    /// Sends one request frame and waits for its response, a timeout, or the connection's end.
    func send(id: Int64, frame: ByteBuffer, decoding: ResultDecoding, timeout: Duration) async -> Outcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            let registered = self.pending.withLock { state in
                guard state.open else { return false }
                state.requests[id] = Pending(decoding: decoding, continuation: continuation, timeout: nil)
                return true
            }
            guard registered else {
                continuation.resume(returning: .failure(self.endingFailure))
                return
            }
            let deadline = self.channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)) {
                self.resolve(id: id, with: .failure(MarketError(.timedOut, "The server did not answer in time.")))
            }
            self.pending.withLock { state in state.requests[id]?.timeout = deadline }
            self.channel.writeAndFlush(frame).whenFailure { _ in
                self.resolve(id: id, with: .failure(self.endingFailure))
            }
        }
    }

    /// How to decode the result for `id`, while it is pending.
    func resultDecoding(for id: Int64) -> ResultDecoding? {
        self.pending.withLock { $0.requests[id]?.decoding }
    }

    func resolve(id: Int64, with outcome: Outcome) {
        guard let pending = self.pending.withLock({ $0.requests.removeValue(forKey: id) }) else { return }
        pending.timeout?.cancel()
        pending.continuation.resume(returning: outcome)
    }

    /// Fails every waiting request and refuses new ones. The first reason given is the one
    /// requests are told from then on (a server that spoke no frame, then hung up, is the former).
    func failAll(with error: MarketError) {
        let (waiting, reason) = self.pending.withLock { state in
            state.open = false
            if state.ending == nil { state.ending = error }
            defer { state.requests.removeAll() }
            return (Array(state.requests.values), state.ending ?? error)
        }
        for pending in waiting {
            pending.timeout?.cancel()
            pending.continuation.resume(returning: .failure(reason))
        }
    }

    func close() {
        self.channel.close(promise: nil)
    }

    static let lost = MarketError(
        .connectionLost,
        "The connection to the server broke before the answer arrived; the request may or may not have been carried out."
    )
}

/// Decodes response frames on the event loop and completes the matching requests.
final class ResponseHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let connection: ClientConnection
    private let decoder: ResponseDecoder
    private let onClose: @Sendable () -> Void
    private let logger: Logger

    init(connection: ClientConnection, logger: Logger, onClose: @escaping @Sendable () -> Void) {
        self.connection = connection
        self.decoder = ResponseDecoder { [connection] id in connection.resultDecoding(for: id) }
        self.logger = logger
        self.onClose = onClose
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = Self.unwrapInboundIn(data)
        do {
            let response = try self.decoder.decode(frame)
            if let id = response.id {
                self.connection.resolve(id: id, with: response.outcome)
            } else if case .failure(let error) = response.outcome {
                // The server could not read a request id (it is over its limits or our frame was
                // too large) and is closing the connection: everyone waiting gets its reason.
                self.connection.failAll(with: error)
            }
        } catch let error as ResponseDecoder.UnexpectedResponse {
            self.logger.debug("answer to a request no longer waited for", metadata: ["id": "\(error.id)"])
        } catch let error as ResponseDecoder.MalformedResponse {
            self.logger.warning("unreadable response", metadata: ["reason": "\(error.reason)"])
            if let id = error.id {
                self.connection.resolve(id: id, with: .failure(MarketError(.protocolError, "The server's answer could not be read: \(error.reason)")))
            }
        } catch {
            self.logger.warning("unreadable frame from server; closing", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.connection.failAll(with: ClientConnection.lost)
        self.onClose()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.logger.debug("connection error", metadata: ["error": "\(error)"])
        // Bytes that are no frame of the protocol (an HTTP server's answer reads as a length of
        // over a gigabyte): whoever listens there is not a market server, which the calls
        // waiting say, rather than that the connection dropped.
        if error is FrameTooLargeError || error is ByteToMessageDecoderError {
            self.connection.failAll(with: MarketError(.protocolError, "What listens at this address does not speak the market protocol."))
        }
        context.close(promise: nil)
    }
}
