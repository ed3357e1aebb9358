import Foundation
import SuppleCore
import SuppleStore

extension AccountService {
    public struct IssuedToken: Sendable {
        public let id: UUID
        public let secret: SecretToken
        public let expiresAt: Date
    }

    /// A bearer token for the JSON API. The secret is shown once; only its hash is kept.
    public func issueAPIToken(for account: AccountRecord, label: String, clientAddress: String?) async throws -> IssuedToken {
        let id = UUID()
        let secret = SecretToken.generate()
        let now = clock.now()
        let expiresAt = now.addingTimeInterval(Self.apiTokenLifetime)
        try await database.transaction { db in
            try await APITokenRepository.insert(
                id: id,
                tokenHash: secret.hash,
                accountID: account.id,
                label: String(label.prefix(100)),
                createdAt: now,
                expiresAt: expiresAt,
                in: db
            )
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: account.id,
                    action: "api_token.issued",
                    subjectAccountID: account.id,
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
        return IssuedToken(id: id, secret: secret, expiresAt: expiresAt)
    }

    public func resolveAPIToken(_ value: String) async throws -> SignedIn? {
        let now = clock.now()
        return try await database.read { db in
            guard let token = try await APITokenRepository.findLive(tokenHash: SecretToken.hash(value), now: now, in: db),
                let account = try await AccountRepository.find(id: token.accountID, in: db),
                account.disabledAt == nil
            else { return nil }
            let hasSecondFactor = account.role.isStaff ? try await SecondFactorRepository.isConfirmed(accountID: account.id, in: db) : false
            return SignedIn(account: account, sessionHash: nil, apiTokenID: token.id, hasSecondFactor: hasSecondFactor)
        }
    }

    public func revokeAPIToken(id: UUID) async throws {
        try await database.transaction { db in try await APITokenRepository.delete(id: id, in: db) }
    }
}
