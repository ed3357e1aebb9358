import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// The care team's work list, for the web workspace and the staff API alike: the queue, the
/// members a staff member may list, and closing an alert. Every reading of personal data is
/// audited in the same transaction as the reading.
struct CaseloadService: Sendable {
    let database: any Database
    let clock: any WallClock

    /// The viewer's queue now: open alerts and unread threads, most urgent first.
    func queue(for viewer: AccountRecord, clientAddress: String?) async throws -> [QueueRow] {
        let now = clock.now()
        return try await database.transaction { db in try await QueueRow.load(for: viewer, now: now, clientAddress: clientAddress, in: db) }
    }

    /// The members the viewer may list: their own, or everyone (first 200) for an admin.
    func members(visibleTo viewer: AccountRecord, clientAddress: String?) async throws -> [AccountRecord] {
        let now = clock.now()
        return try await database.transaction { db in try await Self.listed(visibleTo: viewer, now: now, clientAddress: clientAddress, in: db) }
    }

    /// The listable members with the program's head counts (members, staff) for the page header.
    func roster(visibleTo viewer: AccountRecord, clientAddress: String?) async throws -> (members: [AccountRecord], memberCount: Int, staffCount: Int)
    {
        let now = clock.now()
        return try await database.transaction { db in
            let members = try await Self.listed(visibleTo: viewer, now: now, clientAddress: clientAddress, in: db)
            var staffCount = 0
            for role in Role.staffRoles { staffCount += try await AccountRepository.count(role: role, in: db) }
            return (members, try await AccountRepository.count(role: .member, in: db), staffCount)
        }
    }

    /// Reading the list shows personal data, so each reading is audited in the same transaction.
    private static func listed(
        visibleTo viewer: AccountRecord,
        now: Date,
        clientAddress: String?,
        in db: any SQLDatabase
    ) async throws
        -> [AccountRecord]
    {
        let members =
            AccessPolicy.seesWholeProgram(viewer.actor)
            ? try await AccountRepository.list(roles: [.member], limit: 200, in: db)
            : try await CareTeamRepository.members(of: viewer.id, limit: 200, in: db)
        try await AuditLog.record(
            .init(
                occurredAt: now,
                actorID: viewer.id,
                action: "staff.viewed_member_list",
                subjectAccountID: nil,
                detail: "rows=\(members.count)",
                clientAddress: clientAddress
            ),
            in: db
        )
        return members
    }

    /// Records who resolved the alert, when, and what they did. Only an alert in the viewer's
    /// own queue can be resolved by them (checked first, so a stranger learns nothing from the
    /// form's messages); the note is required.
    func resolve(alert id: UUID, note raw: String?, by viewer: AccountRecord, clientAddress: String?) async throws {
        let note = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let now = clock.now()
        try await database.transaction { db in
            let visible = try await CareTeamRepository.queue(staffID: viewer.id, role: viewer.role, in: db).contains { $0.alert.id == id }
            guard visible, let alert = try await AlertRepository.find(id: id, in: db) else { throw AccessDenied() }
            guard !note.isEmpty, note.count <= 500 else {
                throw ValidationFailure(field: "note", message: "Write what you did (up to 500 characters) to resolve the alert.")
            }
            _ = try await AlertRepository.resolve(id: id, by: viewer.id, note: note, at: now, in: db)
            try await AuditLog.record(
                .init(
                    occurredAt: now,
                    actorID: viewer.id,
                    action: "staff.resolved_alert",
                    subjectAccountID: alert.memberID,
                    detail: "severity=\(alert.severity.rawValue)",
                    clientAddress: clientAddress
                ),
                in: db
            )
        }
    }
}
