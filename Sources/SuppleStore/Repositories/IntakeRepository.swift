import Foundation
import SQLKit

/// Intake answers, saved as the member goes (a draft) and kept once submitted. The answers are
/// the intake JSON document of docs/intake.md, so a draft can be resumed on any device.
public enum IntakeRepository {
    public enum Status: String, Sendable { case draft, submitted }

    public struct Record: Sendable, Equatable {
        public let id: UUID
        public let accountID: UUID
        public let status: Status
        public let answers: String
        public let furthestStep: Int
        public let updatedAt: Date
        public let submittedAt: Date?
    }

    /// The member's draft, if they have one in progress.
    public static func draft(accountID: UUID, in db: any SQLDatabase) async throws -> Record? {
        try await db.raw(
            """
            SELECT * FROM intakes WHERE account_id = \(bind: accountID.uuidString) AND status = \(bind: Status.draft.rawValue)
            ORDER BY updated_at DESC LIMIT 1
            """
        ).first().map(decode)
    }

    /// The member's most recent submitted intake.
    public static func latestSubmitted(accountID: UUID, in db: any SQLDatabase) async throws -> Record? {
        try await db.raw(
            """
            SELECT * FROM intakes WHERE account_id = \(bind: accountID.uuidString) AND status = \(bind: Status.submitted.rawValue)
            ORDER BY submitted_at DESC, id LIMIT 1
            """
        ).first().map(decode)
    }

    /// Creates or replaces the member's draft answers.
    public static func saveDraft(accountID: UUID, answers: String, furthestStep: Int, at instant: Date, in db: any SQLDatabase) async throws -> UUID {
        if let existing = try await draft(accountID: accountID, in: db) {
            try await db.raw(
                """
                UPDATE intakes SET answers = \(bind: answers), furthest_step = \(bind: max(existing.furthestStep, furthestStep)),
                updated_at = \(bind: instant.storedMilliseconds) WHERE id = \(bind: existing.id.uuidString)
                """
            ).run()
            return existing.id
        }
        let id = UUID()
        try await db.raw(
            """
            INSERT INTO intakes (id, account_id, status, answers, furthest_step, created_at, updated_at)
            VALUES (\(bind: id.uuidString), \(bind: accountID.uuidString), \(bind: Status.draft.rawValue), \(bind: answers),
                \(bind: furthestStep), \(bind: instant.storedMilliseconds), \(bind: instant.storedMilliseconds))
            """
        ).run()
        return id
    }

    public static func markSubmitted(id: UUID, answers: String, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE intakes SET status = \(bind: Status.submitted.rawValue), answers = \(bind: answers),
            submitted_at = \(bind: instant.storedMilliseconds), updated_at = \(bind: instant.storedMilliseconds)
            WHERE id = \(bind: id.uuidString)
            """
        ).run()
    }

    /// Replaces a submitted intake's answers: only for answers the member may add after their
    /// plan is made (what matters to them), which no decision was built on.
    public static func updateSubmittedAnswers(id: UUID, answers: String, at instant: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE intakes SET answers = \(bind: answers), updated_at = \(bind: instant.storedMilliseconds)
            WHERE id = \(bind: id.uuidString) AND status = \(bind: Status.submitted.rawValue)
            """
        ).run()
    }

    /// Stores a complete intake that arrived whole (the API), already submitted.
    public static func insertSubmitted(accountID: UUID, answers: String, at instant: Date, in db: any SQLDatabase) async throws -> UUID {
        let id = UUID()
        try await db.raw(
            """
            INSERT INTO intakes (id, account_id, status, answers, furthest_step, created_at, updated_at, submitted_at)
            VALUES (\(bind: id.uuidString), \(bind: accountID.uuidString), \(bind: Status.submitted.rawValue), \(bind: answers), 0,
                \(bind: instant.storedMilliseconds), \(bind: instant.storedMilliseconds), \(bind: instant.storedMilliseconds))
            """
        ).run()
        return id
    }

    static func decode(_ row: any SQLRow) throws -> Record {
        Record(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            accountID: UUID(uuidString: try row.decode(column: "account_id", as: String.self))!,
            status: Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            answers: try row.decode(column: "answers", as: String.self),
            furthestStep: try row.decode(column: "furthest_step", as: Int.self),
            updatedAt: try row.instant("updated_at"),
            submittedAt: try row.optionalInstant("submitted_at")
        )
    }
}
