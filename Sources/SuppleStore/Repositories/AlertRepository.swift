import Foundation
import SQLKit

/// Things that need a person on the care team: raised by the engine (triage, yellow flags) and,
/// later, by sessions and check-ins. Resolving one records who, when and what they did.
public enum AlertRepository {
    public enum Severity: String, Sendable, CaseIterable { case emergency, urgent, routine, support }
    /// Who should act: clinical alerts go to physical therapists, support alerts to coaches.
    public enum Audience: String, Sendable { case clinical, coach }

    public struct Alert: Sendable, Equatable {
        public let id: UUID
        public let memberID: UUID
        public let severity: Severity
        public let audience: Audience
        /// One line for the queue, e.g. "Emergency triage at intake: T1-bladder".
        public let reason: String
        /// What raised it, e.g. "intake".
        public let source: String
        public let createdAt: Date
        public let resolvedAt: Date?

        public init(
            id: UUID = UUID(),
            memberID: UUID,
            severity: Severity,
            audience: Audience,
            reason: String,
            source: String,
            createdAt: Date,
            resolvedAt: Date? = nil
        ) {
            self.id = id
            self.memberID = memberID
            self.severity = severity
            self.audience = audience
            self.reason = reason
            self.source = source
            self.createdAt = createdAt
            self.resolvedAt = resolvedAt
        }
    }

    public static func insert(_ alert: Alert, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO alerts (id, member_id, severity, audience, reason, source, created_at)
            VALUES (\(bind: alert.id.uuidString), \(bind: alert.memberID.uuidString), \(bind: alert.severity.rawValue),
                \(bind: alert.audience.rawValue), \(bind: alert.reason), \(bind: alert.source), \(bind: alert.createdAt.storedMilliseconds))
            """
        ).run()
    }

    /// Open alerts, most urgent first, then oldest first (longest waiting).
    public static func open(limit: Int = 200, in db: any SQLDatabase) async throws -> [Alert] {
        try await db.raw(
            """
            SELECT * FROM alerts WHERE resolved_at IS NULL
            ORDER BY CASE severity WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'routine' THEN 2 ELSE 3 END, created_at, id
            LIMIT \(bind: limit)
            """
        ).all().map(decode)
    }

    public static func forMember(_ memberID: UUID, in db: any SQLDatabase) async throws -> [Alert] {
        try await db.raw("SELECT * FROM alerts WHERE member_id = \(bind: memberID.uuidString) ORDER BY created_at DESC, id").all().map(decode)
    }

    /// Closes an open alert with who, when and what they did. False if it was already resolved.
    public static func resolve(id: UUID, by staffID: UUID, note: String, at instant: Date, in db: any SQLDatabase) async throws -> Bool {
        let rows = try await db.raw(
            """
            UPDATE alerts SET resolved_at = \(bind: instant.storedMilliseconds), resolved_by = \(bind: staffID.uuidString), resolution_note = \(bind: note)
            WHERE id = \(bind: id.uuidString) AND resolved_at IS NULL RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    /// Whether the member already has an open alert from this source, so it is not raised twice.
    public static func hasOpen(memberID: UUID, source: String, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            SELECT id FROM alerts WHERE member_id = \(bind: memberID.uuidString) AND source = \(bind: source) AND resolved_at IS NULL LIMIT 1
            """
        ).first() != nil
    }

    public static func find(id: UUID, in db: any SQLDatabase) async throws -> Alert? {
        try await db.raw("SELECT * FROM alerts WHERE id = \(bind: id.uuidString)").first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> Alert {
        Alert(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            memberID: UUID(uuidString: try row.decode(column: "member_id", as: String.self))!,
            severity: Severity(rawValue: try row.decode(column: "severity", as: String.self)) ?? .routine,
            audience: Audience(rawValue: try row.decode(column: "audience", as: String.self)) ?? .clinical,
            reason: try row.decode(column: "reason", as: String.self),
            source: try row.decode(column: "source", as: String.self),
            createdAt: try row.instant("created_at"),
            resolvedAt: try row.optionalInstant("resolved_at")
        )
    }
}
