import Foundation
import SQLKit
import SuppleCore

/// SOAP-style clinical notes. Append-only: there is no update or delete here. A correction is a
/// new note that amends an earlier one, and both stay in the record.
public enum ClinicalNoteRepository {
    public struct Note: Sendable, Equatable {
        public let id: UUID
        public let memberID: UUID
        public let authorID: UUID
        public let amendsNoteID: UUID?
        public let subjective: String
        public let objective: String
        public let assessment: String
        public let plan: String
        public let writtenAt: Date

        public init(
            id: UUID = UUID(),
            memberID: UUID,
            authorID: UUID,
            amendsNoteID: UUID? = nil,
            subjective: String,
            objective: String,
            assessment: String,
            plan: String,
            writtenAt: Date
        ) {
            self.id = id
            self.memberID = memberID
            self.authorID = authorID
            self.amendsNoteID = amendsNoteID
            self.subjective = subjective
            self.objective = objective
            self.assessment = assessment
            self.plan = plan
            self.writtenAt = writtenAt
        }
    }

    public struct Written: Sendable, Equatable {
        public let note: Note
        public let authorName: String
        public let authorRole: Role
    }

    public static func add(_ note: Note, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO clinical_notes (id, member_id, author_id, amends_note_id, subjective, objective, assessment, plan, written_at)
            VALUES (\(bind: note.id.uuidString), \(bind: note.memberID.uuidString), \(bind: note.authorID.uuidString),
                \(bind: note.amendsNoteID?.uuidString), \(bind: note.subjective), \(bind: note.objective), \(bind: note.assessment),
                \(bind: note.plan), \(bind: note.writtenAt.storedMilliseconds))
            """
        ).run()
    }

    /// Every note on the member's record, oldest first, with who wrote it.
    public static func forMember(_ memberID: UUID, in db: any SQLDatabase) async throws -> [Written] {
        try await db.raw(
            """
            SELECT n.*, a.name AS author_name, a.role AS author_role FROM clinical_notes n JOIN accounts a ON a.id = n.author_id
            WHERE n.member_id = \(bind: memberID.uuidString) ORDER BY n.written_at, n.id
            """
        ).all().map { row in
            Written(
                note: try decode(row),
                authorName: try row.decode(column: "author_name", as: String.self),
                authorRole: Role(rawValue: try row.decode(column: "author_role", as: String.self)) ?? .physicalTherapist
            )
        }
    }

    public static func find(id: UUID, in db: any SQLDatabase) async throws -> Note? {
        try await db.raw("SELECT * FROM clinical_notes WHERE id = \(bind: id.uuidString)").first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> Note {
        Note(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            memberID: UUID(uuidString: try row.decode(column: "member_id", as: String.self))!,
            authorID: UUID(uuidString: try row.decode(column: "author_id", as: String.self))!,
            amendsNoteID: try row.decode(column: "amends_note_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            subjective: try row.decode(column: "subjective", as: String.self),
            objective: try row.decode(column: "objective", as: String.self),
            assessment: try row.decode(column: "assessment", as: String.self),
            plan: try row.decode(column: "plan", as: String.self),
            writtenAt: try row.instant("written_at")
        )
    }
}
