import CSpawn
import Dispatch
import Foundation

/// Runs programs with `posix_spawn` and `waitpid`: the test harness drives initdb, pg_ctl, psql
/// and tmux with it, and the benchmark drives pgbench.
///
/// - Foundation's `Process` notices that a child exited through a descriptor the child inherits,
///   and a daemon the child starts (the PostgreSQL server started by `pg_ctl`, the tmux server)
///   inherits it too, so `waitUntilExit()` may never return. Here output goes to temporary files
///   and exit is `waitpid`.
/// - The child gets standard input, output and error and no other descriptor: an inherited copy of
///   another test's listening or accepted socket would outlive the server that closed it. SwiftNIO
///   opens its sockets without close-on-exec, so `posix_spawn` itself closes every descriptor above
///   2 before the program starts (when a shell did it after starting, a server stopped meanwhile
///   kept listening for the few milliseconds the shell took, and a client's next connection
///   reached a socket nobody would accept).
/// - The child starts with no blocked signals and default handling of the usual ones; this
///   process's threads block most signals, and a daemon inheriting that mask would never hear the
///   SIGHUP or SIGTERM that should end it (and pgbench, whose `-T` is a SIGALRM, would never stop).
public enum ChildProcess {
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    /// Runs `program` to completion, blocking the calling thread.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let base = NSTemporaryDirectory() + "market-child-\(UUID().uuidString)"
        let outputPath = base + ".out"
        let errorPath = base + ".err"
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let pid = try self.spawn(program, arguments, environment: environment, actions: &actions)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(
            status: exitStatus,
            output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        )
    }

    /// Runs `program` to completion on a Dispatch thread: blocking one of the few threads of
    /// Swift's cooperative pool would stall the in-process servers of every test running at the
    /// same time.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Outcome, any Error>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { try Self.run(program, arguments, environment: environment) })
            }
        }
        return try result.get()
    }

    /// Starts `program` in a new session and does not wait for it.
    public static func detach(_ program: String, _ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in 0...2 {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        _ = try self.spawn("/usr/bin/setsid", [program] + arguments, environment: [:], actions: &actions)
    }

    /// Starts `program` (found on the `PATH` unless it is a path) with `actions`, after which every
    /// descriptor above 2 is closed.
    private static func spawn(_ program: String, _ arguments: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t) throws -> pid_t {
        let closing = c_spawn_add_close_from(&actions, 3)
        guard closing == 0 else {
            throw ChildProcessError(description: "could not start \(program): \(String(cString: strerror(closing)))")
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGWINCH, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ChildProcessError(description: "could not start \(program): \(String(cString: strerror(result)))")
        }
        return pid
    }
}

/// A program that could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public var description: String
}
