import Foundation
import SQLKit

/// The answers of retried API writes, per account and key. A key is claimed inside the first
/// write transaction of its request, so the claim and the write land together or not at all;
/// the answer is kept once the request has one, for replays.
public enum IdempotencyRepository {
    public struct Entry: Sendable, Equatable {
        public let fingerprint: String
        /// The server process that claimed it (a random id per start).
        public let claimedBy: String
        public let status: Int?
        public let contentType: String?
        public let body: String?
        public let createdAt: Date
    }

    public static func find(accountID: UUID, key: String, in db: any SQLDatabase) async throws -> Entry? {
        try await db.raw(
            """
            SELECT fingerprint, claimed_by, status, content_type, body, created_at FROM idempotent_requests
            WHERE account_id = \(bind: accountID.uuidString) AND idempotency_key = \(bind: key)
            """
        ).first().map { row in
            Entry(
                fingerprint: try row.decode(column: "fingerprint", as: String.self),
                claimedBy: try row.decode(column: "claimed_by", as: String.self),
                status: try row.decode(column: "status", as: Int?.self),
                contentType: try row.decode(column: "content_type", as: String?.self),
                body: try row.decode(column: "body", as: String?.self),
                createdAt: Date(storedMilliseconds: try row.decode(column: "created_at", as: Int64.self))
            )
        }
    }

    /// Claims the key for this request; false when another request claimed it first.
    public static func claim(
        accountID: UUID,
        key: String,
        fingerprint: String,
        by instance: String = "",
        at instant: Date,
        in db: any SQLDatabase
    ) async throws -> Bool {
        try await db.raw(
            """
            INSERT INTO idempotent_requests (account_id, idempotency_key, fingerprint, claimed_by, created_at)
            VALUES (\(bind: accountID.uuidString), \(bind: key), \(bind: fingerprint), \(bind: instance), \(bind: instant.storedMilliseconds))
            ON CONFLICT (account_id, idempotency_key) DO NOTHING
            RETURNING account_id
            """
        ).first() != nil
    }

    /// Keeps the first answer, so a replay gets exactly it.
    public static func saveAnswer(accountID: UUID, key: String, status: Int, contentType: String?, body: String, in db: any SQLDatabase) async throws
    {
        try await db.raw(
            """
            UPDATE idempotent_requests SET status = \(bind: status), content_type = \(bind: contentType), body = \(bind: body)
            WHERE account_id = \(bind: accountID.uuidString) AND idempotency_key = \(bind: key)
            """
        ).run()
    }

    /// Forgets keys older than `cutoff`; returns how many.
    @discardableResult
    public static func deleteOlder(than cutoff: Date, in db: any SQLDatabase) async throws -> Int {
        try await db.raw(
            """
            DELETE FROM idempotent_requests WHERE created_at < \(bind: cutoff.storedMilliseconds) RETURNING account_id
            """
        ).all().count
    }
}
