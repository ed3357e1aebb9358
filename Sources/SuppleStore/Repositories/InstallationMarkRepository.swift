import Foundation
import SQLKit

/// Named facts about the installation itself, kept in its database so they travel with it
/// (a backup of a demo database is still a demo).
public enum InstallationMarkRepository {
    public enum Mark: String, Sendable {
        /// This database holds the demo's people, whose password is published.
        case demo
    }

    public static func set(_ mark: Mark, value: String = "yes", at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO installation_marks (name, value, set_at) VALUES (\(bind: mark.rawValue), \(bind: value), \(bind: instant.storedMilliseconds))
            ON CONFLICT (name) DO NOTHING
            """
        ).run()
    }

    public static func isSet(_ mark: Mark, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT 1 AS found FROM installation_marks WHERE name = \(bind: mark.rawValue)").first() != nil
    }
}
