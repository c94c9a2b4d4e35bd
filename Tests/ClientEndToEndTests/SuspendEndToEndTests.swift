import ChildProcess
import MarketTesting
import Testing

/// Ctrl-Z in a client started from an interactive shell: the shell's prompt comes back with the
/// client stopped, and `fg` brings the client back, drawn afresh and taking keys.
@Suite(.timeLimit(.minutes(2))) struct SuspendEndToEndTests {
    @Test func ctrlZStopsTheClientAndFgBringsItBack() async throws {
        let binary = try ClientBinaries.path(of: "buyer")
        let log = ClientBinaries.logFile("buyer")
        // No servers needed: the login screen shows without one (the client keeps retrying).
        let port = try FreePort.reserve()
        try await Tmux.with(["bash", "--norc", "--noprofile", "-i"], environment: ["PS1": "shell$ "]) { tmux in
            try await tmux.waitFor("shell$")
            try await tmux.type("\(binary) --host 127.0.0.1 --port \(port) --log-file \(log)")
            try await tmux.press("Enter")
            try await tmux.waitFor("Log in with your buyer account.")

            try await tmux.press("C-z")
            let stopped = try await tmux.waitFor("Stopped")
            #expect(!stopped.contains("Log in with your buyer account."), "the shell has the screen")

            try await tmux.type("fg")
            try await tmux.press("Enter")
            try await tmux.waitFor("Log in with your buyer account.")
            try await tmux.type("bea")
            let back = try await tmux.waitFor("Username   bea")
            #expect(!back.contains("Stopped"), "drawn afresh over what the shell wrote")

            try await tmux.press("C-c")
            try await tmux.waitFor("shell$") { $0.contains("shell$") && !$0.contains("Log in with your buyer account.") }
            try await tmux.type("exit 0")
            try await tmux.press("Enter")
            #expect(try await tmux.waitForExit() == 0)
        }
        ClientBinaries.removeLog(log)
    }

    /// Killed (SIGTERM, as `kill`, `timeout` or a service manager send it), the client ends as
    /// if the user had quit: the terminal is the shell's again, bracketed paste off, and the
    /// exit status says which signal.
    @Test func aClientKilledGivesTheTerminalBack() async throws {
        let binary = try ClientBinaries.path(of: "buyer")
        let log = ClientBinaries.logFile("buyer")
        let port = try FreePort.reserve()
        try await Tmux.with(["bash", "--norc", "--noprofile", "-i"], environment: ["PS1": "shell$ "]) { tmux in
            try await tmux.waitFor("shell$")
            try await tmux.type("\(binary) --host 127.0.0.1 --port \(port) --log-file \(log); echo status=$?")
            try await tmux.press("Enter")
            try await tmux.waitFor("Log in with your buyer account.")
            _ = try await ChildProcess.run("/usr/bin/pkill", ["-TERM", "-f", log])
            try await tmux.waitFor("status=143")
            try await tmux.type("clear; cat -v")
            try await tmux.press("Enter")
            try await tmux.paste("pasted")
            try await tmux.press("Enter")
            let shell = try await tmux.waitFor("pasted") { $0.contains("pasted\npasted") || $0.contains("[200~") }
            #expect(!shell.contains("[200~"), "bracketed paste is off: \(shell)")
            try await tmux.press("C-d")
            try await tmux.type("exit 0")
            try await tmux.press("Enter")
            #expect(try await tmux.waitForExit() == 0)
        }
        ClientBinaries.removeLog(log)
    }
}

