import Foundation
import SQLKit
import SuppleCore

/// The history of roster imports and the rows each one rejected.
public enum RosterImportRepository {
    public struct Record: Sendable {
        public let id: UUID
        public let mode: String
        public let asOf: String
        public let fileName: String
        public let source: String
        public let importedAt: Date
        public let summary: RosterImportSummary
    }

    public static func recent(organizationID: UUID, limit: Int = 20, in db: any SQLDatabase) async throws -> [Record] {
        try await db.raw(
            """
            SELECT * FROM roster_imports WHERE organization_id = \(bind: organizationID.uuidString)
            ORDER BY imported_at DESC, id LIMIT \(bind: limit)
            """
        ).all().map(decode)
    }

    public static func find(id: UUID, organizationID: UUID, in db: any SQLDatabase) async throws -> Record? {
        try await db.raw(
            """
            SELECT * FROM roster_imports WHERE id = \(bind: id.uuidString) AND organization_id = \(bind: organizationID.uuidString)
            """
        ).first().map(decode)
    }

    public static func rejections(importID: UUID, limit: Int = 1_000, in db: any SQLDatabase) async throws -> [RosterRejection] {
        try await db.raw(
            """
            SELECT line, field, reason FROM roster_import_rejections WHERE import_id = \(bind: importID.uuidString)
            ORDER BY line LIMIT \(bind: limit)
            """
        ).all().map { row in
            RosterRejection(
                line: try row.decode(column: "line", as: Int.self),
                field: try row.decode(column: "field", as: String.self),
                reason: try row.decode(column: "reason", as: String.self)
            )
        }
    }

    static func decode(_ row: any SQLRow) throws -> Record {
        var summary = RosterImportSummary()
        summary.rowsRead = try row.decode(column: "rows_read", as: Int.self)
        summary.added = try row.decode(column: "added", as: Int.self)
        summary.updated = try row.decode(column: "updated", as: Int.self)
        summary.unchanged = try row.decode(column: "unchanged", as: Int.self)
        summary.ended = try row.decode(column: "ended", as: Int.self)
        summary.rejected = try row.decode(column: "rejected", as: Int.self)
        return Record(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            mode: try row.decode(column: "mode", as: String.self),
            asOf: try row.decode(column: "as_of", as: String.self),
            fileName: try row.decode(column: "file_name", as: String.self),
            source: try row.decode(column: "source", as: String.self),
            importedAt: try row.instant("imported_at"),
            summary: summary
        )
    }
}
