import Foundation
import SQLKit

/// Sign-in attempts counted per subject in fixed windows, in the database so that every server
/// behind a load balancer counts the same attempts.
public enum SignInThrottleRepository {
    public struct Count: Sendable, Equatable {
        public let attempts: Int
        public let windowStartedAt: Date
    }

    /// Counts one more attempt for `subject` and returns the count with it, starting a new window
    /// when the current one began more than `window` ago. One upsert: on SQLite and PostgreSQL
    /// alike, concurrent attempts each see their own number.
    public static func count(_ subject: String, window: TimeInterval, at now: Date, in db: any SQLDatabase) async throws -> Count {
        let millis = now.storedMilliseconds
        let expired = now.addingTimeInterval(-window).storedMilliseconds
        let row = try await db.raw(
            """
            INSERT INTO sign_in_throttle (subject, window_started_at, attempts) VALUES (\(bind: subject), \(bind: millis), 1)
            ON CONFLICT (subject) DO UPDATE SET
                attempts = CASE WHEN sign_in_throttle.window_started_at <= \(bind: expired) THEN 1 ELSE sign_in_throttle.attempts + 1 END,
                window_started_at = CASE WHEN sign_in_throttle.window_started_at <= \(bind: expired) THEN \(bind: millis) ELSE sign_in_throttle.window_started_at END
            RETURNING attempts, window_started_at
            """
        ).first()
        guard let row else { return Count(attempts: 1, windowStartedAt: now) }
        return Count(attempts: try row.decode(column: "attempts", as: Int.self), windowStartedAt: try row.instant("window_started_at"))
    }

    /// Forgets the subjects' counts: the owner proved who they are.
    public static func forgive(_ subjects: [String], in db: any SQLDatabase) async throws {
        for subject in subjects {
            try await db.raw("DELETE FROM sign_in_throttle WHERE subject = \(bind: subject)").run()
        }
    }
}
