import Foundation
import SQLKit

/// Who did what, to whose record, when and from where. Append-only: nothing updates or deletes
/// these rows. `detail` is a short description and must never hold health data or secrets.
public enum AuditLog {
    public struct Event: Sendable, Equatable {
        public let id: UUID
        public let occurredAt: Date
        public let actorID: UUID?
        public let action: String
        public let subjectAccountID: UUID?
        public let detail: String
        public let clientAddress: String?

        public init(
            id: UUID = UUID(),
            occurredAt: Date,
            actorID: UUID?,
            action: String,
            subjectAccountID: UUID?,
            detail: String = "",
            clientAddress: String?
        ) {
            self.id = id
            self.occurredAt = occurredAt
            self.actorID = actorID
            self.action = action
            self.subjectAccountID = subjectAccountID
            self.detail = detail
            self.clientAddress = clientAddress
        }
    }

    public static func record(_ event: Event, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO audit_events (id, occurred_at, actor_id, action, subject_account_id, detail, client_address)
            VALUES (\(bind: event.id.uuidString), \(bind: event.occurredAt.storedMilliseconds), \(bind: event.actorID?.uuidString),
                \(bind: event.action), \(bind: event.subjectAccountID?.uuidString), \(bind: event.detail), \(bind: event.clientAddress))
            """
        ).run()
    }

    /// Events about one account (as actor or subject), newest first.
    public static func events(involving accountID: UUID, limit: Int = 100, in db: any SQLDatabase) async throws -> [Event] {
        try await db.raw(
            """
            SELECT * FROM audit_events WHERE subject_account_id = \(bind: accountID.uuidString) OR actor_id = \(bind: accountID.uuidString)
            ORDER BY occurred_at DESC, id LIMIT \(bind: limit)
            """
        ).all().map(decode)
    }

    /// One event of a member's trail, with who acted named for a reader of the export.
    public struct TrailEntry: Sendable, Equatable {
        public let event: Event
        public let actorEmail: String?
        public let actorRole: String?
    }

    /// Everything that touched one account, as actor or subject, oldest first: the audit trail
    /// an admin exports.
    public static func trail(for accountID: UUID, in db: any SQLDatabase) async throws -> [TrailEntry] {
        try await db.raw(
            """
            SELECT e.*, a.email AS actor_email, a.role AS actor_role FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_id
            WHERE e.subject_account_id = \(bind: accountID.uuidString) OR e.actor_id = \(bind: accountID.uuidString)
            ORDER BY e.occurred_at, e.id
            """
        ).all().map { row in
            TrailEntry(
                event: try decode(row),
                actorEmail: try row.decode(column: "actor_email", as: String?.self),
                actorRole: try row.decode(column: "actor_role", as: String?.self)
            )
        }
    }

    /// One event of the admin's audit view, with both people named.
    public struct SearchEntry: Sendable, Equatable {
        public let event: Event
        public let actorName: String?
        public let actorEmail: String?
        public let actorRole: String?
        public let subjectName: String?
    }

    /// Events in `[from, to)`, newest first, optionally only one person's actions (as actor).
    public static func search(
        actorID: UUID?,
        from: Date?,
        to: Date?,
        limit: Int,
        in db: any SQLDatabase
    ) async throws -> [SearchEntry] {
        var conditions: [SQLQueryString] = []
        if let actorID { conditions.append("e.actor_id = \(bind: actorID.uuidString)") }
        if let from { conditions.append("e.occurred_at >= \(bind: from.storedMilliseconds)") }
        if let to { conditions.append("e.occurred_at < \(bind: to.storedMilliseconds)") }
        let filter: SQLQueryString = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await db.raw(
            """
            SELECT e.*, a.name AS actor_name, a.email AS actor_email, a.role AS actor_role, s.name AS subject_name
            FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_id LEFT JOIN accounts s ON s.id = e.subject_account_id
            \(filter) ORDER BY e.occurred_at DESC, e.id LIMIT \(bind: limit)
            """
        ).all().map { row in
            SearchEntry(
                event: try decode(row),
                actorName: try row.decode(column: "actor_name", as: String?.self),
                actorEmail: try row.decode(column: "actor_email", as: String?.self),
                actorRole: try row.decode(column: "actor_role", as: String?.self),
                subjectName: try row.decode(column: "subject_name", as: String?.self)
            )
        }
    }

    static func decode(_ row: any SQLRow) throws -> Event {
        Event(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            occurredAt: try row.instant("occurred_at"),
            actorID: try row.decode(column: "actor_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            action: try row.decode(column: "action", as: String.self),
            subjectAccountID: try row.decode(column: "subject_account_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            detail: try row.decode(column: "detail", as: String.self),
            clientAddress: try row.decode(column: "client_address", as: String?.self)
        )
    }
}
