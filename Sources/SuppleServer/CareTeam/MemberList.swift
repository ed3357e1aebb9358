import Foundation
import SQLKit
import SuppleCore
import SuppleStore

/// The members a staff member may list: their own, or everyone for an admin. Reading the list
/// shows personal data, so each reading is audited in the same transaction.
enum MemberList {
    static func visible(to viewer: AccountRecord, now: Date, clientAddress: String?, in db: any SQLDatabase) async throws -> [AccountRecord] {
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
}
