import Foundation
import SQLKit
import SuppleCore
import SuppleStore

extension AccountService {
    public static let passwordResetLifetime: TimeInterval = 3600

    /// Sends a reset link if the address has an account. The caller shows the same answer
    /// either way, so the form cannot be used to find out who has an account (finding 4):
    /// - the request is counted first, per address (past the limit: `RequestLimitReached`) and per
    ///   account (past it, nothing more is sent, and the answer is still the same);
    /// - a new link retires the account's earlier ones, so only one link is ever live;
    /// - the link goes to `links`, which by email delivers it and without a mail server only
    ///   notes that one was asked for: a usable link is never written to the log.
    public func requestPasswordReset(email rawEmail: String?, clientAddress: String?) async throws {
        let email = try EmailAddress(validating: rawEmail)
        let now = clock.now()
        let token = SecretToken.generate()
        let created: Bool = try await database.transaction { db in
            let limits = [SharedLimit.resetRequests(from: clientAddress), SharedLimit.resetRequests(for: email)]
            if let (limit, until) = try await SharedLimit.count(limits, at: now, in: db) {
                // Past the account's own limit the person is told the same as ever: a limit
                // that answered differently would say the account exists.
                guard limit == limits[0] else { return false }
                throw RequestLimitReached(until: until, now: now)
            }
            guard let account = try await AccountRepository.find(email: email, in: db), account.disabledAt == nil else { return false }
            try await Self.insertResetLink(token, for: account, createdBy: nil, at: now, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: nil,
                    action: "account.password_reset_requested",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
            return true
        }
        guard created else { return }
        await links.deliver(OutboundLink(kind: .passwordReset, email: email, url: "\(publicBaseURL)/password/reset/\(token.value)"))
    }

    /// An admin makes a reset link for someone who cannot get email (or on an installation with
    /// no mail server), to pass on in person. Audited; it retires the account's earlier links.
    /// With no admin (`nil`), the operator is asking at the command line, on the server itself.
    public func issuePasswordReset(
        _ target: AccountLookup,
        by admin: AccountRecord?,
        clientAddress: String?
    ) async throws -> OutboundLink {
        if let admin, !AccessPolicy.permits(admin.actor, .manageStaff) { throw AccessDenied() }
        let now = clock.now()
        let token = SecretToken.generate()
        let account: AccountRecord = try await database.transaction { db in
            guard let account = try await target.find(in: db), account.disabledAt == nil else {
                throw ValidationFailure(field: "account", message: "No enabled account matches. Check the email, or enable the account first.")
            }
            try await Self.insertResetLink(token, for: account, createdBy: admin?.id, at: now, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: admin?.id,
                    action: "account.password_reset_issued",
                    subjectAccountID: account.id,
                    detail: admin == nil ? "by=command_line" : "",
                    clientAddress: clientAddress
                ),
                in: db
            )
            return account
        }
        return OutboundLink(kind: .passwordReset, email: account.email, url: "\(publicBaseURL)/password/reset/\(token.value)")
    }

    public enum AccountLookup: Sendable {
        case id(UUID)
        case email(String)

        func find(in db: any SQLDatabase) async throws -> AccountRecord? {
            switch self {
            case .id(let id): return try await AccountRepository.find(id: id, in: db)
            case .email(let raw):
                guard let email = try? EmailAddress(validating: raw) else { return nil }
                return try await AccountRepository.find(email: email, in: db)
            }
        }
    }

    static func insertResetLink(_ token: SecretToken, for account: AccountRecord, createdBy: UUID?, at now: Date, in db: any SQLDatabase) async throws
    {
        try await OneTimeLinkRepository.retireOpen(accountID: account.id, purpose: .passwordReset, at: now, in: db)
        try await OneTimeLinkRepository.insert(
            tokenHash: token.hash,
            purpose: .passwordReset,
            email: account.email,
            accountID: account.id,
            role: nil,
            createdBy: createdBy,
            createdAt: now,
            expiresAt: now.addingTimeInterval(passwordResetLifetime),
            in: db
        )
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
            let account = try await database.read({ db in try await AccountRepository.find(id: accountID, in: db) })
        else {
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
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "account.password_reset",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return account
    }
}
