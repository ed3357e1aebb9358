import Foundation
import Hummingbird
import SQLKit
import SuppleCore
import SuppleStore

/// The one gate for every staff route about one member: the member must exist, and the viewer
/// must be on their care team or an admin (`AccessPolicy.mayOpenRecord`). Opening a page of the
/// record names its audit action, written in the same transaction as the check.
struct RecordAccess: Sendable {
    let database: any Database
    let clock: any WallClock

    /// The member a staff URL names (`idText`), or 404; 403 when not on the viewer's caseload.
    func member(_ idText: String?, viewer: AccountRecord, auditing action: String? = nil, clientAddress: String?) async throws -> AccountRecord {
        guard let action else { return try await database.read { db in try await Self.member(idText, viewer: viewer, in: db) } }
        let now = clock.now()
        return try await database.transaction { db in
            let member = try await Self.member(idText, viewer: viewer, in: db)
            try await AuditLog.record(
                .init(occurredAt: now, actorID: viewer.id, action: action, subjectAccountID: member.id, clientAddress: clientAddress),
                in: db
            )
            return member
        }
    }

    static func member(_ idText: String?, viewer: AccountRecord, in db: any SQLDatabase) async throws -> AccountRecord {
        guard let id = idText.flatMap(UUID.init(uuidString:)),
            let member = try await AccountRepository.find(id: id, in: db), member.role == .member
        else { throw HTTPError(.notFound) }
        let assigned = try await CareTeamRepository.isAssigned(memberID: member.id, staffID: viewer.id, in: db)
        guard AccessPolicy.mayOpenRecord(viewer.actor, assignedToMember: assigned) else { throw AccessDenied() }
        return member
    }
}
