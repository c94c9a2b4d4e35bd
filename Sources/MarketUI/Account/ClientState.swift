public import MarketCore

/// An app's state: the shell, the login screen, and the account once logged in.
public protocol ClientState: Sendable {
    associatedtype Tag: AccountTag

    var shell: Shell { get set }
    var login: LoginScreen { get set }
    /// The logged-in account; nil on the login screen.
    var profile: AccountProfile<Tag>? { get set }

    /// Puts the app's views back as they are before anything is loaded, with no box over them:
    /// at login and when returning to the login screen.
    mutating func resetViews()

    /// The market's category names came (``Shell/categories`` holds them): views that keep a
    /// copy take it.
    mutating func categoriesChanged()
}

extension ClientState {
    public var isLoggedIn: Bool { self.profile != nil }
}
