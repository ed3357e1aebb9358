import Foundation
import SQLKit
import SuppleCore

/// Failed sign-in attempts per email address, kept in the database so that every server behind
/// a load balancer counts the same attempts.
public enum SignInFailureRepository {
    public static func record(email: EmailAddress, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO sign_in_failures (email, failed_at) VALUES (\(bind: email.value), \(bind: instant.storedMilliseconds))
            """).run()
    }

    /// Failures for this address since `since`, and the oldest of them (when the window frees up).
    public static func recent(email: EmailAddress, since: Date, in db: any SQLDatabase) async throws -> (count: Int, oldest: Date?) {
        let row = try await db.raw("""
            SELECT COUNT(*) AS n, MIN(failed_at) AS oldest FROM sign_in_failures
            WHERE email = \(bind: email.value) AND failed_at > \(bind: since.storedMilliseconds)
            """).first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.optionalInstant("oldest"))
    }

    public static func clear(email: EmailAddress, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM sign_in_failures WHERE email = \(bind: email.value)").run()
    }

    public static func deleteOlderThan(_ instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM sign_in_failures WHERE failed_at <= \(bind: instant.storedMilliseconds)").run()
    }
}
