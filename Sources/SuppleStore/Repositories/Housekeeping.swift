import Foundation
import SQLKit

/// The periodic clean-up: what has expired is deleted so tables stay small and old secrets
/// are gone. One server at a time does it on PostgreSQL (an advisory lock held for the
/// transaction); the others skip that round.
public enum Housekeeping {
    public struct Swept: Sendable, Equatable {
        public var webSessions = 0
        public var apiTokens = 0
        public var oneTimeLinks = 0
        public var idempotencyKeys = 0
        public var signInFailures = 0
        /// False when another server held the lock and this round did nothing.
        public var ran = true
    }

    /// An arbitrary constant: the advisory lock's name among Supple's servers.
    static let lockKey: Int64 = 0x5355_5050_4c45  // "SUPPLE"

    /// How long an idempotency key is honoured: long enough for any client's retries.
    public static let idempotencyKeyLife: TimeInterval = 7 * 24 * 3600
    /// Sign-in failures count toward a lockout for minutes; a day is plenty to keep them.
    static let signInFailureLife: TimeInterval = 24 * 3600
    /// Used or expired one-time links are kept a while so "this link was already used" can be said.
    static let oneTimeLinkLife: TimeInterval = 30 * 24 * 3600

    public static func sweep(now: Date, kind: DatabaseKind, in db: any SQLDatabase) async throws -> Swept {
        if kind == .postgres {
            let locked =
                try await db.raw("SELECT pg_try_advisory_xact_lock(\(bind: lockKey)) AS locked").first()?.decode(column: "locked", as: Bool.self)
                ?? false
            guard locked else { return Swept(ran: false) }
        }
        let millis = now.storedMilliseconds
        var swept = Swept()
        swept.webSessions = try await count(db, "DELETE FROM web_sessions WHERE expires_at <= \(bind: millis) RETURNING token_hash")
        swept.apiTokens = try await count(db, "DELETE FROM api_tokens WHERE expires_at <= \(bind: millis) RETURNING id")
        let linkCutoff = now.addingTimeInterval(-oneTimeLinkLife).storedMilliseconds
        swept.oneTimeLinks = try await count(db, "DELETE FROM one_time_links WHERE expires_at <= \(bind: linkCutoff) RETURNING token_hash")
        swept.idempotencyKeys = try await IdempotencyRepository.deleteOlder(than: now.addingTimeInterval(-idempotencyKeyLife), in: db)
        let failureCutoff = now.addingTimeInterval(-signInFailureLife).storedMilliseconds
        swept.signInFailures = try await count(db, "DELETE FROM sign_in_throttle WHERE window_started_at < \(bind: failureCutoff) RETURNING subject")
        return swept
    }

    private static func count(_ db: any SQLDatabase, _ query: SQLQueryString) async throws -> Int {
        try await db.raw(query).all().count
    }
}
