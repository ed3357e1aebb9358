/// Where a session stands. The web player records a whole session at once, so its sessions are
/// `completed` from the start; the API starts one, records items, then finishes it.
public enum SessionStatus: String, Sendable, Codable, CaseIterable {
    case inProgress = "in-progress"
    case completed
}
