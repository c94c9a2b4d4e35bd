/// The two kinds of account. Each role has its own server, its own usernames and its own sessions.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case seller
    case buyer
}
