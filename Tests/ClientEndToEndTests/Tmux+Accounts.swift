/// The account steps both clients share: their login screens take the same keys.
extension Tmux {
    /// From the login screen: Ctrl-N to the create-account form, then the name, the username and
    /// the password twice, and Enter.
    func createAccount(name: String, username: String, password: String) async throws {
        try await self.press("C-n")
        try await self.type(name)
        for field in [username, password, password] {
            try await self.press("Tab")
            try await self.type(field)
        }
        try await self.press("Enter")
    }

    /// Logs out (L), then in again through the login form with `username`: a wrong password
    /// first, which the server refuses, then `password`. Returns the screen just after logging
    /// out; the caller waits for its own logged-in screen.
    func logOutAndBackIn(username: String, password: String) async throws -> String {
        try await self.press("L")
        let loggedOut = try await self.waitFor("Logged out.")
        try await self.press("BTab", "C-u")
        try await self.type(username)
        try await self.press("Tab")
        try await self.type("wrong horse")
        try await self.press("Enter")
        try await self.waitFor("Wrong username or password.")
        try await self.type(password)
        try await self.press("Enter")
        return loggedOut
    }
}
