import Foundation
import SQLKit
import SuppleCore

/// Single-use links sent to a person: a password reset or a staff invitation. Only the hash of
/// the secret in the link is stored; a link works once and until it expires.
public enum OneTimeLinkRepository {
    public enum Purpose: String, Sendable {
        case passwordReset = "password_reset"
        case staffInvitation = "staff_invite"
        /// The password was right; the second factor is still to come (five minutes).
        case pendingSecondFactor = "second_factor"
    }

    public struct Link: Sendable, Equatable {
        public let tokenHash: String
        public let purpose: Purpose
        public let email: EmailAddress
        public let accountID: UUID?
        public let role: Role?
        public let createdBy: UUID?
        public let createdAt: Date
        public let expiresAt: Date
        public let usedAt: Date?
    }

    public static func insert(
        tokenHash: String,
        purpose: Purpose,
        email: EmailAddress,
        accountID: UUID?,
        role: Role?,
        createdBy: UUID?,
        createdAt: Date,
        expiresAt: Date,
        in db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO one_time_links (token_hash, purpose, email, account_id, role, created_by, created_at, expires_at)
            VALUES (\(bind: tokenHash), \(bind: purpose.rawValue), \(bind: email.value), \(bind: accountID?.uuidString),
                \(bind: role?.rawValue), \(bind: createdBy?.uuidString), \(bind: createdAt.storedMilliseconds),
                \(bind: expiresAt.storedMilliseconds))
            """
        ).run()
    }

    /// The link if it exists, is for `purpose`, is unused and has not expired at `now`.
    public static func findUsable(tokenHash: String, purpose: Purpose, now: Date, in db: any SQLDatabase) async throws -> Link? {
        try await db.raw(
            """
            SELECT * FROM one_time_links WHERE token_hash = \(bind: tokenHash) AND purpose = \(bind: purpose.rawValue)
            AND used_at IS NULL AND expires_at > \(bind: now.storedMilliseconds)
            """
        ).first().map(decode)
    }

    /// Marks the link used. Returns false if it was already used (two tabs submitting at once).
    public static func markUsed(tokenHash: String, at instant: Date, in db: any SQLDatabase) async throws -> Bool {
        let rows = try await db.raw(
            """
            UPDATE one_time_links SET used_at = \(bind: instant.storedMilliseconds)
            WHERE token_hash = \(bind: tokenHash) AND used_at IS NULL
            RETURNING token_hash
            """
        ).all()
        return !rows.isEmpty
    }

    /// Retires every open link of `purpose` for an account, so the one about to be made is the
    /// only live one (a reset link asked for twice leaves one working link, not two).
    public static func retireOpen(accountID: UUID, purpose: Purpose, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE one_time_links SET used_at = \(bind: instant.storedMilliseconds)
            WHERE account_id = \(bind: accountID.uuidString) AND purpose = \(bind: purpose.rawValue) AND used_at IS NULL
            """
        ).run()
    }

    /// Withdraws an open invitation. Returns the invitation, or nil if it was not open.
    public static func withdrawInvitation(tokenHash: String, at instant: Date, in db: any SQLDatabase) async throws -> Link? {
        try await db.raw(
            """
            UPDATE one_time_links SET used_at = \(bind: instant.storedMilliseconds)
            WHERE token_hash = \(bind: tokenHash) AND purpose = \(bind: Purpose.staffInvitation.rawValue) AND used_at IS NULL
            RETURNING *
            """
        ).first().map(decode)
    }

    /// Invitations still open (not used, not expired), newest first.
    public static func openInvitations(now: Date, in db: any SQLDatabase) async throws -> [Link] {
        try await db.raw(
            """
            SELECT * FROM one_time_links WHERE purpose = \(bind: Purpose.staffInvitation.rawValue)
            AND used_at IS NULL AND expires_at > \(bind: now.storedMilliseconds) ORDER BY created_at DESC
            """
        ).all().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> Link {
        Link(
            tokenHash: try row.decode(column: "token_hash", as: String.self),
            purpose: Purpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .passwordReset,
            email: EmailAddress(trusted: try row.decode(column: "email", as: String.self)),
            accountID: try row.decode(column: "account_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            role: try row.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:)),
            createdBy: try row.decode(column: "created_by", as: String?.self).flatMap(UUID.init(uuidString:)),
            createdAt: try row.instant("created_at"),
            expiresAt: try row.instant("expires_at"),
            usedAt: try row.optionalInstant("used_at")
        )
    }
}
