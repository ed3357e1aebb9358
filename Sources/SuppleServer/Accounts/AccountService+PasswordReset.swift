import Foundation
import SuppleCore
import SuppleStore

extension AccountService {
    public static let passwordResetLifetime: TimeInterval = 3600

    /// Sends a reset link if the address has an account. The caller shows the same answer
    /// either way, so the form cannot be used to find out who has an account.
    public func requestPasswordReset(email rawEmail: String?, clientAddress: String?) async throws {
        let email = try EmailAddress(validating: rawEmail)
        guard let account = try await database.read({ db in try await AccountRepository.find(email: email, in: db) }),
              account.disabledAt == nil else { return }
        let token = SecretToken.generate()
        let now = clock.now()
        try await database.transaction { db in
            try await OneTimeLinkRepository.insert(
                tokenHash: token.hash, purpose: .passwordReset, email: email, accountID: account.id, role: nil,
                createdBy: nil, createdAt: now, expiresAt: now.addingTimeInterval(Self.passwordResetLifetime), in: db
            )
            try await AuditLog.record(.init(
                occurredAt: now, actorID: nil, action: "account.password_reset_requested", subjectAccountID: account.id,
                clientAddress: clientAddress
            ), in: db)
        }
        await links.deliver(OutboundLink(kind: .passwordReset, email: email, url: "\(publicBaseURL)/password/reset/\(token.value)"))
    }

    /// The reset link behind a token, if it is still usable.
    public func usablePasswordReset(token: String) async throws -> OneTimeLinkRepository.Link? {
        let now = clock.now()
        return try await database.read { db in
            try await OneTimeLinkRepository.findUsable(tokenHash: SecretToken.hash(token), purpose: .passwordReset, now: now, in: db)
        }
    }

    public struct LinkNoLongerValid: Error {}

    /// Sets a new password from a reset link, uses up the link, and signs the account out
    /// everywhere: whoever knew the old password is locked out.
    public func resetPassword(token: String, new: String?, confirmation: String?, clientAddress: String?) async throws -> AccountRecord {
        guard let link = try await usablePasswordReset(token: token), let accountID = link.accountID,
              let account = try await database.read({ db in try await AccountRepository.find(id: accountID, in: db) }) else {
            throw LinkNoLongerValid()
        }
        let password = try NewPassword(password: new, confirmation: confirmation, email: account.email, policy: policy)
        let hash = try await hasher.hash(password.value)
        let now = clock.now()
        try await database.transaction { db in
            guard try await OneTimeLinkRepository.markUsed(tokenHash: link.tokenHash, at: now, in: db) else {
                throw LinkNoLongerValid()
            }
            try await AccountRepository.updatePassword(accountID: account.id, hash: hash, at: now, in: db)
            try await WebSessionRepository.deleteAll(accountID: account.id, in: db)
            try await APITokenRepository.deleteAll(accountID: account.id, in: db)
            try await SignInThrottleRepository.forgive(SignInThrottle.forgiven(email: account.email, address: clientAddress), in: db)
            try await AuditLog.record(.init(
                occurredAt: now, actorID: account.id, action: "account.password_reset", subjectAccountID: account.id,
                clientAddress: clientAddress
            ), in: db)
        }
        return account
    }
}
