/// The commands a client sends from its login screen. Both clients' command enums satisfy this
/// with their own cases, so the login screen's keys are handled once (``Shell/pressOnLogin(_:_:)``).
public protocol LoginCommands {
    static func login(request: Int, username: String, password: String) -> Self
    static func createAccount(request: Int, username: String, password: String, name: String) -> Self
}
