import Hummingbird
import SuppleCore

extension AppRequestContext {
    /// The signed-in person, if the policy grants them `permission`. Signed-out visitors are
    /// sent to sign in; signed-in people without the permission get "not open to you".
    func require(_ permission: Permission) throws -> AccountService.SignedIn {
        guard let signedIn else { throw SignInRequired() }
        guard AccessPolicy.permits(signedIn.account.actor, permission) else { throw AccessDenied() }
        return signedIn
    }
}

extension String {
    /// A redirect target we trust: a path on this site, not "//evil.example" or a full URL.
    var isSafeLocalPath: Bool {
        hasPrefix("/") && !hasPrefix("//") && !hasPrefix("/\\") && !contains("\r") && !contains("\n") && count < 500
    }
}
