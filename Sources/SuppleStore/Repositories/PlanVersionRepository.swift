import Foundation
import SQLKit

/// Versions of a member's plan. A change is a new row; old versions stay for history and for
/// the outcomes recorded against them.
public enum PlanVersionRepository {
    public struct Record: Sendable, Equatable {
        public let id: UUID
        public let memberID: UUID
        public let version: Int
        public let effectiveFrom: String
        public let author: String
        public let reason: String
        public let planJSON: String
        public let createdAt: Date
        /// What the clinician who made this version wrote to the member, if anyone did.
        public var memberNote: String? = nil
        /// Why the clinician went past the engine's limits (the guardrails they accepted), if they did.
        public var clinicianConfirmation: String? = nil
    }

    /// Adds the next version; returns it.
    /// The member's plan moved on past the version a change was made against.
    public struct MovedOn: Error, Equatable {
        public let latest: Int
    }

    /// Adds the next version, in the caller's transaction. Writes to one member's plan are taken
    /// one at a time: PostgreSQL holds the member's row until commit (SQLite's single writer
    /// already does), so the version read here is still the latest when the row goes in.
    /// With `expectingLatest`, a plan that has moved on since the caller read it is refused
    /// (`MovedOn`) inside the same transaction, so two edits of one version can't both land.
    public static func add(
        memberID: UUID,
        effectiveFrom: String,
        author: String,
        reason: String,
        planJSON: String,
        memberNote: String? = nil,
        clinicianConfirmation: String? = nil,
        expectingLatest: Int? = nil,
        at instant: Date,
        in db: any SQLDatabase
    ) async throws -> Record {
        if db.dialect.name == "postgresql" {
            try await db.raw("SELECT id FROM accounts WHERE id = \(bind: memberID.uuidString) FOR UPDATE").run()
        }
        let current = try await latest(memberID: memberID, in: db)?.version ?? 0
        if let expectingLatest, expectingLatest != current { throw MovedOn(latest: current) }
        let next = current + 1
        let record = Record(
            id: UUID(),
            memberID: memberID,
            version: next,
            effectiveFrom: effectiveFrom,
            author: author,
            reason: reason,
            planJSON: planJSON,
            createdAt: instant,
            memberNote: memberNote,
            clinicianConfirmation: clinicianConfirmation
        )
        try await db.raw(
            """
            INSERT INTO plan_versions (id, member_id, version, effective_from, author, reason, plan, created_at, member_note, clinician_confirmation)
            VALUES (\(bind: record.id.uuidString), \(bind: memberID.uuidString), \(bind: next), \(bind: effectiveFrom), \(bind: author),
                \(bind: reason), \(bind: planJSON), \(bind: instant.storedMilliseconds), \(bind: memberNote), \(bind: clinicianConfirmation))
            """
        ).run()
        return record
    }

    public static func latest(memberID: UUID, in db: any SQLDatabase) async throws -> Record? {
        try await db.raw("SELECT * FROM plan_versions WHERE member_id = \(bind: memberID.uuidString) ORDER BY version DESC LIMIT 1").first().map(
            decode
        )
    }

    public static func all(memberID: UUID, in db: any SQLDatabase) async throws -> [Record] {
        try await db.raw("SELECT * FROM plan_versions WHERE member_id = \(bind: memberID.uuidString) ORDER BY version").all().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> Record {
        Record(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            memberID: UUID(uuidString: try row.decode(column: "member_id", as: String.self))!,
            version: try row.decode(column: "version", as: Int.self),
            effectiveFrom: try row.decode(column: "effective_from", as: String.self),
            author: try row.decode(column: "author", as: String.self),
            reason: try row.decode(column: "reason", as: String.self),
            planJSON: try row.decode(column: "plan", as: String.self),
            createdAt: try row.instant("created_at"),
            memberNote: try row.decode(column: "member_note", as: String?.self),
            clinicianConfirmation: try row.decode(column: "clinician_confirmation", as: String?.self)
        )
    }
}
