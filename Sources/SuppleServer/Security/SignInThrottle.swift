import Foundation
import SuppleCore

/// Who is counted when someone tries to sign in, and how far (issue 17, finding 2). Attempts are
/// counted before the password is checked, in the database, in this order, stopping at the first
/// limit reached:
/// - the client's address, 50 in 15 minutes, whatever accounts it tries;
/// - the account from that address, 10 in 15 minutes;
/// - the account from everywhere, 100 in 15 minutes.
/// One address can add at most 10 to an account's own count, so holding an account shut takes at
/// least ten addresses, and even then its owner can come back in by a reset link. The owner's
/// own address is never held by someone else's guesses.
enum SignInThrottle {
    static let window: TimeInterval = 15 * 60

    struct Subject: Equatable {
        let key: String
        let limit: Int
    }

    static let perAddress = 50, perAccountFromAddress = 10, perAccount = 100

    static func subjects(email: EmailAddress, address: String?) -> [Subject] {
        [
            Subject(key: addressKey(address), limit: perAddress),
            Subject(key: accountFromKey(email, address), limit: perAccountFromAddress),
            Subject(key: accountKey(email), limit: perAccount),
        ]
    }

    /// What a successful sign-in or a password reset forgives: the account's counts, not the
    /// address's (an address guessing at many accounts stays counted).
    static func forgiven(email: EmailAddress, address: String?) -> [String] {
        [accountFromKey(email, address), accountKey(email)]
    }

    static func addressKey(_ address: String?) -> String { "address:\(address ?? "unknown")" }
    static func accountFromKey(_ email: EmailAddress, _ address: String?) -> String { "account-from:\(email.value)|\(address ?? "unknown")" }
    static func accountKey(_ email: EmailAddress) -> String { "account:\(email.value)" }
}
