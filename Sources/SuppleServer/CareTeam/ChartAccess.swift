import Foundation
import Hummingbird
import SQLKit
import SuppleCore
import SuppleStore

/// The one gate for every staff route about one member: the member must exist, and the viewer
/// must be on their care team or an admin (`AccessPolicy.mayOpenRecord`).
enum ChartAccess {
    static func member(_ idText: String?, viewer: AccountRecord, in db: any SQLDatabase) async throws -> AccountRecord {
        guard let id = idText.flatMap(UUID.init(uuidString:)),
            let member = try await AccountRepository.find(id: id, in: db), member.role == .member
        else { throw HTTPError(.notFound) }
        let assigned = try await CareTeamRepository.isAssigned(memberID: member.id, staffID: viewer.id, in: db)
        guard AccessPolicy.mayOpenRecord(viewer.actor, assignedToMember: assigned) else { throw AccessDenied() }
        return member
    }
}
