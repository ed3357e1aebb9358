import Foundation
import SQLKit
import SuppleCore

/// Who looks after whom: each member's physical therapist and health coach, chosen as the staff
/// member of that role with the fewest members, and the open-alert queue each of them sees.
public enum CareTeamRepository {
    static func column(for role: Role) -> String? {
        switch role {
        case .physicalTherapist: "physical_therapist_id"
        case .healthCoach: "health_coach_id"
        default: nil
        }
    }

    /// Assigns the member a physical therapist and a health coach where they lack one.
    public static func assign(memberID: UUID, in db: any SQLDatabase) async throws {
        for role in [Role.physicalTherapist, .healthCoach] {
            guard let column = column(for: role) else { continue }
            let lightest = try await db.raw(
                """
                SELECT s.id FROM accounts s WHERE s.role = \(bind: role.rawValue) AND s.disabled_at IS NULL
                ORDER BY (SELECT COUNT(*) FROM accounts m WHERE m.\(unsafeRaw: column) = s.id), s.created_at, s.id LIMIT 1
                """
            ).first()
            guard let staffID = try lightest?.decode(column: "id", as: String.self) else { continue }
            try await db.raw(
                """
                UPDATE accounts SET \(unsafeRaw: column) = \(bind: staffID)
                WHERE id = \(bind: memberID.uuidString) AND \(unsafeRaw: column) IS NULL
                """
            ).run()
        }
    }

    /// Gives every member still without one a physical therapist and coach (e.g. when the first joins).
    public static func assignUnassigned(in db: any SQLDatabase) async throws {
        let rows = try await db.raw(
            """
            SELECT id FROM accounts WHERE role = 'member' AND (physical_therapist_id IS NULL OR health_coach_id IS NULL) ORDER BY created_at, id
            """
        ).all()
        for row in rows {
            try await assign(memberID: UUID(uuidString: try row.decode(column: "id", as: String.self))!, in: db)
        }
    }

    /// Hands every member of a staff member who is leaving to the active colleague of the same
    /// role with the fewest members, one by one, so the load stays even. Returns how many moved;
    /// with no active colleague the members wait unassigned until one joins.
    public static func handOverMembers(of staffID: UUID, role: Role, in db: any SQLDatabase) async throws -> Int {
        guard let column = column(for: role) else { return 0 }
        let released = try await db.raw(
            """
            UPDATE accounts SET \(unsafeRaw: column) = NULL WHERE \(unsafeRaw: column) = \(bind: staffID.uuidString) RETURNING id
            """
        ).all()
        try await assignUnassigned(in: db)
        return released.count
    }

    /// Hands the member to another active staff member of that role (an admin's choice). False
    /// when the staff member is not an active physical therapist or coach of that role.
    public static func reassign(memberID: UUID, role: Role, to staffID: UUID, in db: any SQLDatabase) async throws -> Bool {
        guard let column = column(for: role),
            try await db.raw(
                """
                SELECT id FROM accounts WHERE id = \(bind: staffID.uuidString) AND role = \(bind: role.rawValue) AND disabled_at IS NULL
                """
            ).first() != nil
        else { return false }
        try await db.raw(
            """
            UPDATE accounts SET \(unsafeRaw: column) = \(bind: staffID.uuidString) WHERE id = \(bind: memberID.uuidString) AND role = 'member'
            """
        ).run()
        return true
    }

    /// The staff id currently assigned to the member in each role.
    public static func assignment(memberID: UUID, in db: any SQLDatabase) async throws -> [Role: UUID] {
        guard
            let row = try await db.raw(
                """
                SELECT physical_therapist_id, health_coach_id FROM accounts WHERE id = \(bind: memberID.uuidString)
                """
            ).first()
        else { return [:] }
        var result: [Role: UUID] = [:]
        if let id = try row.decode(column: "physical_therapist_id", as: String?.self).flatMap(UUID.init(uuidString:)) {
            result[.physicalTherapist] = id
        }
        if let id = try row.decode(column: "health_coach_id", as: String?.self).flatMap(UUID.init(uuidString:)) { result[.healthCoach] = id }
        return result
    }

    /// The members this staff member looks after (as physical therapist or coach), newest first.
    public static func members(of staffID: UUID, limit: Int = 200, in db: any SQLDatabase) async throws -> [AccountRecord] {
        try await db.raw(
            """
            SELECT * FROM accounts WHERE role = 'member'
            AND (physical_therapist_id = \(bind: staffID.uuidString) OR health_coach_id = \(bind: staffID.uuidString))
            ORDER BY created_at DESC, id LIMIT \(bind: limit)
            """
        ).all().map(AccountRepository.decode)
    }

    public struct Member: Sendable, Equatable {
        public let name: String
        public let role: Role
    }

    /// The member's care team, by role.
    public static func team(memberID: UUID, in db: any SQLDatabase) async throws -> [Member] {
        try await db.raw(
            """
            SELECT s.name, s.role FROM accounts m JOIN accounts s ON s.id = m.physical_therapist_id OR s.id = m.health_coach_id
            WHERE m.id = \(bind: memberID.uuidString) ORDER BY s.role DESC
            """
        ).all().map { row in
            Member(
                name: try row.decode(column: "name", as: String.self),
                role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .physicalTherapist
            )
        }
    }

    /// Whether this staff member may see this member's record: their own members, or any for an admin.
    public static func isAssigned(memberID: UUID, staffID: UUID, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            SELECT id FROM accounts WHERE id = \(bind: memberID.uuidString)
            AND (physical_therapist_id = \(bind: staffID.uuidString) OR health_coach_id = \(bind: staffID.uuidString))
            """
        ).first() != nil
    }

    /// Raises a coach alert for each member with a plan who has done nothing in the program
    /// (no session started, walk or check-in) since `cutoff`, and whose plan is older than that.
    /// A member gets one such alert at a time: none while one is open or was resolved since the
    /// cutoff, so a coach who just reached out is not asked again the next morning.
    /// Returns how many were raised.
    @discardableResult
    public static func raiseQuietMemberAlerts(
        quietSince cutoff: Date,
        reason: String,
        source: String,
        now: Date,
        in db: any SQLDatabase
    ) async throws -> Int {
        let since = cutoff.storedMilliseconds
        let rows = try await db.raw(
            """
            SELECT m.id,
                (SELECT MAX(p.created_at) FROM plan_versions p WHERE p.member_id = m.id) AS last_plan,
                (SELECT MAX(s.started_at) FROM sessions s WHERE s.member_id = m.id) AS last_session,
                (SELECT MAX(w.recorded_at) FROM walks w WHERE w.member_id = m.id) AS last_walk,
                (SELECT MAX(c.recorded_at) FROM check_ins c WHERE c.member_id = m.id) AS last_check_in
            FROM accounts m
            WHERE m.role = 'member' AND m.disabled_at IS NULL
            AND EXISTS (SELECT 1 FROM plan_versions p WHERE p.member_id = m.id)
            AND NOT EXISTS (SELECT 1 FROM plan_versions p WHERE p.member_id = m.id AND p.created_at >= \(bind: since))
            AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.member_id = m.id AND s.started_at >= \(bind: since))
            AND NOT EXISTS (SELECT 1 FROM walks w WHERE w.member_id = m.id AND w.recorded_at >= \(bind: since))
            AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.member_id = m.id AND c.recorded_at >= \(bind: since))
            AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.member_id = m.id AND a.source = \(bind: source)
                            AND (a.resolved_at IS NULL OR a.resolved_at >= \(bind: since)))
            ORDER BY m.created_at, m.id
            """
        ).all()
        for row in rows {
            let memberID = UUID(uuidString: try row.decode(column: "id", as: String.self))!
            // The alert has been waiting since the quiet spell crossed the line, not since someone looked.
            let lastActive =
                try ["last_plan", "last_session", "last_walk", "last_check_in"].compactMap { try row.optionalInstant($0) }.max() ?? cutoff
            let waitingSince = min(now, lastActive.addingTimeInterval(now.timeIntervalSince(cutoff)))
            try await AlertRepository.insert(
                .init(memberID: memberID, severity: .support, audience: .coach, reason: reason, source: source, createdAt: waitingSince),
                in: db
            )
        }
        return rows.count
    }

    public struct QueueItem: Sendable, Equatable {
        public let alert: AlertRepository.Alert
        public let memberName: String
    }

    /// Open alerts a staff member should act on, most urgent first, then longest waiting:
    /// physical therapists see their members' clinical alerts, coaches their members' coach
    /// alerts, admins everything.
    public static func queue(staffID: UUID, role: Role, limit: Int = 200, in db: any SQLDatabase) async throws -> [QueueItem] {
        let order: SQLQueryString =
            "ORDER BY CASE al.severity WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'routine' THEN 2 ELSE 3 END, al.created_at, al.id LIMIT \(bind: limit)"
        let rows: [any SQLRow]
        if role == .admin {
            rows = try await db.raw(
                "SELECT al.*, m.name AS member_name FROM alerts al JOIN accounts m ON m.id = al.member_id WHERE al.resolved_at IS NULL " + order
            ).all()
        } else {
            guard let column = column(for: role) else { return [] }
            let audience = role == .physicalTherapist ? AlertRepository.Audience.clinical : .coach
            rows = try await db.raw(
                """
                SELECT al.*, m.name AS member_name FROM alerts al JOIN accounts m ON m.id = al.member_id
                WHERE al.resolved_at IS NULL AND al.audience = \(bind: audience.rawValue) AND m.\(unsafeRaw: column) = \(bind: staffID.uuidString)
                """ + " " + order
            ).all()
        }
        return try rows.map { QueueItem(alert: try AlertRepository.decode($0), memberName: try $0.decode(column: "member_name", as: String.self)) }
    }
}
