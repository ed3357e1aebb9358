import Foundation
import SQLKit

/// Members whose plan has yet to adapt to something they recorded. The mark is written in the
/// same transaction as the session, walk or check-in, and cleared once the plan has adapted,
/// so a crash in between leaves a mark that the server finishes at start or on its next round.
public enum PendingAdaptationRepository {
    public static func mark(memberID: UUID, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO pending_adaptations (member_id, since) VALUES (\(bind: memberID.uuidString), \(bind: instant.storedMilliseconds))
            ON CONFLICT (member_id) DO NOTHING
            """
        ).run()
    }

    public static func clear(memberID: UUID, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM pending_adaptations WHERE member_id = \(bind: memberID.uuidString)").run()
    }

    /// Oldest first, at most `limit`.
    public static func pending(limit: Int, in db: any SQLDatabase) async throws -> [UUID] {
        try await db.raw("SELECT member_id FROM pending_adaptations ORDER BY since LIMIT \(bind: limit)").all().compactMap { row in
            UUID(uuidString: try row.decode(column: "member_id", as: String.self))
        }
    }
}
