import Dispatch
import Foundation

/// Runs a program to completion with `posix_spawn`, collecting its output through files.
///
/// Foundation's `Process` waits for a descriptor that a daemon started by the child (the tmux
/// server) inherits, so it may never return; `waitpid` does not have that problem. The child gets
/// standard input, output and error and no other descriptor, no blocked signals and default
/// handling of the usual ones. The wait runs
/// on a Dispatch thread: blocking one of the few threads of Swift's cooperative pool would stall
/// the in-process servers of every other test running at the same time.
enum Spawn {
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Outcome, any Error>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { try Self.runBlocking(program, arguments, environment: environment) })
            }
        }
        return try result.get()
    }

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    private static func runBlocking(_ program: String, _ arguments: [String], environment: [String: String]) throws -> Outcome {
        let base = NSTemporaryDirectory() + "market-e2e-\(UUID().uuidString)"
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
        // Nothing else of this process may leak into the child: the tmux server lives on as a
        // daemon, and an inherited copy of another test's listening or accepted socket would keep
        // that socket open after its server closed it. bash closes every descriptor above 2, then
        // becomes the program (glibc's posix_spawn_file_actions_addclosefrom_np is not visible
        // to Swift).
        let closeAndRun = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#
        let argv = (["/bin/bash", "-c", closeAndRun, "bash", program] + arguments).map { strdup($0) } + [nil]
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // Threads of this process block most signals; a child would inherit that mask, and the
        // tmux server and its panes would then never hear the SIGHUP that ends them.
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
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TmuxError("could not start \(program): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(
            status: exit,
            output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        )
    }
}
