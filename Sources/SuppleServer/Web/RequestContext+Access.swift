import Foundation
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
    /// A redirect target we trust: a path on this site, never another site's address. Checked as
    /// a browser will read it (issue 17, finding 5): percent-decoded (twice, for a doubly encoded
    /// slash), with no control character anywhere (browsers drop a tab, so `/\t/evil.example`
    /// becomes `//evil.example`), no backslash (read as a slash), and one leading slash only.
    var isSafeLocalPath: Bool {
        guard count < 500, hasPrefix("/") else { return false }
        var decoded = self
        for _ in 0..<2 { decoded = decoded.removingPercentEncoding ?? decoded }
        for candidate in [self, decoded] {
            guard candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
                !candidate.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{7F}" }),
                !candidate.unicodeScalars.contains(where: { $0.properties.isWhitespace && $0 != " " })
            else { return false }
        }
        // Nothing a URL parser would take as a scheme or an authority.
        guard let parsed = URLComponents(string: self), parsed.scheme == nil, parsed.host == nil else { return false }
        return true
    }
}
