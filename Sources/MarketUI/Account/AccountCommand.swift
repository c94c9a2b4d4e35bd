/// The calls both clients make alike, for an account rather than for a screen. Each app's command
/// enum wraps them in a case of its own (``ClientCommand``).
public enum AccountCommand: Sendable, Hashable {
    /// Opens the connection early so the header can say "connected".
    case connect
    case login(request: Int, username: String, password: String)
    case createAccount(request: Int, username: String, password: String, name: String)
    case logout(request: Int)
    /// A call in the background that counts as activity, for a user busy on screen; not shown.
    case keepAlive
    /// The market's category names, asked for quietly after logging in.
    case loadCategories

    /// The request id, for every command that has one.
    public var request: Int? {
        switch self {
        case .connect, .keepAlive, .loadCategories: nil
        case .login(let request, _, _), .createAccount(let request, _, _, _), .logout(let request): request
        }
    }
}

/// An app's command type: its own calls, and a case holding an ``AccountCommand``.
public protocol ClientCommand: Sendable {
    /// Wraps an account command (an enum case `account(_:)` satisfies this).
    static func account(_ command: AccountCommand) -> Self

    /// The account command inside, if this is one.
    var account: AccountCommand? { get }

    /// The request id, for every command that has one.
    var request: Int? { get }

    /// Whether the call changes something on the server, so that a failure whose outcome is
    /// unknown (a timeout) must say so rather than invite a retry.
    var changesData: Bool { get }

    /// Whether the call goes on in the background, unseen (a wait for news): see
    /// ``TerminalUI/Program/runsInBackground(_:)``. False by default.
    var isBackground: Bool { get }
}

extension ClientCommand {
    public var isBackground: Bool { false }
}
