import Foundation
import SQLKit

/// Each staff member's own saved replies: short texts they send often, kept by title.
public enum SavedReplyRepository {
    public struct Reply: Sendable, Equatable {
        public let id: UUID
        public let staffID: UUID
        public let title: String
        public let body: String
        public let createdAt: Date

        public init(id: UUID = UUID(), staffID: UUID, title: String, body: String, createdAt: Date) {
            self.id = id
            self.staffID = staffID
            self.title = title
            self.body = body
            self.createdAt = createdAt
        }
    }

    public static func add(_ reply: Reply, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO saved_replies (id, staff_id, title, body, created_at)
            VALUES (\(bind: reply.id.uuidString), \(bind: reply.staffID.uuidString), \(bind: reply.title), \(bind: reply.body), \(bind: reply.createdAt.storedMilliseconds))
            """
        ).run()
    }

    public static func list(staffID: UUID, in db: any SQLDatabase) async throws -> [Reply] {
        try await db.raw("SELECT * FROM saved_replies WHERE staff_id = \(bind: staffID.uuidString) ORDER BY title, created_at, id").all().map(decode)
    }

    /// Removes one of the staff member's own replies; false if it is not theirs or not there.
    public static func delete(id: UUID, staffID: UUID, in db: any SQLDatabase) async throws -> Bool {
        !(try await db.raw(
            """
            DELETE FROM saved_replies WHERE id = \(bind: id.uuidString) AND staff_id = \(bind: staffID.uuidString) RETURNING id
            """
        ).all()).isEmpty
    }

    static func decode(_ row: any SQLRow) throws -> Reply {
        Reply(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            staffID: UUID(uuidString: try row.decode(column: "staff_id", as: String.self))!,
            title: try row.decode(column: "title", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            createdAt: try row.instant("created_at")
        )
    }
}
