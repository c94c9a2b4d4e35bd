import ChildProcess
import Foundation
import Testing

@Suite struct ChildProcessTests {
    @Test func aChildRunsWithItsArgumentsEnvironmentAndExitStatus() throws {
        let outcome = try ChildProcess.run("sh", ["-c", #"echo "$1 $GREETING"; echo oops >&2; exit 3"#, "sh", "hello"], environment: ["GREETING": "world"])
        #expect(outcome.status == 3)
        #expect(outcome.output == "hello world\n")
        #expect(outcome.errors == "oops\n")
    }

    /// A descriptor open here without close-on-exec (as SwiftNIO opens its sockets) is not the
    /// child's: a listening socket a child held on to would keep accepting after its server closed it.
    @Test func aChildInheritsOnlyStandardInputOutputAndError() throws {
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listening > 2)
        defer { close(listening) }
        #expect(fcntl(listening, F_GETFD) & FD_CLOEXEC == 0)
        let outcome = try ChildProcess.run("sh", ["-c", "ls /proc/$$/fd"])
        #expect(outcome.status == 0)
        #expect(outcome.output.split(separator: "\n").sorted() == ["0", "1", "2"])
    }

    @Test func aProgramThatIsNotThereIsAnError() {
        #expect(throws: ChildProcessError.self) { try ChildProcess.run("/nonexistent/program", []) }
    }
}
