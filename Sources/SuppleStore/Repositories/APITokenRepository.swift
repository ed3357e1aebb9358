import Foundation
import SQLKit

/// Bearer tokens for the JSON API, stored as hashes.
public enum APITokenRepository {
    public struct Token: Sendable, Equatable {
        public let id: UUID
        public let accountID: UUID
        public let label: String
        public let createdAt: Date
        public let expiresAt: Date
    }

    public static func insert(
        id: UUID,
        tokenHash: String,
        accountID: UUID,
        label: String,
        createdAt: Date,
        expiresAt: Date,
        in db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO api_tokens (id, token_hash, account_id, label, created_at, expires_at)
            VALUES (\(bind: id.uuidString), \(bind: tokenHash), \(bind: accountID.uuidString), \(bind: label),
                \(bind: createdAt.storedMilliseconds), \(bind: expiresAt.storedMilliseconds))
            """
        ).run()
    }

    public static func findLive(tokenHash: String, now: Date, in db: any SQLDatabase) async throws -> Token? {
        try await db.raw(
            """
            SELECT * FROM api_tokens WHERE token_hash = \(bind: tokenHash) AND expires_at > \(bind: now.storedMilliseconds)
            """
        ).first().map { row in
            Token(
                id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
                accountID: UUID(uuidString: try row.decode(column: "account_id", as: String.self))!,
                label: try row.decode(column: "label", as: String.self),
                createdAt: try row.instant("created_at"),
                expiresAt: try row.instant("expires_at")
            )
        }
    }

    public static func delete(id: UUID, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM api_tokens WHERE id = \(bind: id.uuidString)").run()
    }

    public static func deleteAll(accountID: UUID, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM api_tokens WHERE account_id = \(bind: accountID.uuidString)").run()
    }
}
