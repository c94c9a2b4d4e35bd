import Foundation
import ChildProcess

/// A private tmux server (its own socket) running one program in a window of a fixed size, for
/// driving a full-screen client as a person would: keys in, screen text out.
///
/// ``with(_:size:environment:body:)`` always kills the server afterwards, also when the body
/// throws, so no test leaves a tmux server behind.
final class Tmux: Sendable {
    let socket: String

    private init(socket: String) {
        self.socket = socket
    }

    static func with<T>(
        _ command: [String],
        size: (width: Int, height: Int) = (120, 36),
        environment: [String: String] = [:],
        body: (Tmux) async throws -> T
    ) async throws -> T {
        let tmux = Tmux(socket: "market-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        // The program runs under sh, which prints its exit status once it is done: on the normal
        // screen, so the status line also shows that the terminal was given back.
        let program = command.map(Self.quote).joined(separator: " ")
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        // The shell waits afterwards so that the pane, and the status line, stay to be read
        // (with remain-on-exit tmux may drop the last output); kill-server ends the wait.
        let script = "env \(variables) \(program); echo \"\(Self.exitMarker)$?]\"; sleep 120"
        do {
            try await tmux.run([
                "-f", "/dev/null", "new-session", "-d", "-x", "\(size.width)", "-y", "\(size.height)", "-s", "e2e", script,
            ])
            let result = try await body(tmux)
            await tmux.kill()
            return result
        } catch {
            await tmux.kill()
            throw error
        }
    }

    /// Types text literally (any script).
    func type(_ text: String) async throws {
        try await self.run(["send-keys", "-t", "e2e", "-l", text])
    }

    /// Presses keys by tmux's names: "Enter", "Tab", "C-n", "Escape", "BSpace", "+".
    func press(_ keys: String...) async throws {
        try await self.run(["send-keys", "-t", "e2e"] + keys)
    }

    /// Pastes `text` as a terminal does: in bracketed-paste markers when the program asked for
    /// them (`paste-buffer -p`).
    func paste(_ text: String) async throws {
        try await self.run(["set-buffer", text])
        try await self.run(["paste-buffer", "-p", "-t", "e2e"])
    }

    /// The screen as text.
    func screen() async throws -> String {
        try await self.run(["capture-pane", "-p", "-t", "e2e"])
    }

    static let exitMarker = "[exited with status "

    /// Whether the program has exited, and with what status.
    func exitStatus() async throws -> Int32? {
        let screen = try await self.screen()
        guard let marker = screen.range(of: Self.exitMarker) else { return nil }
        return Int32(screen[marker.upperBound...].prefix { $0.isNumber })
    }

    /// Waits until the screen satisfies `condition`, polling; fails with the last screen after
    /// `timeout` so a broken flow ends the test instead of hanging it.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(30), _ condition: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        while clock.now < deadline {
            last = try await self.screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TmuxError("timed out waiting for \(what); the screen was:\n\(last)")
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(30)) async throws -> String {
        try await self.waitFor("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the program has exited.
    func waitForExit(timeout: Duration = .seconds(15)) async throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let status = try await self.exitStatus() { return status }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TmuxError("the program did not exit; the screen was:\n\(try await self.screen())")
    }

    /// Stops the server and removes its socket file.
    func kill() async {
        let path = try? await self.run(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try? await self.run(["kill-server"])
        if let path, !path.isEmpty { unlink(path) }
    }

    @discardableResult
    private func run(_ arguments: [String]) async throws -> String {
        let outcome = try await ChildProcess.run("/usr/bin/tmux", ["-u", "-L", self.socket] + arguments, environment: ["LANG": "C.UTF-8", "TMUX": ""])
        guard outcome.status == 0 else {
            throw TmuxError("tmux \(arguments.prefix(2).joined(separator: " ")) failed (\(outcome.status)): \(outcome.errors)")
        }
        return outcome.output
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
