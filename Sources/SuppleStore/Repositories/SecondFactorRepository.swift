import Foundation
import SQLKit

/// Second factors (RFC 6238 time-based codes) and their one-time recovery codes. The secret is
/// kept as it must be to check codes; recovery codes are kept only as hashes.
public enum SecondFactorRepository {
    public struct Factor: Sendable, Equatable {
        public let accountID: UUID
        public let secret: String
        public let createdAt: Date
        public let confirmedAt: Date?
        public let lastUsedStep: Int64?
    }

    /// Starts enrolment with a new secret, replacing any unconfirmed one (a confirmed factor is
    /// left alone: the caller turns it off first).
    public static func begin(accountID: UUID, secret: String, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO second_factors (account_id, secret, created_at) VALUES (\(bind: accountID.uuidString), \(bind: secret), \(bind: instant.storedMilliseconds))
            ON CONFLICT (account_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, last_used_step = NULL
            WHERE second_factors.confirmed_at IS NULL
            """
        ).run()
    }

    public static func find(accountID: UUID, in db: any SQLDatabase) async throws -> Factor? {
        try await db.raw("SELECT * FROM second_factors WHERE account_id = \(bind: accountID.uuidString)").first().map { row in
            Factor(
                accountID: accountID,
                secret: try row.decode(column: "secret", as: String.self),
                createdAt: try row.instant("created_at"),
                confirmedAt: try row.optionalInstant("confirmed_at"),
                lastUsedStep: try row.decode(column: "last_used_step", as: Int64?.self)
            )
        }
    }

    public static func isConfirmed(accountID: UUID, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            SELECT 1 AS found FROM second_factors WHERE account_id = \(bind: accountID.uuidString) AND confirmed_at IS NOT NULL
            """
        ).first() != nil
    }

    /// Every account with a confirmed second factor, in one query (the team page's column).
    public static func confirmedAccountIDs(in db: any SQLDatabase) async throws -> Set<UUID> {
        Set(
            try await db.raw("SELECT account_id FROM second_factors WHERE confirmed_at IS NOT NULL").all()
                .compactMap { UUID(uuidString: try $0.decode(column: "account_id", as: String.self)) }
        )
    }

    /// Records that a code of time step `step` was used, in one statement, only if no code of
    /// that step or a later one has been: so the same code sent twice, even at once, works once.
    /// `confirming` also marks an unconfirmed factor confirmed.
    public static func use(step: Int64, accountID: UUID, confirming: Bool, at instant: Date, in db: any SQLDatabase) async throws -> Bool {
        let confirmed =
            confirming ? SQLQueryString("confirmed_at = COALESCE(confirmed_at, \(bind: instant.storedMilliseconds)),") : SQLQueryString("")
        let rows = try await db.raw(
            """
            UPDATE second_factors SET \(confirmed) last_used_step = \(bind: step)
            WHERE account_id = \(bind: accountID.uuidString) AND (last_used_step IS NULL OR last_used_step < \(bind: step))
            RETURNING account_id
            """
        ).all()
        return !rows.isEmpty
    }

    public static func remove(accountID: UUID, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM recovery_codes WHERE account_id = \(bind: accountID.uuidString)").run()
        try await db.raw("DELETE FROM second_factors WHERE account_id = \(bind: accountID.uuidString)").run()
    }

    // MARK: Recovery codes

    /// Replaces every recovery code of the account with these (hashes).
    public static func replaceRecoveryCodes(accountID: UUID, hashes: [String], in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM recovery_codes WHERE account_id = \(bind: accountID.uuidString)").run()
        for hash in hashes {
            try await db.raw(
                """
                INSERT INTO recovery_codes (account_id, code_hash) VALUES (\(bind: accountID.uuidString), \(bind: hash))
                """
            ).run()
        }
    }

    /// Uses up a recovery code; false if it is not the account's or was used already.
    public static func useRecoveryCode(hash: String, accountID: UUID, at instant: Date, in db: any SQLDatabase) async throws -> Bool {
        let rows = try await db.raw(
            """
            UPDATE recovery_codes SET used_at = \(bind: instant.storedMilliseconds)
            WHERE account_id = \(bind: accountID.uuidString) AND code_hash = \(bind: hash) AND used_at IS NULL
            RETURNING code_hash
            """
        ).all()
        return !rows.isEmpty
    }

    public static func unusedRecoveryCodes(accountID: UUID, in db: any SQLDatabase) async throws -> Int {
        try await db.raw(
            """
            SELECT COUNT(*) AS n FROM recovery_codes WHERE account_id = \(bind: accountID.uuidString) AND used_at IS NULL
            """
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
