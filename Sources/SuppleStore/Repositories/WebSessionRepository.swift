import Foundation
import SQLKit

/// Server-side sign-in sessions. Only a hash of the cookie value is stored, so a copy of the
/// database cannot be used to sign in as anyone.
public enum WebSessionRepository {
    public struct Session: Sendable, Equatable {
        public let tokenHash: String
        public let accountID: UUID
        public let createdAt: Date
        public let expiresAt: Date
        public let lastSeenAt: Date
    }

    public static func insert(tokenHash: String, accountID: UUID, createdAt: Date, expiresAt: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO web_sessions (token_hash, account_id, created_at, expires_at, last_seen_at)
            VALUES (\(bind: tokenHash), \(bind: accountID.uuidString), \(bind: createdAt.storedMilliseconds),
                \(bind: expiresAt.storedMilliseconds), \(bind: createdAt.storedMilliseconds))
            """
        ).run()
    }

    /// The session for a token hash, if it exists and has not expired at `now`.
    public static func findLive(tokenHash: String, now: Date, in db: any SQLDatabase) async throws -> Session? {
        try await db.raw(
            """
            SELECT * FROM web_sessions WHERE token_hash = \(bind: tokenHash) AND expires_at > \(bind: now.storedMilliseconds)
            """
        ).first().map { row in
            Session(
                tokenHash: try row.decode(column: "token_hash", as: String.self),
                accountID: UUID(uuidString: try row.decode(column: "account_id", as: String.self))!,
                createdAt: try row.instant("created_at"),
                expiresAt: try row.instant("expires_at"),
                lastSeenAt: try row.instant("last_seen_at")
            )
        }
    }

    public static func touch(tokenHash: String, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE web_sessions SET last_seen_at = \(bind: instant.storedMilliseconds) WHERE token_hash = \(bind: tokenHash)
            """
        ).run()
    }

    public static func delete(tokenHash: String, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM web_sessions WHERE token_hash = \(bind: tokenHash)").run()
    }

    /// Ends every session of an account except, optionally, the one in use.
    public static func deleteAll(accountID: UUID, except keptHash: String? = nil, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            DELETE FROM web_sessions WHERE account_id = \(bind: accountID.uuidString)
            AND token_hash <> \(bind: keptHash ?? "")
            """
        ).run()
    }

    public static func deleteExpired(now: Date, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM web_sessions WHERE expires_at <= \(bind: now.storedMilliseconds)").run()
    }

    public static func count(accountID: UUID, in db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM web_sessions WHERE account_id = \(bind: accountID.uuidString)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
