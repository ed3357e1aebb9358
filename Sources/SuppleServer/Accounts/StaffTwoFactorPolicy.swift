/// Whether every staff account must sign in with a second factor. Members may always turn one on.
public enum StaffTwoFactorPolicy: String, Sendable {
    /// Staff without a second factor are sent to set one up before anything else, and the API
    /// issues them no token.
    case required
    /// Staff choose, like members.
    case optional
}
